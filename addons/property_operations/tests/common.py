from contextlib import contextmanager

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.property_ticket.tests.common import TicketCommon


class OperationsCommon(TicketCommon):
    """The estate of TicketCommon (its elevator facility A1 1号电梯) and its engineering:
    an engineer, an operations manager, a maintenance team, two elevators (one in the
    facility, one in building B1) and a fire alarm panel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.engineer = new_test_user(
            cls.env,
            "po_engineer",
            groups="property_operations.group_operations_engineer",
            name="工程部 孙工",
        )
        cls.ops_manager = new_test_user(
            cls.env,
            "po_manager",
            groups="property_operations.group_operations_manager",
            name="总工 钱",
        )
        cls.kind_elevator = cls.env.ref("property_operations.equipment_category_elevator")
        cls.kind_fire = cls.env.ref("property_operations.equipment_category_fire_system")
        cls.maintenance_team = cls.env["maintenance.team"].create(
            {"name": "电梯维保组", "company_id": cls.env.company.id}
        )
        cls.contractor = cls.env["res.partner"].create(
            {"name": "日立电梯维保公司", "is_company": True}
        )
        Equipment = cls.env["maintenance.equipment"]
        cls.lift_a, cls.lift_b, cls.fire_panel = Equipment.create(
            [
                {
                    "name": "A1 1号电梯",
                    "category_id": cls.kind_elevator.id,
                    "property_facility_id": cls.elevator.id,
                    "property_contractor_id": cls.contractor.id,
                },
                {
                    "name": "B1 1号电梯",
                    "category_id": cls.kind_elevator.id,
                    "property_estate_id": cls.estate.id,
                    "property_building_id": cls.building_b.id,
                },
                {
                    "name": "火灾报警控制器",
                    "category_id": cls.kind_fire.id,
                    "property_estate_id": cls.estate.id,
                },
            ]
        )
        cls.Plan = cls.env["property.maintenance.plan"]
        cls.Order = cls.env["maintenance.request"]

    @classmethod
    def plan(cls, **values):
        """The half-monthly elevator plan of the estate, from 2 March 2026."""
        return cls.Plan.create(
            {
                "name": "电梯半月保养",
                "category_id": cls.kind_elevator.id,
                "estate_id": cls.estate.id,
                "date_start": "2026-03-02",
                "maintenance_team_id": cls.maintenance_team.id,
                **values,
            }
        )

    @contextmanager
    def at(self, when):
        with freeze_time(when):
            yield
            self.env.flush_all()

    def run_cron(self, when, **kwargs):
        """Run the scheduler at `when` (UTC); the orders it created."""
        with self.at(when):
            return self.Plan._cron_generate_orders(**kwargs)

    def orders_of(self, plan):
        return self.Order.search(
            [("property_plan_id", "=", plan.id)], order="property_plan_date, equipment_id"
        )
