from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestEquipmentRegister(OperationsCommon):
    def test_new_equipment_takes_its_location_from_the_facility(self):
        """The engineer registers an elevator in its facility: the estate and building are
        the facility's, and follow it; the facility lists its equipment."""
        Equipment = self.env["maintenance.equipment"].with_user(self.engineer)
        with Form(Equipment) as form:
            form.name = "A1 2号电梯"
            form.category_id = self.kind_elevator
            self.assertFalse(form.property_estate_id)
            form.property_facility_id = self.elevator
            self.assertEqual(form.property_estate_id, self.estate)
            self.assertEqual(form.property_building_id, self.building_a)
            form.property_manufacturer = "日立电梯"
            form.property_contractor_id = self.contractor
            form.property_registration_no = "梯11粤B12345(18)"
            form.property_inspection_due = "2026-09-30"
        lift = form.record
        self.assertEqual(lift.company_id, self.env.company)
        self.assertEqual(self.elevator.equipment_ids, self.lift_a | lift)
        self.assertEqual(self.elevator.equipment_count, 2)
        # the facility moves to building B1: its equipment with it, no second place to edit
        self.elevator.with_user(self.office).building_id = self.building_b
        self.assertEqual((self.lift_a | lift).property_building_id, self.building_b)
        # nor typed apart from the facility
        with self.assertRaises(ValidationError):
            lift.with_user(self.engineer).property_building_id = self.building_a
        with Form(lift.with_user(self.engineer)) as form:
            self.assertTrue(form._get_modifier("property_estate_id", "readonly"))
        action = self.elevator.with_user(self.engineer).action_view_equipment()

        self.assertEqual(
            self.env["maintenance.equipment"].search(action["domain"]), self.lift_a | lift
        )

    def test_equipment_outside_a_facility_names_its_estate(self):
        with Form(self.env["maintenance.equipment"].with_user(self.engineer)) as form:
            form.name = "地下车库监控"
            form.property_estate_id = self.estate
            form.property_building_id = self.building_b
        self.assertEqual(form.record.property_building_id, self.building_b)
        self.assertFalse(form.record.property_facility_id)

    def test_who_may_do_what_on_the_register(self):
        """Every property staff member reads the whole register (Maintenance alone shows
        an employee only the equipment they follow); engineering keeps it; only a
        manager deletes."""
        self.assertEqual(
            self.env["maintenance.equipment"]
            .with_user(self.staff)
            .search([("property_estate_id", "=", self.estate.id)]),
            self.lift_a | self.lift_b | self.fire_panel,
        )
        with self.assertRaises(AccessError):
            self.lift_a.with_user(self.staff).property_inspection_due = "2027-01-01"
        self.lift_a.with_user(self.engineer).property_inspection_due = "2027-01-01"
        self.assertEqual(str(self.lift_a.property_inspection_due), "2027-01-01")
        with self.assertRaises(AccessError):
            self.fire_panel.with_user(self.engineer).unlink()
        self.fire_panel.with_user(self.ops_manager).unlink()
        self.assertFalse(self.fire_panel.exists())

    def test_each_company_keeps_its_register(self):
        company_2, estate_2, _unit_2 = self.second_company()
        engineer_2 = self.company_user(
            company_2, "po_engineer_2", "property_operations.group_operations_engineer"
        )
        Equipment = self.env["maintenance.equipment"].with_user(engineer_2)
        with Form(Equipment) as form:
            form.name = "滨江府 1号电梯"
            form.category_id = self.kind_elevator
            form.property_estate_id = estate_2
        lift_2 = form.record
        self.assertEqual(lift_2.company_id, company_2)
        self.assertEqual(Equipment.search([("category_id", "=", self.kind_elevator.id)]), lift_2)
        with self.assertRaises(AccessError):
            self.lift_a.with_user(engineer_2).read(["name"])
        self.assertNotIn(
            lift_2, self.env["maintenance.equipment"].with_user(self.engineer).search([])
        )
        # an equipment of one company in the other's estate is refused
        with self.assertRaises(UserError):
            lift_2.property_estate_id = self.estate
