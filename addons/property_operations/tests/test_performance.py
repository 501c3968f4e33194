from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import OperationsCommon

# the scheduler's queries: the plans and their companies, the equipment, the orders
# already made, the stage and the teams; then the create: the orders (Odoo inserts 100
# rows a statement), their related fields, followers (per technician), the checklists
# (one search of the kinds' items, then their lines, 100 rows a statement as well), the
# equipment's counters
QUERIES = 34


@tagged("post_install", "-at_install")
class TestPreventiveOrdersPerformance(OperationsCommon):
    def generate(self, when):
        """Run the scheduler at `when` as a running server would (caches warm), counting
        its queries."""
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(when), self.assertQueryCount(QUERIES):
            orders = self.Plan._cron_generate_orders()
            self.env.flush_all()
        return orders

    def test_queries_do_not_grow_with_plans(self):
        """The orders of one plan for 40 elevators, then of 40 plans for 40 kinds of
        equipment: the same queries. They grow with the number of technicians the orders
        go to (two here), not with the plans."""
        Equipment = self.env["maintenance.equipment"]
        technicians = self.technician | self.technician_2
        lifts = (
            self.lift_a
            | self.lift_b
            | Equipment.create(
                [
                    {
                        "name": f"电梯 {i}",
                        "category_id": self.kind_elevator.id,
                        "property_estate_id": self.estate.id,
                    }
                    for i in range(38)
                ]
            )
        )
        for i, lift in enumerate(lifts):
            lift.technician_user_id = technicians[i % 2]
        self.fire_panel.technician_user_id = self.technician
        fire_plan = self.plan(
            name="消防月检", category_id=self.kind_fire.id, date_start="2026-02-20"
        )
        self.assertEqual(len(self.run_cron("2026-02-14 01:00:00")), 1)  # caches warm

        self.plan()
        orders = self.generate("2026-02-28 01:00:00")
        self.assertEqual(orders.equipment_id, lifts)
        # the elevators' 10 items (data): 400 lines, as for the 40 kinds of 10 below
        elevator_items = self.kind_elevator.property_check_item_ids
        self.assertEqual(len(elevator_items), 10)
        self.assertEqual({len(order.property_check_ids) for order in orders}, {len(elevator_items)})

        kinds = self.env["maintenance.equipment.category"].create(
            [
                {
                    "name": f"设备类别 {i}",
                    "technician_user_id": False,
                    "property_check_item_ids": [
                        Command.create({"name": f"检查项 {i}-{j}"}) for j in range(10)
                    ],
                }
                for i in range(40)
            ]
        )
        machines = Equipment.create(
            [
                {
                    "name": f"设备 {i}",
                    "category_id": kind.id,
                    "property_estate_id": self.estate.id,
                    "technician_user_id": technicians[i % 2].id,
                }
                for i, kind in enumerate(kinds)
            ]
        )
        plans = self.Plan.create(
            [
                {"name": f"计划 {i}", "category_id": kind.id, "date_start": "2026-04-01"}
                for i, kind in enumerate(kinds)
            ]
        )
        self.assertEqual(plans.mapped("lead_days"), [7] * 40)
        orders = self.generate("2026-03-28 01:00:00")
        self.assertEqual(orders.equipment_id, machines)
        self.assertEqual(orders.property_plan_id, plans)
        self.assertEqual(orders.property_check_ids.item_id, kinds.property_check_item_ids)
        self.assertEqual(len(orders.property_check_ids), 400)
        self.assertFalse(self.orders_of(fire_plan) & orders)


# the flag jobs' queries: the companies and their time zones, the orders (or equipment)
# to flag, the open activities, the activities' insert and their people subscribed (per
# person; the equipment's two kinds of activity are two batches), the flags written,
# what remains
FLAG_QUERIES = 22
EXPIRY_QUERIES = 25


@tagged("post_install", "-at_install")
class TestFlagsPerformance(OperationsCommon):
    def count(self, when, method, expected):
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(when), self.assertQueryCount(expected):
            flagged = method()
            self.env.flush_all()
        return flagged

    def machines(self, count, kind, **values):
        technicians = self.technician | self.technician_2
        return self.env["maintenance.equipment"].create(
            [
                {
                    "name": f"{kind.name} {i}",
                    "category_id": kind.id,
                    "property_estate_id": self.estate.id,
                    "technician_user_id": technicians[i % 2].id,
                    **values,
                }
                for i in range(count)
            ]
        )

    def test_overdue_flags_do_not_grow_with_orders(self):
        """40 overdue orders, then 80: the same queries (two technicians)."""
        kind_a, kind_b = self.env["maintenance.equipment.category"].create(
            [{"name": "甲类设备", "technician_user_id": False}, {"name": "乙类设备"}]
        )
        self.machines(40, kind_a)
        self.machines(80, kind_b)
        self.fire_panel.technician_user_id = self.technician
        fire_plan = self.plan(
            name="消防月检", category_id=self.kind_fire.id, date_start="2026-02-20"
        )
        self.plan(name="甲", category_id=kind_a.id, date_start="2026-03-02")
        self.plan(name="乙", category_id=kind_b.id, date_start="2026-03-20")
        self.run_cron("2026-02-14 01:00:00")
        with freeze_time("2026-02-22 01:00:00"):
            self.assertEqual(len(self.Order._cron_flag_overdue()), 1)  # caches warm
        fire_plan.active = False
        self.run_cron("2026-02-28 01:00:00")
        self.assertEqual(
            len(self.count("2026-03-04 01:00:00", self.Order._cron_flag_overdue, FLAG_QUERIES)), 40
        )
        self.run_cron("2026-03-14 01:00:00")
        self.assertEqual(
            len(self.count("2026-03-22 01:00:00", self.Order._cron_flag_overdue, FLAG_QUERIES)), 80
        )

    def test_expiry_flags_do_not_grow_with_equipment(self):
        Equipment = self.env["maintenance.equipment"]
        self.fire_panel.write(
            {"technician_user_id": self.technician.id, "property_inspection_due": "2026-03-01"}
        )
        with freeze_time("2026-02-20 01:00:00"):
            self.assertIn(self.fire_panel, Equipment._cron_flag_expiring())  # caches warm
        self.machines(40, self.kind_fire, property_inspection_due="2026-04-10")
        self.machines(80, self.kind_fire, property_inspection_due="2026-06-10")
        flagged = self.count("2026-03-15 01:00:00", Equipment._cron_flag_expiring, EXPIRY_QUERIES)
        self.assertEqual(len(flagged.filtered(lambda e: e.property_estate_id == self.estate)), 40)
        flagged = self.count("2026-05-15 01:00:00", Equipment._cron_flag_expiring, EXPIRY_QUERIES)
        self.assertEqual(len(flagged.filtered(lambda e: e.property_estate_id == self.estate)), 80)
