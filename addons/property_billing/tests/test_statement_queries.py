from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import BillingCommon

STATEMENT = "report.property_billing.report_unit_statement"


@tagged("post_install", "-at_install")
class TestStatementQueries(BillingCommon):
    """The statement of account of a unit (the owner's portal page, its PDF) reads its
    notices and their payments with the same queries for 3 months as for 9 (Issue 20:
    6 more queries per notice before)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))

    def bill_and_pay(self, months, first):
        for month in range(months):
            start = first + relativedelta(months=month)
            notice = self.bill(start, start + relativedelta(months=1, days=-1))
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=notice.ids
            ).create({"payment_date": start, "amount": 100.0})._create_payments()

    def statement_queries(self):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        statement = self.env[STATEMENT]._get_statement(
            self.unit_a1, date(2020, 1, 1), date(2030, 12, 31)
        )
        return self.env.cr.sql_log_count - before, len(statement["lines"])

    def test_queries_flat_in_the_number_of_notices(self):
        self.bill_and_pay(3, date(2026, 1, 1))
        small = self.statement_queries()
        self.bill_and_pay(6, date(2026, 4, 1))
        large = self.statement_queries()
        self.assertEqual((small[1], large[1]), (6, 18))
        self.assertEqual(large[0], small[0])
