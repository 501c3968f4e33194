from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.property_ticket.tests.common import EstateAccessCommon


@tagged("post_install", "-at_install")
class TestEstateAccess(EstateAccessCommon):
    """With HR, the estates a user works for are their employees': the butler of
    estate A is an employee of A whose position gives them the desk's rights."""

    @classmethod
    def make_butler(cls):
        butler = new_test_user(cls.env, "ph_butler", groups="base.group_user", name="管家 林")
        cls.butler_employee = cls.env["hr.employee"].create(
            {
                "name": "物业管家 林",
                "user_id": butler.id,
                "job_id": cls.env.ref("property_hr.job_butler").id,
                "property_estate_ids": [Command.set(cls.estate.ids)],
            }
        )
        return butler

    def test_the_estates_of_the_employees_rule_what_staff_see(self):
        butler = self.butler
        self.assertTrue(butler.has_group("property_ticket.group_ticket_desk"))
        self.assertEqual(butler.property_estate_ids, self.estate)
        self.assert_sees_estate_a_and_what_they_received(butler)

        # a second estate: at once, although the rules are cached per user
        self.butler_employee.property_estate_ids = [Command.link(self.estate_b.id)]
        self.assertEqual(butler.property_estate_ids, self.estate | self.estate_b)
        self.assertEqual(self.visible(butler, "property.ticket", self.tickets), self.tickets)
        self.assertEqual(
            self.visible(butler, "property.inspection.round", self.rounds), self.rounds
        )

        # estate A only again, then none (the employee leaves): only what they handle
        self.butler_employee.property_estate_ids = [Command.set(self.estate.ids)]
        self.assert_sees_estate_a_and_what_they_received(butler)
        self.butler_employee.property_estate_ids = [Command.clear()]
        self.assertEqual(
            self.visible(butler, "property.ticket", self.tickets), self.ticket_b_received
        )
        self.butler_employee.user_id = False
        self.assertFalse(butler.property_estate_ids)

    def test_a_team_lead_employee_sees_all(self):
        self.env["hr.employee"].create(
            {
                "name": "工程主管 周",
                "user_id": self.lead.id,
                "property_estate_ids": [Command.set(self.estate.ids)],
            }
        )
        self.assertEqual(self.lead.property_estate_ids, self.estate)
        self.assertEqual(self.visible(self.lead, "property.ticket", self.tickets), self.tickets)
