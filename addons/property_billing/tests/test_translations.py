from datetime import date

from odoo.tests import tagged

from odoo.addons.property_base.tests.test_translations import (
    chinese_company,
    english_words,
    html_text,
    load_languages,
)

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestPaymentNoticeInChinese(BillingCommon):
    """The payment notice (付款通知书) a payer whose language is zh_CN or zh_TW gets: no
    English but for the values of the records (none here: a company, estate and payer
    with Chinese names)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)
        # A tenant in Chinese: its users, and the billing run writing the lines, too.
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        chinese_company(cls.env.company)
        cls.owner_zhang.lang = "zh_CN"
        cls.env.company.property_late_fee_rate = 0.0
        cls.fee_management = cls.fee_management.with_env(cls.env)
        cls.fee_management.name = "物业管理费"
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule(cls.unit_a1, management)
        cls.may = cls.bill(date(2026, 5, 1), date(2026, 5, 31), invoice_date=date(2026, 4, 15))
        cls.june = cls.bill(date(2026, 6, 1), date(2026, 6, 30), invoice_date=date(2026, 5, 15))

    def test_payment_notice_in_chinese(self):
        for lang, title in (("zh_CN", "付款通知书"), ("zh_TW", "付款通知書")):
            self.owner_zhang.lang = lang
            html = self.env["ir.actions.report"]._render_qweb_html(
                "account.account_invoices", self.june.ids
            )[0]
            text = html_text(html.decode())
            self.assertIn(title, text)
            self.assertEqual(english_words(text), [], f"{lang}: {text}")
