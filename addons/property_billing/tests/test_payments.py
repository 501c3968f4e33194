from datetime import date

from odoo.tests import Form, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestPayments(BillingCommon):
    """Unit A1's July notice: 246.25 (98.5 m² × 2.5), due 30 June."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule(cls.unit_a1, management)
        cls.july = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        cls.wechat = cls.env["account.journal"].search(
            [("code", "=", "WXP"), ("company_id", "=", cls.env.company.id)]
        )

    def pay(self, invoice, amount, **values):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": date(2026, 6, 20), "amount": amount, **values})
            ._create_payments()
        )

    def prepay(self, amount, journal):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.owner_zhang.id,
                "amount": amount,
                "journal_id": journal.id,
                "date": date(2026, 6, 20),
            }
        )
        payment.action_post()
        return payment

    def test_wallet_journals(self):
        journals = self.env["account.journal"].search(
            [("company_id", "=", self.env.company.id), ("code", "in", ("WXP", "ALP"))]
        )
        self.assertEqual(set(journals.mapped("type")), {"bank"})
        self.assertEqual(len(journals), 2)
        self.assertEqual(len(journals.default_account_id), 2)

    def test_wallet_journals_are_optional(self):
        """A company that takes no wallet turns them off on the settings screen: its
        journals are archived (their entries stay), and come back when turned on."""
        self.pay(self.july, 100.0, journal_id=self.wechat.id)
        settings = Form(self.env["res.config.settings"])
        settings.property_wallet_journals = False
        settings.save().execute()
        Journal = self.env["account.journal"]
        domain = [("company_id", "=", self.env.company.id), ("code", "in", ("WXP", "ALP"))]
        self.assertFalse(Journal.search(domain))
        self.assertEqual(self.july.amount_residual, self.july.amount_total - 100.0)
        settings = Form(self.env["res.config.settings"])
        settings.property_wallet_journals = True
        settings.save().execute()
        self.assertIn(self.wechat, Journal.search(domain))
        self.assertEqual(len(Journal.search(domain)), 2)

    def test_partial_payment(self):
        self.pay(self.july, 100.0)
        self.assertEqual(self.july.payment_state, "partial")
        self.assertAlmostEqual(self.july.amount_residual, 146.25)

    def test_over_payment_carried_to_the_next_notice(self):
        self.pay(self.july, 300.0, payment_difference_handling="open")
        self.assertIn(self.july.payment_state, ("paid", "in_payment"))
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        self.assertAlmostEqual(august.amount_residual, 246.25 - 53.75)
        self.assertEqual(august.payment_state, "partial")

    def test_prepayment_by_wechat_pays_the_next_notices(self):
        self.pay(self.july, 246.25)
        self.prepay(500.0, self.wechat)
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        september = self.bill(date(2026, 9, 1), date(2026, 9, 30), invoice_date=date(2026, 8, 15))
        self.assertIn(august.payment_state, ("paid", "in_payment"))
        self.assertIn(september.payment_state, ("paid", "in_payment"))
        # 500 - 2 × 246.25 is still to the payer's credit.
        self.assertAlmostEqual(september.property_credit_amount, 7.5)

    def test_receipt(self):
        payment = self.pay(self.july, 246.25, journal_id=self.wechat.id)
        self.assertTrue(payment._property_is_receipt())
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.action_report_payment_receipt", payment.ids)[0]
            .decode()
        )
        self.assertIn("Receipt", html)
        self.assertIn("A1-1203", html)
        self.assertIn("贰佰肆拾陆元贰角伍分", html)
        self.assertIn(self.july.name, html)
        self.assertIn("WeChat Pay", html)

    def test_receipt_of_a_prepayment(self):
        payment = self.prepay(1000.0, self.wechat)
        self.assertEqual(payment.property_unit_ids, self.unit_a1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.action_report_payment_receipt", payment.ids)[0]
            .decode()
        )
        self.assertIn("壹仟元整", html)
        self.assertIn("Prepayment", html)

    def test_other_payments_keep_odoo_receipt(self):
        supplier = self.env["res.partner"].create({"name": "Supplier"})
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": supplier.id,
                "amount": 10.0,
                "journal_id": self.wechat.id,
            }
        )
        self.assertFalse(payment._property_is_receipt())

    def test_deposits_are_owed_back(self):
        deposit = self.env.ref("property_billing.product_fee_deposit")
        account = deposit.with_company(self.env.company).property_account_income_id
        self.assertEqual(account.account_type, "liability_current")
        charge = self.env["property.charge"].create(
            {
                "unit_id": self.unit_a1.id,
                "partner_id": self.owner_zhang.id,
                "product_id": deposit.id,
                "price_unit": 2000.0,
                "date": date(2026, 8, 10),
            }
        )
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        self.assertEqual(charge.state, "invoiced")
        line = august.line_ids.filtered(lambda line: line.property_charge_id == charge)
        self.assertEqual(line.account_id, account)
        self.assertAlmostEqual(line.credit, 2000.0)

    def test_a_new_company_gets_its_accounting(self):
        company = self.env["res.company"].create(
            {"name": "翠湖物业", "country_id": self.env.ref("base.cn").id}
        )
        self.env["account.chart.template"].try_loading("cn", company, install_demo=False)
        journals = self.env["account.journal"].search([("company_id", "=", company.id)])
        self.assertTrue({"WXP", "ALP"} <= set(journals.mapped("code")))
        deposit = self.env.ref("property_billing.product_fee_deposit").with_company(company)
        self.assertEqual(deposit.property_account_income_id.account_type, "liability_current")
