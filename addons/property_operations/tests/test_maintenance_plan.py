from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestMaintenancePlan(OperationsCommon):
    def test_new_plan_starts_from_the_kind_rhythm(self):
        """New: the kind gives the interval and lead time (elevators every 15 days, 3 days
        ahead; fire systems monthly, 7 days ahead); the engineer may change them."""
        with self.at("2026-03-01 02:00:00"):
            with Form(self.Plan.with_user(self.engineer)) as form:
                self.assertEqual(form.company_id, self.env.company)
                self.assertEqual(form.date_start, date(2026, 3, 1))
                form.name = "电梯半月保养"
                form.category_id = self.kind_elevator
                self.assertEqual((form.interval_number, form.interval_unit), (15, "day"))
                self.assertEqual(form.lead_days, 3)
                form.category_id = self.kind_fire
                self.assertEqual((form.interval_number, form.interval_unit), (1, "month"))
                self.assertEqual(form.lead_days, 7)
                form.lead_days = 10
                form.estate_id = self.estate
            plan = form.record
            self.assertEqual(plan.lead_days, 10)
            self.assertEqual(plan.next_date, date(2026, 3, 1))
            self.assertEqual(plan.equipment_count, 1)

    def test_dates_count_from_the_start(self):
        plan = self.plan(date_start="2026-01-31", interval_number=1, interval_unit="month")
        self.assertEqual(
            plan._occurrences(date(2026, 2, 1), date(2026, 5, 31)),
            [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)],
        )
        plan.write({"interval_number": 15, "interval_unit": "day", "date_start": "2026-03-02"})
        self.assertEqual(
            plan._occurrences(date(2026, 3, 10), date(2026, 4, 1)),
            [date(2026, 3, 17), date(2026, 4, 1)],
        )
        self.assertEqual(plan._occurrences(date(2026, 1, 1), date(2026, 3, 1)), [])

    def test_orders_come_at_the_lead_time_once(self):
        """Elevators every 15 days from 2 March, 3 days ahead: the orders of 2 March
        come on 27 February (Beijing time), one per elevator of the estate, however often
        the scheduler runs; those of 17 March on the 14th."""
        plan = self.plan()
        self.assertFalse(self.run_cron("2026-02-26 12:00:00"), "28 Feb is not 3 days ahead")
        # 26 Feb 17:00 UTC is already 27 Feb in the company's time zone
        orders = self.run_cron("2026-02-26 17:00:00")
        self.assertEqual(orders.equipment_id, self.lift_a | self.lift_b)
        self.assertEqual(set(orders.mapped("property_plan_date")), {date(2026, 3, 2)})
        self.assertEqual(set(orders.mapped("request_date")), {date(2026, 3, 2)})
        self.assertEqual(set(orders.mapped("maintenance_type")), {"preventive"})
        self.assertEqual(orders.maintenance_team_id, self.maintenance_team)
        self.assertEqual(orders.property_estate_id, self.estate)
        self.assertEqual(
            sorted(orders.mapped("name")),
            ["电梯半月保养 - A1 1号电梯", "电梯半月保养 - B1 1号电梯"],
        )
        # the same day again, and the next days: nothing more
        self.assertFalse(self.run_cron("2026-02-26 18:00:00"))
        self.assertFalse(self.run_cron("2026-03-01 01:00:00"))
        self.assertFalse(self.run_cron("2026-03-13 12:00:00"))
        orders_17 = self.run_cron("2026-03-14 01:00:00")
        self.assertEqual(set(orders_17.mapped("property_plan_date")), {date(2026, 3, 17)})
        self.assertFalse(self.run_cron("2026-03-14 02:00:00"))
        self.assertEqual(len(self.orders_of(plan)), 4)
        self.assertEqual(plan.request_count, 4)
        self.assertEqual(self.Order.search(plan.action_view_orders()["domain"]), orders | orders_17)

    def test_one_order_per_plan_equipment_and_date_in_the_database(self):
        """Two schedulers at once would both try: the database refuses the second."""
        plan = self.plan()
        order = self.run_cron("2026-02-28 01:00:00")[:1]
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Order.create(
                {
                    "name": "duplicate",
                    "equipment_id": order.equipment_id.id,
                    "maintenance_team_id": self.maintenance_team.id,
                    "property_plan_id": plan.id,
                    "property_plan_date": order.property_plan_date,
                }
            )

    def test_scrapped_and_archived_equipment_and_archived_plans(self):
        plan = self.plan()
        fire_plan = self.plan(name="消防月检", category_id=self.kind_fire.id)
        self.lift_b.scrap_date = "2026-03-01"
        self.fire_panel.active = False
        orders = self.run_cron("2026-02-28 01:00:00")
        self.assertEqual(orders.equipment_id, self.lift_a)
        self.assertFalse(self.orders_of(fire_plan))
        plan.active = False
        self.assertFalse(self.run_cron("2026-03-15 01:00:00"))

    def test_an_order_is_cancelled_not_deleted(self):
        """The engineer cannot delete a plan's order (the scheduler would make it again):
        cancelled, it stays, and no other comes for that date."""
        plan = self.plan()
        order = self.run_cron("2026-02-28 01:00:00")[:1]
        with self.assertRaises(UserError):
            order.with_user(self.engineer).unlink()
        order.with_user(self.engineer).archive_equipment_request()
        self.assertTrue(order.archive)
        self.assertFalse(self.run_cron("2026-02-28 02:00:00"))
        self.assertEqual(len(self.orders_of(plan)), 2)
        # an order raised by hand is deleted as Maintenance allows
        manual = self.Order.with_user(self.engineer).create(
            {"name": "电梯异响", "equipment_id": self.lift_a.id}
        )
        manual.unlink()
        self.assertFalse(manual.exists())

    def test_batches(self):
        plan = self.plan()
        first = self.run_cron("2026-02-28 01:00:00", batch_size=1)
        self.assertEqual(len(first), 1)
        second = self.run_cron("2026-02-28 01:00:00", batch_size=1)
        self.assertEqual(len(second), 1)
        self.assertFalse(self.run_cron("2026-02-28 01:00:00", batch_size=1))
        self.assertEqual(self.orders_of(plan), first | second)

    def test_engineering_generates_now(self):
        """The engineer presses Create Due Orders rather than wait for the night; staff
        may read a plan but not change it or generate its orders."""
        plan = self.plan()
        with self.at("2026-02-28 01:00:00"):
            with self.assertRaises(AccessError):
                plan.with_user(self.staff).action_generate_orders()
            with self.assertRaises(AccessError):
                plan.with_user(self.staff).lead_days = 5
            action = plan.with_user(self.engineer).action_generate_orders()
            self.assertEqual(
                self.Order.search(action["domain"]).equipment_id, self.lift_a | self.lift_b
            )
            self.assertFalse(
                self.Order.search(plan.with_user(self.engineer).action_generate_orders()["domain"])
            )
        self.assertEqual(plan.with_user(self.staff).name, "电梯半月保养")
        with self.assertRaises(AccessError):
            self.plan(name="多余计划").with_user(self.engineer).unlink()
        self.plan(name="多余计划").with_user(self.ops_manager).unlink()

    def test_each_company_plans_its_own(self):
        """A plan for every estate takes its company's equipment only; a company without
        a maintenance team gets one with its first order; each company's engineers see
        their plans and orders only."""
        company_2, estate_2, _unit_2 = self.second_company()
        engineer_2 = self.company_user(
            company_2, "po_engineer_2", "property_operations.group_operations_engineer"
        )
        company_2.partner_id.tz = "Asia/Shanghai"
        lift_2 = (
            self.env["maintenance.equipment"]
            .with_user(engineer_2)
            .create(
                {
                    "name": "滨江府 1号电梯",
                    "category_id": self.kind_elevator.id,
                    "property_estate_id": estate_2.id,
                }
            )
        )
        with Form(self.Plan.with_user(engineer_2)) as form:
            form.name = "滨江府 电梯保养"
            form.category_id = self.kind_elevator
            form.date_start = "2026-03-02"
        plan_2 = form.record
        plan = self.plan(estate_id=False)
        orders = self.run_cron("2026-02-28 01:00:00")
        # (and the company's other elevators, if the database has demo data)
        self.assertLessEqual(self.lift_a | self.lift_b, self.orders_of(plan).equipment_id)
        self.assertEqual(self.orders_of(plan).company_id, self.env.company)
        order_2 = self.orders_of(plan_2)
        self.assertEqual(order_2.equipment_id, lift_2)
        self.assertEqual(order_2.company_id, company_2)
        self.assertEqual(order_2.maintenance_team_id.company_id, company_2)
        self.assertEqual(orders, self.orders_of(plan) | order_2)
        self.assertEqual(self.Plan.with_user(engineer_2).search([]), plan_2)
        self.assertEqual(
            self.Order.with_user(engineer_2).search([("property_plan_id", "!=", False)]), order_2
        )
        with self.assertRaises(AccessError):
            plan.with_user(engineer_2).read(["name"])
