from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from odoo.addons.property_billing.tests.common import BillingCommon


class TicketCommon(BillingCommon):
    """The estate of BillingCommon (units with payers) and its people: a maintenance
    team with its leader and two technicians, a desk clerk, a request manager who is
    the estate's project manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Asia/Shanghai"
        # "the same day" and working hours are the company's calendar's
        cls.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.technician = new_test_user(
            cls.env,
            "pt_technician",
            groups="property_ticket.group_ticket_technician",
            name="维修工 李师傅",
        )
        cls.technician_2 = new_test_user(
            cls.env,
            "pt_technician_2",
            groups="property_ticket.group_ticket_technician",
            name="维修工 赵师傅",
        )
        cls.desk = new_test_user(
            cls.env, "pt_desk", groups="property_ticket.group_ticket_desk", name="客服 小陈"
        )
        cls.lead = new_test_user(
            cls.env, "pt_lead", groups="property_ticket.group_ticket_lead", name="工程主管 周"
        )
        cls.ticket_manager = new_test_user(
            cls.env,
            "pt_manager",
            groups="property_ticket.group_ticket_manager",
            name="项目经理 吴",
        )
        cls.estate.manager_id = cls.ticket_manager
        cls.team = cls.env["property.team"].create(
            {
                "name": "工程维修部",
                "leader_id": cls.lead.id,
                "member_ids": [(6, 0, (cls.technician | cls.technician_2).ids)],
                "estate_ids": [(6, 0, cls.estate.ids)],
            }
        )
        cls.category_water = cls.env.ref("property_ticket.ticket_category_water")
        cls.category_leak = cls.env.ref("property_ticket.ticket_category_water_leak")
        cls.category_power = cls.env.ref("property_ticket.ticket_category_power")
        cls.category_elevator = cls.env.ref("property_ticket.ticket_category_elevator")
        cls.category_doors = cls.env.ref("property_ticket.ticket_category_doors_windows")
        cls.category_appliance = cls.env.ref("property_ticket.ticket_category_appliance")
        cls.elevator = cls.env["property.facility"].create(
            {
                "name": "A1 1号电梯",
                "facility_type": "elevator",
                "estate_id": cls.estate.id,
                "building_id": cls.building_a.id,
                "team_id": cls.team.id,
            }
        )
        cls.work_for(cls.desk | cls.technician | cls.technician_2, cls.estate)
        cls.occupy(cls.unit_a1, cls.tenant_wang, role="tenant", date_from=date(2021, 3, 1))
        cls.tenant_wang.phone = "13800138000"

    @classmethod
    def work_for(cls, users, estates):
        """Make `users` staff of `estates`: desk clerks and technicians see the requests
        of their estates only (and those they handle)."""
        users.property_estate_ids = [(6, 0, estates.ids)]

    @classmethod
    def ticket(cls, **values):
        """A repair request of unit A1-1203 for the maintenance team, received now."""
        return cls.env["property.ticket"].create(
            {
                "subject": "厨房水龙头漏水",
                "ticket_type": "repair",
                "unit_id": cls.unit_a1.id,
                "category_id": cls.category_doors.id,
                "team_id": cls.team.id,
                **values,
            }
        )

    @contextmanager
    def at(self, when):
        """Freeze the clock, and compute what depends on it (overdue...) before leaving."""
        with freeze_time(when):
            yield
            self.env.flush_all()

    @staticmethod
    def sign(ticket):
        ticket.write({"signature": "iVBORw0KGgo=", "signed_by": ticket.partner_id.name})

    def run_to_done(self, ticket, user=None):
        """Dispatch to the first technician, who takes over, starts and finishes."""
        user = user or self.technician
        ticket.user_id = user
        ticket.with_user(self.desk).action_dispatch()
        ticket.with_user(user).action_take()
        ticket.with_user(user).action_start()
        ticket.with_user(user).action_done()
        return ticket


class EstateAccessCommon(TicketCommon):
    """Desk rights per estate: a butler of estate A (the estate of TicketCommon) and
    requests, visits and rounds of A and of a second estate B, one request of B
    received by the butler."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_b = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CHB"})
        cls.butler = cls.make_butler()
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
                    "receiver_id": cls.butler.id,
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
        cls.followups = cls.followup_a | cls.followup_b
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

    @classmethod
    def make_butler(cls):
        """A desk clerk of estate A."""
        butler = new_test_user(
            cls.env, "pt_butler", groups="property_ticket.group_ticket_desk", name="管家 林"
        )
        cls.work_for(butler, cls.estate)
        return butler

    def visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def assert_sees_estate_a_and_what_they_received(self, butler):
        self.assertEqual(
            self.visible(butler, "property.ticket", self.tickets),
            self.ticket_a | self.ticket_b_received,
        )
        self.ticket_a.with_user(butler).read(["subject"])
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(butler).read(["subject"])
        self.assertEqual(
            self.visible(butler, "property.ticket.followup", self.followups), self.followup_a
        )
        self.assertEqual(
            self.visible(butler, "property.inspection.round", self.rounds), self.round_a
        )
