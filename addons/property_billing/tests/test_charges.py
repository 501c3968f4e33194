from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user
from odoo.tools import mute_logger

from .common import BillingCommon


class TestCharges(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan_management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule_a1 = cls.schedule(cls.unit_a1, cls.plan_management)
        cls.finance = new_test_user(
            cls.env, "pb_charge_finance", groups="property_billing.group_property_finance"
        )

    def commit_tracking(self):
        """What the end of a transaction does: post the changes' tracking."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

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

    def test_staff_cannot_change_what_a_resident_is_billed(self):
        """Technicians, guards and the desk (Staff) read charges; they neither write nor
        create them, whatever the values or context their client sends."""
        charge = self.bill_june().with_user(self.staff).with_context(property_workflow=True)
        for values in ({"price_unit": 1.0}, {"quantity": 0.1}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                charge.write(values)
        with self.assertRaisesRegex(UserError, "buttons only"):
            charge.write({"state": "waived"})
        with self.assertRaises(AccessError):
            charge.create(
                {
                    "unit_id": self.unit_a1.id,
                    "partner_id": self.owner_zhang.id,
                    "product_id": self.fee_management.id,
                    "price_unit": 1.0,
                }
            )
        self.assertEqual(charge.sudo().amount, 246.25)

    def test_finance_corrects_a_pending_charge_in_the_open(self):
        charge = self.bill_june()
        self.commit_tracking()  # the run that made the charge is over
        charge = charge.with_user(self.finance).with_context(
            tracking_disable=False, mail_notrack=False
        )
        charge.price_unit = 2.0
        self.commit_tracking()
        self.assertEqual(charge.amount, 197.0)
        changes = charge.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "price_unit"
        )
        self.assertEqual(
            (changes.old_value_float, changes.new_value_float, changes.create_uid),
            (2.5, 2.0, self.finance),
        )

    def test_billed_charge_is_history(self):
        """Invoiced, a charge no longer changes: not its price, not back to pending (the
        next run would bill it again), for no role and no context."""
        charge = self.bill_june()
        charge._invoice_now()
        for user in (self.finance, self.manager):
            client = charge.with_user(user).with_context(property_workflow=True)
            with self.assertRaisesRegex(UserError, "buttons only"):
                client.write({"state": "pending"})
            with self.assertRaisesRegex(UserError, "Unit Price can no longer be changed"):
                client.write({"price_unit": 1.0})
        self.assertEqual((charge.state, charge.amount), ("invoiced", 246.25))

    def test_waiver_only_through_its_form_with_a_reason(self):
        charge = self.bill_june().with_user(self.manager)
        with self.assertRaisesRegex(UserError, "buttons only"):
            charge.write({"state": "waived"})
        with self.assertRaisesRegex(UserError, "buttons only"):
            charge.with_context(property_workflow=True).write({"state": "cancelled"})
        self.assertEqual(charge.state, "pending")

    def test_no_negative_price_or_quantity(self):
        Charge = self.env["property.charge"].with_user(self.finance)
        values = {
            "unit_id": self.unit_a1.id,
            "partner_id": self.owner_zhang.id,
            "product_id": self.env.ref("property_billing.product_fee_service").id,
        }
        for wrong in ({"price_unit": -100.0}, {"price_unit": 10.0, "quantity": -5.0}):
            with (
                self.subTest(values=wrong),
                self.assertRaisesRegex(ValidationError, "cannot be negative"),
            ):
                Charge.create({**values, **wrong})
        charge = Charge.create({**values, "price_unit": 10.0})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            charge.quantity = -1.0

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
            groups="property_billing.group_property_finance",
        )
        with self.assertRaisesRegex(UserError, "bills other charges too"):
            charges.with_user(finance)._credit_invoice("Billed twice")
        refund = (charges | other).with_user(finance)._credit_invoice("Billed twice")
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(charges.refund_id, refund)
