from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import RenovationCommon


@tagged("post_install", "-at_install")
class TestRenovationAccounting(RenovationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deduction_account = cls.deduction_product.with_company(
            cls.env.company
        )._get_product_accounts()["income"]

    def balance(self, moves, account):
        lines = moves.line_ids.filtered(lambda line: line.account_id == account)
        return sum(lines.mapped("balance"))

    def test_deposit_in_deductions_and_refund_out(self):
        renovation = self.application()
        self.works_done(renovation)
        invoice = renovation.fee_move_id
        self.assertEqual(self.deposit_account.account_type, "liability_current")
        # deposit in: the liability is credited with the deposit, the waste fee is income
        deposit_line = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.deposit_product
        )
        self.assertEqual(deposit_line.account_id, self.deposit_account)
        self.assertAlmostEqual(deposit_line.credit, 2000.0)
        waste_line = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.waste_product
        )
        self.assertEqual(waste_line.account_id.internal_group, "income")
        self.assertAlmostEqual(waste_line.credit, 492.5)

        Deduction = self.env["property.renovation.deduction"].with_user(self.engineer)
        Deduction.create(
            [
                {
                    "renovation_id": renovation.id,
                    "deduction_type": "damage",
                    "name": "电梯轿厢内壁划伤",
                    "amount": 300.0,
                },
                {
                    "renovation_id": renovation.id,
                    "deduction_type": "violation",
                    "name": "午休时间电钻施工",
                    "amount": 200.0,
                },
            ]
        )
        self.assertAlmostEqual(renovation.deduction_amount, 500.0)
        self.assertAlmostEqual(renovation.refund_amount, 1500.0)
        action = renovation.with_user(self.reno_manager).action_settle_deposit()
        self.assertEqual(action["res_model"], "account.payment.register")
        self.assertEqual(renovation.state, "settled")
        settlement = renovation.settlement_move_id
        # settled by billing, which records it on the deposit charge
        deposit = renovation.charge_ids.filtered(lambda c: c.fee_kind == "deposit")
        self.assertEqual(deposit.refund_id, settlement)
        self.assertEqual(settlement.move_type, "out_refund")
        self.assertEqual(settlement.state, "posted")
        self.assertAlmostEqual(settlement.amount_total, 1500.0)
        # deduction: the liability debited with the whole deposit, the deductions income
        settled_deposit = settlement.line_ids.filtered(
            lambda line: line.account_id == self.deposit_account
        )
        self.assertAlmostEqual(settled_deposit.debit, 2000.0)
        deduction_lines = settlement.line_ids.filtered(
            lambda line: line.product_id == self.deduction_product
        )
        self.assertEqual(deduction_lines.account_id, self.deduction_account)
        self.assertEqual(self.deduction_account.internal_group, "income")
        self.assertAlmostEqual(sum(deduction_lines.mapped("credit")), 500.0)
        self.assertAlmostEqual(self.balance(settlement, self.deduction_account), -500.0)
        # refund out: an outbound payment of the refund, settling the credit note
        payment = self.pay(settlement)
        self.assertEqual(payment.payment_type, "outbound")
        self.assertAlmostEqual(payment.amount, 1500.0)
        self.assertIn(settlement.payment_state, ("paid", "in_payment"))
        receivable = (settlement | payment.move_id).line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(sum(receivable.mapped("balance")), 0.0)
        outgoing = payment.move_id.line_ids.filtered(
            lambda line: line.account_type != "asset_receivable"
        )
        self.assertAlmostEqual(sum(outgoing.mapped("credit")), 1500.0)
        # the application's deposit liability is back to zero
        self.assertAlmostEqual(self.balance(invoice | settlement, self.deposit_account), 0.0)
        renovation.with_user(self.reno_manager).action_close()
        self.assertEqual(renovation.state, "closed")
        # settled: the deductions can no longer change
        with self.assertRaises(ValidationError):
            renovation.deduction_ids[0].with_user(self.engineer).amount = 100.0
        with self.assertRaises(UserError):
            renovation.deduction_ids.with_user(self.engineer).unlink()

    def test_the_desk_credits_only_the_charges_of_applications(self):
        """Billing credits for the desk the fees of an application, not other charges."""
        renovation = self.application()
        self.approve(renovation)
        renovation.with_user(self.desk).action_sign_agreement()
        service = self.env["property.charge"].create(
            {
                "unit_id": renovation.unit_id.id,
                "partner_id": renovation.partner_id.id,
                "product_id": self.env.ref("property_billing.product_fee_service").id,
                "price_unit": 80.0,
            }
        )
        service._invoice_now()
        with self.assertRaises(AccessError):
            service.with_user(self.desk)._credit_invoice("不要了")
        self.assertFalse(service.refund_id)
        fees = renovation.charge_ids.with_user(self.desk)
        self.assertEqual(fees._credit_invoice("撤回").reversed_entry_id, renovation.fee_move_id)

    def test_deductions_cannot_exceed_the_deposit(self):
        renovation = self.application()
        self.works_done(renovation)
        Deduction = self.env["property.renovation.deduction"].with_user(self.engineer)
        Deduction.create(
            {
                "renovation_id": renovation.id,
                "deduction_type": "damage",
                "name": "墙面污损",
                "amount": 1500.0,
            }
        )
        with self.assertRaisesText(ValidationError, "cannot exceed the deposit"):
            Deduction.create(
                {
                    "renovation_id": renovation.id,
                    "deduction_type": "overdue",
                    "name": "逾期完工 20 天",
                    "amount": 600.0,
                }
            )
        self.assertEqual(len(renovation.deduction_ids), 1)
        self.assertAlmostEqual(renovation.deduction_amount, 1500.0)
        with self.assertRaises(ValidationError):
            Deduction.create(
                {
                    "renovation_id": renovation.id,
                    "deduction_type": "other",
                    "name": "零",
                    "amount": 0.0,
                }
            )
        with self.assertRaises(ValidationError):
            Deduction.create(
                {
                    "renovation_id": renovation.id,
                    "deduction_type": "other",
                    "name": "x",
                    "amount": -5.0,
                }
            )
        self.assertEqual(len(renovation.deduction_ids), 1)

    def test_whole_deposit_kept(self):
        renovation = self.application()
        self.works_done(renovation)
        self.env["property.renovation.deduction"].with_user(self.engineer).create(
            {
                "renovation_id": renovation.id,
                "deduction_type": "damage",
                "name": "损坏消防栓",
                "amount": 2000.0,
            }
        )
        self.assertTrue(renovation.with_user(self.reno_manager).action_settle_deposit())
        settlement = renovation.settlement_move_id
        self.assertAlmostEqual(settlement.amount_total, 0.0)
        self.assertAlmostEqual(
            self.balance(renovation.fee_move_id | settlement, self.deposit_account), 0.0
        )
        self.assertAlmostEqual(self.balance(settlement, self.deduction_account), -2000.0)
        renovation.with_user(self.reno_manager).action_close()
        self.assertEqual(renovation.state, "closed")
