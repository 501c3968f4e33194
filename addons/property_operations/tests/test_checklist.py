from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import OperationsCommon

SIGNATURE = "iVBORw0KGgo="


@tagged("post_install", "-at_install")
class TestChecklist(OperationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_new = cls.env.ref("maintenance.stage_0")
        cls.stage_done = cls.env.ref("maintenance.stage_3")
        cls.elevator_items = cls.kind_elevator.property_check_item_ids

    def order(self):
        """The 2 March order of elevator A1 1号电梯 (plan from 2 March, made on the 28th)."""
        self.plan()
        orders = self.run_cron("2026-02-28 01:00:00")
        return orders.filtered(lambda o: o.equipment_id == self.lift_a)

    def test_each_preventive_order_gets_its_kind_checklist(self):
        """The elevators' half-monthly items (TSG T5002) on each elevator order, the fire
        systems' on the fire panel's; an archived item or another company's is not
        given; a breakdown order has no checklist."""
        self.assertEqual(len(self.elevator_items), 10)
        self.assertIn(
            "Brake: pins move freely, clearance as the manufacturer requires",
            self.elevator_items.mapped("name"),
        )
        self.elevator_items[-1].active = False
        company_2, _estate_2, _unit_2 = self.second_company()
        self.env["property.maintenance.check.item"].create(
            {"name": "滨江府专项", "category_id": self.kind_elevator.id, "company_id": company_2.id}
        )
        own = self.env["property.maintenance.check.item"].create(
            {
                "name": "阳光花园: 轿厢广告屏",
                "category_id": self.kind_elevator.id,
                "sequence": 5,
                "company_id": self.env.company.id,
            }
        )
        self.plan()
        self.plan(name="消防月检", category_id=self.kind_fire.id)
        orders = self.run_cron("2026-02-28 01:00:00")
        for lift in self.lift_a | self.lift_b:
            order = orders.filtered(lambda o, lift=lift: o.equipment_id == lift)
            self.assertEqual(order.property_check_ids.item_id, own | self.elevator_items[:-1])
            self.assertEqual(order.property_check_ids[0].item_id, own)
            self.assertFalse(any(order.property_check_ids.mapped("result")))
            self.assertEqual(order.property_check_ids.company_id, self.env.company)
        fire_order = orders.filtered(lambda o: o.equipment_id == self.fire_panel)
        self.assertEqual(
            fire_order.property_check_ids.item_id, self.kind_fire.property_check_item_ids
        )
        breakdown = self.Order.with_user(self.engineer).create(
            {"name": "电梯困人", "equipment_id": self.lift_a.id}
        )
        self.assertFalse(breakdown.property_check_ids)

    def test_technician_signs_and_engineering_verifies(self):
        """The contractor's technician records every result and signs (name, signature,
        dated); only engineering verifies, and only then; the verified order is done and
        its checklist stays as it was."""
        order = self.order()
        with self.at("2026-03-02 03:00:00"):
            with Form(order.with_user(self.engineer)) as form:
                for index in range(len(order.property_check_ids) - 1):
                    with form.property_check_ids.edit(index) as line:
                        line.result = "ok"
            with self.assertRaisesRegex(UserError, "record the result of every check"):
                order.with_user(self.engineer).action_property_verify()
            with Form(order.with_user(self.engineer)) as form:
                with form.property_check_ids.edit(len(order.property_check_ids) - 1) as line:
                    line.result = "fault"
                    line.note = "底坑有积水，已排除"
            with self.assertRaisesRegex(UserError, "signs the checklist"):
                order.with_user(self.engineer).action_property_verify()
            with Form(order.with_user(self.engineer)) as form:
                form.property_signed_by = "日立维保 张师傅"
                form.property_signature = SIGNATURE
            self.assertEqual(str(order.property_signed_on), "2026-03-02 03:00:00")
            # not the property staff, the ticket technicians, nor a portal user
            for user in (self.staff, self.technician, self.desk):
                with self.assertRaises(AccessError):
                    order.with_user(user).action_property_verify()
            self.assertFalse(order.property_verified_on)
        with self.at("2026-03-02 06:00:00"):
            order.with_user(self.engineer).action_property_verify()
        self.assertEqual(order.property_verified_by_id, self.engineer)
        self.assertEqual(str(order.property_verified_on), "2026-03-02 06:00:00")
        self.assertEqual(order.stage_id, self.stage_done)
        self.assertTrue(order.done)
        with self.assertRaisesRegex(UserError, "already verified"):
            order.with_user(self.engineer).action_property_verify()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            order.property_check_ids[0].with_user(self.engineer).result = "fault"
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            order.with_user(self.engineer).property_signed_by = "别人"
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            order.property_check_ids[0].with_user(self.ops_manager).unlink()

    def test_a_checklist_order_is_done_by_verification_only(self):
        """Dragged to Repaired, an order with a checklist stays where it was; the steps'
        fields are not written by hand; a breakdown order is done as Maintenance
        allows."""
        order = self.order()
        with self.assertRaisesRegex(UserError, "it is done when the engineering"):
            order.with_user(self.engineer).stage_id = self.stage_done
        with self.assertRaisesRegex(UserError, "recorded by its steps only"):
            order.with_user(self.engineer).write({"property_verified_on": "2026-03-02 00:00:00"})
        with self.assertRaisesRegex(UserError, "recorded by its steps only"):
            order.with_user(self.ops_manager).write(
                {"property_verified_by_id": self.ops_manager.id}
            )
        with self.assertRaisesRegex(UserError, "recorded by its steps only"):
            order.with_user(self.engineer).write({"property_signed_on": "2026-03-02 00:00:00"})
        self.assertEqual(order.stage_id, self.stage_new)
        # nor created so, nor a preventive order created done
        with self.assertRaisesRegex(UserError, "recorded by its steps only"):
            self.Order.with_user(self.engineer).create(
                {
                    "name": "电梯保养",
                    "equipment_id": self.lift_a.id,
                    "property_verified_on": "2026-03-02 00:00:00",
                }
            )
        with self.assertRaisesRegex(UserError, "it is done when the engineering"):
            self.Order.with_user(self.engineer).create(
                {
                    "name": "电梯保养",
                    "equipment_id": self.lift_a.id,
                    "maintenance_type": "preventive",
                    "stage_id": self.stage_done.id,
                }
            )
        breakdown = self.Order.with_user(self.engineer).create(
            {"name": "电梯困人", "equipment_id": self.lift_a.id}
        )
        breakdown.stage_id = self.stage_done
        self.assertTrue(breakdown.done)

    def test_checklist_items_are_configured_by_managers(self):
        """The operations manager adds an item to a kind's checklist on its form; an
        engineer only reads them; lines cannot be added to another company's order."""
        with Form(self.kind_elevator.with_user(self.ops_manager)) as form:
            with form.property_check_item_ids.new() as item:
                item.name = "轿厢视频监控"
        self.assertIn("轿厢视频监控", self.kind_elevator.property_check_item_ids.mapped("name"))
        with self.assertRaises(AccessError):
            self.env["property.maintenance.check.item"].with_user(self.engineer).create(
                {"name": "x", "category_id": self.kind_elevator.id}
            )
        with self.assertRaises(AccessError):
            self.elevator_items[0].with_user(self.engineer).name = "x"

    def test_each_company_sees_its_checklists(self):
        order = self.order()
        company_2, _estate_2, _unit_2 = self.second_company()
        engineer_2 = self.company_user(
            company_2, "po_engineer_2", "property_operations.group_operations_engineer"
        )
        Check = self.env["property.maintenance.check"]
        self.assertFalse(Check.with_user(engineer_2).search([("request_id", "=", order.id)]))
        with self.assertRaises(AccessError):
            order.property_check_ids[0].with_user(engineer_2).result = "ok"
        item_2 = self.env["property.maintenance.check.item"].create(
            {"name": "滨江府专项", "category_id": self.kind_elevator.id, "company_id": company_2.id}
        )
        self.assertNotIn(
            item_2, self.env["property.maintenance.check.item"].with_user(self.engineer).search([])
        )
        self.assertIn(
            item_2, self.env["property.maintenance.check.item"].with_user(engineer_2).search([])
        )
        # an order keeps its own company's items
        with self.assertRaises(UserError):
            order.write({"property_check_ids": [Command.create({"item_id": item_2.id})]})
