from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestEngineerPhoneTour(OperationsCommon, HttpCase):
    """The engineer at the elevator, on a phone: the checklist of a preventive order
    and the contractor's signature (static/tests/tours/)."""

    browser_size = "390x844"  # a phone
    touch_enabled = True

    def test_engineer_records_the_checklist_and_signs_on_a_phone(self):
        kind = self.env["maintenance.equipment.category"].create(
            {
                "name": "Tour lifts",
                "technician_user_id": False,
                "property_check_item_ids": [
                    Command.create({"name": "Tour: brakes", "sequence": 1}),
                    Command.create({"name": "Tour: doors", "sequence": 2}),
                ],
            }
        )
        lift = self.env["maintenance.equipment"].create(
            {"name": "Tour lift", "category_id": kind.id, "property_estate_id": self.estate.id}
        )
        order = self.Order.create(
            {
                "name": "Tour: half-monthly maintenance",
                "equipment_id": lift.id,
                "maintenance_type": "preventive",
                "maintenance_team_id": self.maintenance_team.id,
                "user_id": self.engineer.id,
            }
        )
        self.assertEqual(order.property_check_ids.mapped("name"), ["Tour: brakes", "Tour: doors"])
        self.start_tour(
            f"/odoo/action-property_operations.action_property_maintenance_order/{order.id}",
            "property_operations_engineer_phone",
            login=self.engineer.login,
        )
        self.assertEqual(order.property_check_ids.mapped("result"), ["ok", "fault"])
        self.assertEqual(
            order.property_check_ids.mapped("note"), [False, "Door sensor dirty, cleaned"]
        )
        self.assertEqual(order.property_signed_by, "王师傅")
        self.assertTrue(order.property_signature)
        self.assertTrue(order.property_signed_on)
        self.assertFalse(order.property_verified_on)
