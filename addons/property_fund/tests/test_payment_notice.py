from datetime import date

from odoo.tests import tagged

from odoo.addons.property_billing.tests.common import BillingCommon


@tagged("post_install", "-at_install")
class TestNoticeNeverNamesTheFund(BillingCommon):
    """The fund's bank account holds the owners' money in trust: a payment notice names
    the company's collection account, and so does the wire transfer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))
        company = cls.env.company
        # The fund's own account comes first among the company's bank journals.
        cls.fund_journal, _account = company._get_maintenance_fund_accounting()
        cls.fund_journal.write({"sequence": 1, "bank_acc_number": "9558 8000 0000 0001"})
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "bank"), ("code", "=", "BNK1")]
        )
        cls.journal.bank_acc_number = "6222 0210 0100 1234 567"

    def test_notice_names_the_collection_account(self):
        company = self.env.company
        # (other addons add their own trust accounts: the common revenue's)
        self.assertIn(self.fund_journal, company._property_trust_journals())
        self.assertEqual(company._property_collection_journal(), self.journal)
        july = self.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        self.assertEqual(july.partner_bank_id, self.journal.bank_account_id)
        provider = self.env["payment.provider"].search(
            [("company_id", "=", company.id), ("custom_mode", "=", "wire_transfer")]
        )
        self.assertIn("6222 0210 0100 1234 567", str(provider.pending_msg))
        self.assertNotIn("9558", str(provider.pending_msg))
