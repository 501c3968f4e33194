from odoo.exceptions import ValidationError

from .common import PropertyCommon

NOT_NUMBERS = (float("nan"), float("inf"), float("-inf"), "NaN", "inf", "abc")


class TestBounds(PropertyCommon):
    """Areas, readings and thresholds typed by staff, or sent over RPC, stay within
    sane bounds: out of them (or not a number) the user reads why, nothing is saved."""

    def assert_refused(self, model, values, record=None):
        """Creating `model` (or writing `record`) with `values` is refused, as the RPC
        caller would be told."""
        Model = self.env[model].with_user(self.office)
        with self.assertRaises(ValidationError):
            if record:
                record.with_user(self.office).write(values)
            else:
                Model.create(values)

    def test_unit_areas(self):
        unit = {"code": "A1-1205", "estate_id": self.estate.id, "building_id": self.building_a.id}
        for area in (1e13, 1e300, -1, *NOT_NUMBERS):
            for field in ("building_area", "inner_area"):
                self.assert_refused("property.unit", {**unit, field: area})
                self.assert_refused("property.unit", {field: area}, record=self.unit_a1)
        self.assertEqual(self.unit_a1.building_area, 98.5, "nothing half-written")
        self.assertEqual(self.unit_a1.inner_area, 80.2)
        self.unit_a1.with_user(self.office).building_area = 5000
        self.assertEqual(self.unit_a1.building_area, 5000)

    def test_readings_and_thresholds(self):
        meter = self.env["property.meter"].create(
            {"name": "E-A1-1203", "meter_type": "electricity", "unit_id": self.unit_a1.id}
        )
        for value in (-10, 1e300, *NOT_NUMBERS):
            self.assert_refused("property.meter.reading", {"meter_id": meter.id, "value": value})
        self.assertFalse(meter.reading_ids)
        reading = (
            self.env["property.meter.reading"]
            .with_user(self.office)
            .create({"meter_id": meter.id, "value": 0})
        )
        self.assert_refused("property.meter.reading", {"value": float("nan")}, record=reading)
        self.assertEqual(reading.value, 0)
        self.assert_refused(
            "property.custody",
            {"unit_id": self.unit_a1.id, "water_threshold": float("inf")},
        )

    def test_the_message_names_the_field_and_the_bounds(self):
        office = self.office.with_context(lang="en_US")
        with self.assertRaisesRegex(ValidationError, r"Building Area \(m²\).*0.*1,000,000"):
            self.unit_a1.with_user(office).write({"building_area": 1e13})
        with self.assertRaisesRegex(ValidationError, r"Building Area \(m²\).*number"):
            self.unit_a1.with_user(office).write({"building_area": "NaN"})
