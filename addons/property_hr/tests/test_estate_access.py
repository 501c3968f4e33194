from datetime import date

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.property_ticket.tests.common import TicketCommon


@tagged("post_install", "-at_install")
class TestEstateAccess(TicketCommon):
    """Desk rights per estate: a butler of estate A (the estate of TicketCommon) and
    requests, visits and rounds of A and of a second estate B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_b = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CHB"})
        butler = new_test_user(cls.env, "ph_butler", groups="base.group_user", name="管家 林")
        cls.butler_employee = cls.env["hr.employee"].create(
            {
                "name": "物业管家 林",
                "user_id": butler.id,
                "job_id": cls.env.ref("property_hr.job_butler").id,
                "property_estate_ids": [Command.set(cls.estate.ids)],
            }
        )
        cls.butler = butler
        cls.ticket_a = cls.ticket(subject="A 厨房漏水")
        cls.ticket_b, cls.ticket_b_received = cls.env["property.ticket"].create(
            [
                {
                    "subject": "B 路灯不亮",
                    "ticket_type": "public_area",
                    "estate_id": cls.estate_b.id,
                },
                {
                    "subject": "B 管家接报",
                    "ticket_type": "public_area",
                    "estate_id": cls.estate_b.id,
                    "receiver_id": butler.id,
                },
            ]
        )
        cls.tickets = cls.ticket_a | cls.ticket_b | cls.ticket_b_received
        Followup = cls.env["property.ticket.followup"]
        cls.followup_a, cls.followup_b = Followup.create(
            [
                {"ticket_id": ticket.id, "date_due": date(2026, 3, 5), "user_id": cls.desk.id}
                for ticket in cls.ticket_a | cls.ticket_b
            ]
        )
        Template = cls.env["property.inspection.template"]
        Round = cls.env["property.inspection.round"]
        cls.rounds = Round
        for estate in cls.estate | cls.estate_b:
            template = Template.create(
                {
                    "name": f"{estate.name} 巡查",
                    "estate_id": estate.id,
                    "date_start": date(2026, 3, 1),
                }
            )
            cls.rounds |= Round.create(
                {"template_id": template.id, "estate_id": estate.id, "date": date(2026, 3, 2)}
            )
        cls.round_a, cls.round_b = cls.rounds

    def visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_butler_sees_the_requests_of_their_estates(self):
        butler = self.butler
        self.assertTrue(butler.has_group("property_ticket.group_ticket_desk"))
        self.assertEqual(butler.property_estate_ids, self.estate)
        # the request they received themselves stays visible, whatever the estate
        self.assertEqual(
            self.visible(butler, "property.ticket", self.tickets),
            self.ticket_a | self.ticket_b_received,
        )
        self.ticket_a.with_user(butler).read(["subject"])
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(butler).read(["subject"])
        Ticket = self.env["property.ticket"].with_user(butler)
        self.assertFalse(Ticket.name_search(self.ticket_b.name))
        self.assertEqual([r[0] for r in Ticket.name_search(self.ticket_a.name)], self.ticket_a.ids)
        self.assertEqual(
            self.visible(butler, "property.ticket.followup", self.followup_a | self.followup_b),
            self.followup_a,
        )
        self.assertEqual(
            self.visible(butler, "property.inspection.round", self.rounds), self.round_a
        )

        # a second estate: at once, although the rules are cached per user
        self.butler_employee.property_estate_ids = [Command.link(self.estate_b.id)]
        self.assertEqual(butler.property_estate_ids, self.estate | self.estate_b)
        self.assertEqual(self.visible(butler, "property.ticket", self.tickets), self.tickets)
        self.ticket_b.with_user(butler).read(["subject"])
        self.assertEqual(
            self.visible(butler, "property.inspection.round", self.rounds), self.rounds
        )

        # estate A only again, then none (the employee leaves): only what they handle
        self.butler_employee.property_estate_ids = [Command.set(self.estate.ids)]
        self.assertNotIn(self.ticket_b, self.visible(butler, "property.ticket", self.tickets))
        self.butler_employee.property_estate_ids = [Command.clear()]
        self.assertEqual(
            self.visible(butler, "property.ticket", self.tickets), self.ticket_b_received
        )
        self.butler_employee.user_id = False
        self.assertFalse(butler.property_estate_ids)

    def test_staff_without_estates_see_none_and_leads_see_all(self):
        desk = new_test_user(self.env, "ph_desk_none", groups="property_ticket.group_ticket_desk")
        technician = new_test_user(
            self.env, "ph_technician_none", groups="property_ticket.group_ticket_technician"
        )
        self.assertFalse(desk.property_estate_ids)
        self.assertFalse(self.visible(desk, "property.ticket", self.tickets))
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(desk).read(["subject"])
        followups = self.followup_a | self.followup_b
        self.assertFalse(self.visible(technician, "property.ticket.followup", followups))
        self.assertFalse(self.visible(technician, "property.inspection.round", self.rounds))
        # a team lead of estate A: the technicians' rule and the leads' are OR-ed
        self.env["hr.employee"].create(
            {
                "name": "工程主管 周",
                "user_id": self.lead.id,
                "property_estate_ids": [Command.set(self.estate.ids)],
            }
        )
        self.assertEqual(self.lead.property_estate_ids, self.estate)
        self.assertEqual(self.visible(self.lead, "property.ticket", self.tickets), self.tickets)
        self.assertEqual(
            self.visible(self.lead, "property.ticket.followup", self.followup_a | self.followup_b),
            self.followup_a | self.followup_b,
        )
        self.ticket_b.with_user(self.ticket_manager).read(["subject"])
