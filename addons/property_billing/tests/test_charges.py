from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user
from odoo.tools import mute_logger

from .common import BillingCommon


class TestCharges(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule_a1 = cls.schedule(cls.unit_a1, cls.plan_management)

    def bill_june(self):
        values = self.schedule_a1._charge_values(date(2026, 6, 1), date(2026, 6, 30))
        return self.env["property.charge"].create(values)

    def test_charge_from_schedule(self):
        charge = self.bill_june()
        self.assertEqual(charge.amount, 246.25)
        self.assertEqual(charge.partner_id, self.owner_zhang)
        self.assertEqual(charge.state, "pending")
        self.assertIn("Management Fee", charge.name)

    def test_same_fee_and_period_billed_once(self):
        self.bill_june()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.bill_june()
        self.assertIn("recurring_once_per_period", str(caught.exception))

    def test_cancelled_charge_can_be_billed_again(self):
        self.bill_june().action_cancel()
        self.assertEqual(self.bill_june().state, "pending")

    def test_one_off_charges_with_an_origin(self):
        service = self.env.ref("property_billing.product_fee_service")
        charges = self.env["property.charge"].create(
            [
                {
                    "unit_id": self.unit_a1.id,
                    "partner_id": self.owner_zhang.id,
                    "product_id": service.id,
                    "price_unit": 80.0,
                    "origin": "WO/2026/00042",
                }
                for _i in range(2)
            ]
        )
        self.assertEqual(charges.mapped("amount"), [80.0, 80.0])
        self.assertEqual(charges[0].name, service.display_name)

    def test_invoiced_charge_is_kept(self):
        charge = self.bill_june()
        charge.state = "invoiced"
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            charge.unlink()
        with self.assertRaisesRegex(UserError, "Only a pending charge"):
            charge.action_cancel()

    def test_charge_entered_by_hand(self):
        """The desk records a one-off charge: the description defaults to the fee."""
        with Form(self.env["property.charge"]) as form:
            form.product_id = self.env.ref("property_billing.product_fee_service")
            self.assertEqual(form.amount, 0)
            form.unit_id = self.unit_a1
            form.partner_id = self.owner_zhang
            form.price_unit = 45.5
            form.quantity = 2
        charge = form.save()
        self.assertEqual(charge.name, "Paid Service")
        self.assertEqual(charge.amount, 91.0)

    def test_billing_credits_the_invoice_of_charges(self):
        """Another addon has billing credit the unpaid invoice of its charges: billing
        staff may, other staff not; an invoice billing other charges too is not
        credited whole."""
        charges = self.bill_june()
        other = self.env["property.charge"].create(
            {
                "unit_id": self.unit_a1.id,
                "partner_id": self.owner_zhang.id,
                "product_id": self.fee_parking.id,
                "price_unit": 300.0,
            }
        )
        invoice = (charges | other)._invoice_now()
        with self.assertRaises(AccessError):
            charges.with_user(self.staff)._credit_invoice("Billed twice")
        finance = new_test_user(
            self.env,
            "pb_finance_credit",
            groups="property_base.group_property_user,account.group_account_invoice",
        )
        with self.assertRaisesRegex(UserError, "bills other charges too"):
            charges.with_user(finance)._credit_invoice("Billed twice")
        refund = (charges | other).with_user(finance)._credit_invoice("Billed twice")
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(charges.refund_id, refund)
