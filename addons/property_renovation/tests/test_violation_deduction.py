from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_supervision import SupervisionCommon


@tagged("post_install", "-at_install")
class TestViolationDeduction(SupervisionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.permit = cls.issue(cls.renovation)
        cls.confirmed_entry(cls.renovation)
        cls.renovation.with_user(cls.engineer).action_start_works()
        cls.inspection = cls.env["property.renovation.inspection"].create(
            {
                "renovation_id": cls.renovation.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "rule_id": cls.env.ref("property_renovation.rule_debris").id,
                            "description": "装修垃圾倒入公共垃圾桶",
                            "severity": "serious",
                            "deduction_amount": 200.0,
                        },
                    )
                ],
            }
        )

    def test_violation_adds_a_deduction_once(self):
        line = self.inspection.line_ids
        Deduction = self.env["property.renovation.deduction"]
        line.with_user(self.engineer).action_add_deduction()
        deduction = Deduction.search([("renovation_id", "=", self.renovation.id)])
        self.assertEqual(len(deduction), 1)
        self.assertEqual(deduction.deduction_type, "violation")
        self.assertEqual(deduction.amount, 200.0)
        self.assertIn("装修垃圾倒入公共垃圾桶", deduction.name)
        self.assertTrue(line.deduction_added)
        line.with_user(self.engineer).action_add_deduction()
        self.assertEqual(Deduction.search_count([("renovation_id", "=", self.renovation.id)]), 1)

    def test_deduction_needs_an_amount(self):
        line = self.inspection.line_ids.copy({"deduction_amount": 0.0})
        with self.assertRaisesRegex(UserError, "amount to deduct"):
            line.with_user(self.engineer).action_add_deduction()
        self.assertFalse(line.deduction_added)
