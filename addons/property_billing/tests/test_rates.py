from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user

from odoo.addons.property_billing.models.property_rate_plan import prorated_months

from .common import BillingCommon

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


class TestRates(BillingCommon):
    def charges(self, schedule, period=JUNE):
        return schedule._charge_values(*period)

    def amount(self, values):
        return round(sum(v["quantity"] * v["price_unit"] for v in values), 2)

    def test_prorated_months(self):
        self.assertEqual(prorated_months(date(2026, 6, 1), date(2026, 6, 30)), 1)
        self.assertEqual(prorated_months(date(2026, 6, 16), date(2026, 6, 30)), 0.5)
        self.assertAlmostEqual(prorated_months(date(2026, 1, 1), date(2026, 6, 30)), 6)
        self.assertAlmostEqual(prorated_months(date(2026, 2, 15), date(2026, 3, 31)), 14 / 28 + 1)

    def test_building_area_per_month(self):
        plan = self.plan(self.fee_management, "building_area", 2.5)
        values = self.charges(self.schedule(self.unit_a1, plan))
        self.assertEqual(len(values), 1)
        self.assertEqual(values[0]["quantity"], 98.5)
        self.assertEqual(self.amount(values), 246.25)
        self.assertEqual(values[0]["partner_id"], self.owner_zhang.id)
        self.assertEqual(values[0]["period_start"], date(2026, 6, 1))

    def test_inner_area_and_fixed(self):
        inner = self.plan(self.fee_management, "inner_area", 3.0)
        parking = self.plan(self.fee_parking, "fixed", 300.0)
        values = self.charges(self.schedule(self.unit_a1, inner | parking))
        by_product = {v["product_id"]: v for v in values}
        self.assertEqual(by_product[self.fee_management.id]["quantity"], 80.2)
        self.assertEqual(self.amount([by_product[self.fee_parking.id]]), 300.0)

    def test_quarter_is_three_months(self):
        plan = self.plan(self.fee_management, "building_area", 2.0)
        schedule = self.schedule(self.unit_b1, plan, cycle="quarterly")
        values = self.charges(schedule, (date(2026, 7, 1), date(2026, 9, 30)))
        self.assertEqual(self.amount(values), 450.0)

    def test_proration_when_the_schedule_starts_mid_month(self):
        plan = self.plan(self.fee_management, "building_area", 2.0)
        schedule = self.schedule(self.unit_b1, plan, date_start=date(2026, 6, 16))
        values = self.charges(schedule)
        self.assertEqual(values[0]["period_start"], date(2026, 6, 16))
        self.assertEqual(self.amount(values), 75.0)

    def test_plan_validity_limits_the_period(self):
        plan = self.plan(self.fee_management, "fixed", 100.0, date_to=date(2026, 6, 15))
        self.assertEqual(self.amount(self.charges(self.schedule(self.unit_a1, plan))), 50.0)

    def test_custody_factor_on_management_fee_only(self):
        management = self.plan(self.fee_management, "building_area", 2.0)
        parking = self.plan(self.fee_parking, "fixed", 300.0)
        schedule = self.schedule(self.unit_a2, management | parking)
        self.unit_a2.current_occupancy_ids.is_resident = False
        custody = self.env["property.custody"].create(
            {"unit_id": self.unit_a2.id, "date_start": date(2026, 6, 16)}
        )
        custody.action_start()
        values = {v["product_id"]: v for v in self.charges(schedule)}
        # half the month at 100 %, half at 70 %: 120 m² × 2.0 × 0.85
        self.assertEqual(self.amount([values[self.fee_management.id]]), 204.0)
        self.assertEqual(self.amount([values[self.fee_parking.id]]), 300.0)
        self.env.company.custody_fee_factor = 50
        values = {v["product_id"]: v for v in self.charges(schedule)}
        self.assertEqual(self.amount([values[self.fee_management.id]]), 180.0)

    def test_custody_month_billed_to_the_fen(self):
        """In custody until 20 July (of 31 days) at 70 %, 2.00 / m², 100 m²: 200 × (20 ×
        0.7 + 11) / 31 = 161.29, not 161.30 from months rounded first; the label's
        arithmetic gives the amount."""
        self.unit_a2.building_area = 100
        plan = self.plan(self.fee_management, "building_area", 2.0)
        self.schedule(self.unit_a2, plan)
        self.unit_a2.current_occupancy_ids.is_resident = False
        custody = self.env["property.custody"].create(
            {"unit_id": self.unit_a2.id, "date_start": date(2026, 7, 1)}
        )
        custody.action_start()
        custody.date_end = date(2026, 7, 20)
        invoice = self.bill(date(2026, 7, 1), date(2026, 7, 31))
        self.assertEqual(invoice.amount_total, 161.29)
        self.assertIn(
            "100 m² × 2.00 × (11/31 + 20/31 × 70%) month(s)", invoice.invoice_line_ids.name
        )

    def test_metered_with_tiers(self):
        plan = self.tiered_water(self.unit_a1)
        values = self.charges(self.schedule(self.unit_a1, plan))
        self.assertEqual([(v["quantity"], v["price_unit"]) for v in values], [(20, 3.0), (10, 4.5)])
        self.assertEqual(self.amount(values), 105.0)

    def test_metered_without_tiers_and_without_consumption(self):
        plan = self.plan(self.fee_water, "metered", 3.2, meter_type="water")
        schedule = self.schedule(self.unit_a1, plan)
        self.assertEqual(self.charges(schedule), [])
        water = self.env["property.meter"].create(
            {"name": "W1", "meter_type": "water", "unit_id": self.unit_a1.id}
        )
        self.env["property.meter.reading"].create(
            [
                {"meter_id": water.id, "value": 10, "date": date(2026, 5, 1)},
                {"meter_id": water.id, "value": 15, "date": date(2026, 6, 10)},
            ]
        )
        self.assertEqual(self.amount(self.charges(schedule)), 16.0)

    def test_shared_meter_apportioned_by_area(self):
        shared = self.env["property.meter"].create(
            {
                "name": "E-A1-COMMON",
                "meter_type": "electricity",
                "estate_id": self.estate.id,
                "building_id": self.building_a.id,
            }
        )
        self.env["property.meter.reading"].create(
            [
                {"meter_id": shared.id, "value": 1000, "date": date(2026, 5, 31)},
                {"meter_id": shared.id, "value": 1437, "date": date(2026, 6, 30)},
            ]
        )
        plan = self.plan(
            self.env.ref("property_billing.product_fee_electricity"),
            "shared_meter",
            1.0,
            meter_type="electricity",
        )
        a1 = self.charges(self.schedule(self.unit_a1, plan))
        a2 = self.charges(self.schedule(self.unit_a2, plan))
        # 437 kWh over 98.5 + 120 m², at 1.00: 196.9977 and 240.0023
        self.assertEqual(self.amount(a1), 197.0)
        self.assertEqual(self.amount(a2), 240.0)
        self.assertIn("Share of 437 by area (98.5 / 218.5 m²) × 1.00", a1[0]["name"])
        self.assertEqual(
            self.charges(self.schedule(self.unit_b1, plan)), [], "B1 has no shared meter"
        )

    def test_plan_for_another_use_does_not_apply(self):
        shops = self.plan(self.fee_management, "building_area", 5.0, unit_use="shop")
        self.assertEqual(self.charges(self.schedule(self.unit_a1, shops)), [])

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            self.plan(self.fee_management, "building_area", -1.0)
        with self.assertRaisesRegex(ValidationError, "choose the meter type"):
            self.plan(self.fee_water, "metered", 3.0)
        with self.assertRaisesRegex(ValidationError, "first tier starts at a consumption of 0"):
            self.plan(
                self.fee_water,
                "metered",
                3.0,
                meter_type="water",
                tier_ids=[(0, 0, {"quantity_from": 5, "price": 3.0})],
            )
        plan = self.plan(self.fee_management, "fixed", 10.0)
        self.schedule(self.unit_a1, plan, date_start=date(2026, 1, 1), date_end=date(2026, 6, 30))
        with self.assertRaises(ValidationError) as caught:
            self.schedule(self.unit_a1, plan, date_start=date(2026, 6, 1))
        self.assertIn("cannot overlap", str(caught.exception))
        self.schedule(self.unit_a1, plan, date_start=date(2026, 7, 1))

    def test_rates_within_bounds(self):
        admin = new_test_user(
            self.env, "pb_rate_admin", groups="property_base.group_property_admin"
        )
        plan = self.tiered_water(self.unit_a1).with_user(admin)
        Plan = self.env["property.rate.plan"].with_user(admin)
        values = {
            "name": "管理费",
            "estate_id": self.estate.id,
            "product_id": self.fee_management.id,
            "basis": "building_area",
        }
        for price in (1e300, -1, float("nan"), "inf"):
            with self.assertRaises(ValidationError):
                Plan.create({**values, "price": price})
            with self.assertRaises(ValidationError):
                plan.write({"price": price})
            with self.assertRaises(ValidationError):
                plan.tier_ids[1].write({"price": price})
            with self.assertRaises(ValidationError):
                plan.write({"tier_ids": [(0, 0, {"quantity_from": 50, "price": price})]})
        for quantity in (1e300, float("nan")):
            with self.assertRaises(ValidationError):
                plan.tier_ids[1].write({"quantity_from": quantity})
        self.assertEqual(plan.price, 3.0, "nothing half-written")
        self.assertEqual(plan.tier_ids.mapped("price"), [3.0, 4.5])
        self.assertEqual(plan.tier_ids.mapped("quantity_from"), [0, 20])
