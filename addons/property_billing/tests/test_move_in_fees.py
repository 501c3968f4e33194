from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestMoveInFees(BillingCommon):
    """Unit B1-0301 (75 m², management fee 2.5 / m² a month) handed over on 15 June
    2026: half a year prepaid, 15 June - 14 December."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.owner = cls.env["res.partner"].create({"name": "赵敏"})
        cls.access_cards = cls.env["property.charge"].create(
            {
                "unit_id": cls.unit_b1.id,
                "partner_id": cls.owner.id,
                "product_id": cls.env.ref("property_billing.product_fee_service").id,
                "name": "Access cards × 2",
                "price_unit": 50.0,
                "date": date(2026, 6, 15),
            }
        )

    def new_handover(self):
        handover = self.env["property.handover"].create(
            {"unit_id": self.unit_b1.id, "partner_id": self.owner.id, "date": date(2026, 6, 15)}
        )
        handover.action_check_identity()
        handover.write({"service_agreement_signed": True, "safety_letter_signed": True})
        return handover

    def test_move_in_invoice_and_schedule(self):
        handover = self.new_handover()
        with self.assertRaisesRegex(UserError, "collect the move-in fees first"):
            handover.action_start_inspection()
        handover.action_invoice_move_in_fees()
        invoice = handover.move_in_invoice_id
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.owner)
        # 16/30 of June + 5 months + 14/31 of December = 5.9849 months × 75 m² × 2.5
        management = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.fee_management
        )
        self.assertEqual(management.price_subtotal, 1122.18)
        self.assertIn("75 m² × 2.50 × (16/30 + 5 + 14/31) month(s)", management.name)
        self.assertAlmostEqual(invoice.amount_total, 1122.18 + 50.0)
        self.assertEqual(self.access_cards.state, "invoiced")
        self.assertEqual(invoice.property_period_start, date(2026, 6, 15))
        self.assertEqual(invoice.property_period_end, date(2026, 12, 14))
        schedule = self.env["property.billing.schedule"].search([("unit_id", "=", self.unit_b1.id)])
        self.assertEqual(schedule.date_start, date(2026, 12, 15))
        self.assertEqual(schedule.rate_plan_ids, self.management)
        # Unpaid: the handover cannot go on.
        with self.assertRaisesRegex(UserError, "is not paid"):
            handover.action_start_inspection()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": date(2026, 6, 15)})._create_payments()
        self.assertTrue(handover.fees_collected)
        handover.action_start_inspection()
        self.assertEqual(handover.state, "inspection")

    def test_six_months_prorated_billed_to_the_fen(self):
        """89 m² × 2.50 from 16 November: 222.50 × (15/30 + 5 + 15/31) = 1,331.41 (not
        1,331.43 from a quantity rounded to 2 decimals), and its label says so."""
        self.unit_b1.building_area = 89
        handover = self.env["property.handover"].create(
            {"unit_id": self.unit_b1.id, "partner_id": self.owner.id, "date": date(2026, 11, 16)}
        )
        handover.action_check_identity()
        handover.write({"service_agreement_signed": True, "safety_letter_signed": True})
        handover.with_user(self.office).action_invoice_move_in_fees()
        management = handover.move_in_invoice_id.invoice_line_ids.filtered(
            lambda line: line.product_id == self.fee_management
        )
        self.assertEqual(management.price_subtotal, 1331.41)
        self.assertIn("89 m² × 2.50 × (15/30 + 5 + 15/31) month(s)", management.name)

    def test_not_invoiced_twice_and_no_overlapping_schedule(self):
        handover = self.new_handover()
        handover.action_invoice_move_in_fees()
        with self.assertRaises(UserError):
            handover.action_invoice_move_in_fees()
        other = self.env["property.handover"].create(
            {"unit_id": self.unit_b1.id, "partner_id": self.owner.id, "date": date(2026, 7, 1)}
        )
        with self.assertRaisesRegex(UserError, "already has a billing schedule"):
            other.action_invoice_move_in_fees()
        self.assertFalse(other.move_in_invoice_id)

    def test_manager_override_with_reason(self):
        handover = self.new_handover()
        handover.action_invoice_move_in_fees()
        with self.assertRaises(UserError):
            handover.with_user(self.office)._override_fees("Developer pays")
        with self.assertRaises(UserError):
            handover.with_user(self.manager)._override_fees(" ")
        self.assertFalse(handover.fees_collected)
        handover.with_user(self.manager)._override_fees("Developer pays the first half-year")
        self.assertTrue(handover.fees_collected)
        self.assertEqual(handover.fee_override_by_id, self.manager)
        handover.action_start_inspection()
        self.assertEqual(handover.state, "inspection")

    def test_estate_without_management_plan(self):
        self.management.active = False
        handover = self.new_handover()
        with self.assertRaisesRegex(UserError, "no management fee rate plan"):
            handover.action_invoice_move_in_fees()
        self.assertFalse(self.env["account.move"].search([("invoice_origin", "=", handover.name)]))
