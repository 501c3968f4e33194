from contextlib import contextmanager
from datetime import date

from freezegun import freeze_time

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
        """Make `users` staff of `estates`: with property_hr installed, desk clerks and
        technicians see the requests of the estates their employees work for only."""
        Employee = cls.env["hr.employee"] if "hr.employee" in cls.env else None
        if Employee is not None and "property_estate_ids" in Employee._fields:
            Employee.with_company(estates.company_id[:1]).create(
                [
                    {
                        "name": user.name,
                        "user_id": user.id,
                        "property_estate_ids": [(6, 0, estates.ids)],
                    }
                    for user in users
                ]
            )

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
