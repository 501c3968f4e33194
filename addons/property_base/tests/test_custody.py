from datetime import date

from odoo.exceptions import UserError, ValidationError

from .common import PropertyCommon


class TestCustody(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner_zhang, is_resident=False)
        Meter = cls.env["property.meter"]
        cls.water = Meter.create({"name": "W1", "meter_type": "water", "unit_id": cls.unit_a1.id})
        cls.power = Meter.create(
            {"name": "E1", "meter_type": "electricity", "unit_id": cls.unit_a1.id}
        )
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": cls.water.id, "value": 200, "date": date(2026, 1, 1)},
                {"meter_id": cls.power.id, "value": 1000, "date": date(2026, 1, 1)},
            ]
        )
        cls.custody = cls.env["property.custody"].create(
            {"unit_id": cls.unit_a1.id, "date_start": date(2026, 3, 1), "butler_id": cls.staff.id}
        )

    def add_reading(self, meter, value, day):
        return self.env["property.meter.reading"].create(
            {"meter_id": meter.id, "value": value, "date": day}
        )

    def alerts(self):
        return self.custody.activity_ids.filtered(lambda a: a.user_id == self.staff)

    def test_defaults_and_status(self):
        self.assertEqual(self.custody.partner_id, self.owner_zhang)
        self.assertEqual(self.custody.water_threshold, 5.0)
        self.assertEqual(self.custody.electricity_threshold, 20.0)
        self.custody.action_start()
        self.assertEqual(self.unit_a1.status, "custody")
        # baseline readings at the start of custody
        baseline = self.water.reading_ids.filtered(lambda r: r.reason == "custody")
        self.assertEqual((baseline.date, baseline.value), (date(2026, 3, 1), 200))
        self.custody.action_end()
        self.assertEqual(self.unit_a1.status, "vacant")

    def test_reading_within_thresholds_raises_no_alert(self):
        self.custody.action_start()
        self.add_reading(self.water, 204.5, date(2026, 3, 15))
        self.add_reading(self.power, 1019, date(2026, 3, 15))
        self.assertFalse(self.alerts())

    def test_water_threshold_crossed_alerts_the_butler_once(self):
        self.custody.action_start()
        self.add_reading(self.water, 203, date(2026, 3, 10))
        self.assertFalse(self.alerts())
        self.add_reading(self.water, 205.5, date(2026, 3, 20))
        self.assertEqual(len(self.alerts()), 1)
        self.assertIn("5.5", str(self.alerts().note))
        self.add_reading(self.water, 230, date(2026, 3, 30))
        self.assertEqual(len(self.alerts()), 1, "one alert per type and custody")

    def test_electricity_threshold_is_configurable(self):
        self.env.company.custody_electricity_threshold = 50
        custody = self.env["property.custody"].create(
            {
                "unit_id": self.unit_a2.id,
                "partner_id": self.owner_li.id,
                "date_start": date(2026, 3, 1),
                "butler_id": self.staff.id,
            }
        )
        self.assertEqual(custody.electricity_threshold, 50)
        self.custody.action_start()
        self.add_reading(self.power, 1021, date(2026, 3, 10))
        self.assertEqual(len(self.alerts()), 1)

    def test_no_alert_outside_custody(self):
        self.add_reading(self.water, 260, date(2026, 2, 1))
        self.assertFalse(self.alerts())

    def test_occupied_unit_cannot_be_in_custody(self):
        self.occupy(self.unit_b1, self.tenant_wang, role="tenant")
        custody = self.env["property.custody"].create(
            {"unit_id": self.unit_b1.id, "partner_id": self.owner_li.id}
        )
        with self.assertRaisesRegex(ValidationError, "only a vacant unit"):
            custody.action_start()

    def test_custody_started_after_later_readings(self):
        """Starting a custody dated before the last reading adds no baseline that would
        make the later readings look lower."""
        self.add_reading(self.water, 202, date(2026, 3, 10))
        self.custody.action_start()
        self.assertFalse(self.water.reading_ids.filtered(lambda r: r.reason == "custody"))
        self.assertEqual(self.custody.water_consumption, 2)

    def test_steps_checked(self):
        with self.assertRaises(UserError):
            self.custody.action_end()
        self.custody.action_start()
        with self.assertRaises(UserError):
            self.custody.action_start()
