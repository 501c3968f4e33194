from datetime import date

from odoo.exceptions import ValidationError

from .common import PropertyCommon


class TestMeterReadings(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.water = cls.env["property.meter"].create(
            {"name": "W-A1-1203", "meter_type": "water", "unit_id": cls.unit_a1.id}
        )

    def add_reading(self, value, day, **values):
        return self.env["property.meter.reading"].create(
            {"meter_id": self.water.id, "value": value, "date": day, **values}
        )

    def test_location_follows_unit(self):
        self.assertEqual(self.water.estate_id, self.estate)
        self.assertEqual(self.water.building_id, self.building_a)
        self.assertFalse(self.water.is_shared)
        shared = self.env["property.meter"].create(
            {
                "name": "W-A1-COMMON",
                "meter_type": "water",
                "estate_id": self.estate.id,
                "building_id": self.building_a.id,
            }
        )
        self.assertTrue(shared.is_shared)

    def test_consumption_and_last_reading(self):
        first = self.add_reading(100, date(2026, 1, 1))
        second = self.add_reading(112.5, date(2026, 2, 1))
        self.assertEqual(first.consumption, 0)
        self.assertEqual(second.previous_value, 100)
        self.assertEqual(second.consumption, 12.5)
        self.assertEqual(self.water.last_reading_id, second)
        self.assertEqual(self.water.last_reading_value, 112.5)

    def test_lower_reading_refused(self):
        self.add_reading(100, date(2026, 1, 1))
        with self.assertRaisesRegex(ValidationError, "lower than the previous one"):
            self.add_reading(99, date(2026, 2, 1))

    def test_lower_reading_accepted_as_replacement_or_rollover(self):
        self.add_reading(9990, date(2026, 1, 1))
        replaced = self.add_reading(3, date(2026, 2, 1), reason="replacement")
        self.assertEqual(replaced.consumption, 3)
        after = self.add_reading(10, date(2026, 3, 1))
        self.assertEqual(after.consumption, 7)
        rolled = self.add_reading(1, date(2026, 4, 1), reason="rollover")
        self.assertEqual(rolled.consumption, 1)

    def test_reading_inserted_before_later_ones(self):
        self.add_reading(100, date(2026, 1, 1))
        march = self.add_reading(130, date(2026, 3, 1))
        self.add_reading(110, date(2026, 2, 1))
        self.assertEqual(march.consumption, 20)
        with self.assertRaisesRegex(ValidationError, "lower than the previous one"):
            self.add_reading(140, date(2026, 2, 15))

    def test_batch_of_readings(self):
        meters = self.env["property.meter"].create(
            [
                {"name": f"E-{unit.code}", "meter_type": "electricity", "unit_id": unit.id}
                for unit in (self.unit_a1, self.unit_a2, self.unit_b1)
            ]
        )
        Reading = self.env["property.meter.reading"]
        Reading.create([{"meter_id": m.id, "value": 50, "date": date(2026, 1, 1)} for m in meters])
        june = Reading.create(
            [
                {"meter_id": m.id, "value": 50 + 10 * i, "date": date(2026, 6, 1)}
                for i, m in enumerate(meters)
            ]
        )
        self.assertEqual(june.mapped("consumption"), [0, 10, 20])
