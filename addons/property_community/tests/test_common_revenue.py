import shutil
import subprocess
from datetime import date

from lxml import html
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.test_translations import (
    chinese_company,
    english_words,
    load_languages,
)

from .common import CommunityCommon


class CommonRevenueCommon(CommunityCommon):
    """阳光花园's common revenue: its own journal and liability account, the usual kinds,
    an advertiser and a cleaning company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate.manager_id = cls.community_manager
        cls.journal, cls.account = cls.env.company._get_common_revenue_accounting()
        cls.advertising = cls.env.ref("property_community.common_revenue_kind_advertising")
        cls.parking = cls.env.ref("property_community.common_revenue_kind_parking")
        cls.advertiser = cls.env["res.partner"].create({"name": "分众传媒"})
        cls.cleaner = cls.env["res.partner"].create({"name": "洁美清洁"})

    @classmethod
    def revenue(cls, amount, when, kind=None, estate=None, **values):
        return cls.env["property.common.revenue"].create(
            {
                "estate_id": (estate or cls.estate).id,
                "kind_id": (kind or cls.advertising).id,
                "partner_id": cls.advertiser.id,
                "description": "电梯广告",
                "amount": amount,
                "date": when,
                **values,
            }
        )

    @classmethod
    def use(cls, amount, when, estate=None, **values):
        return cls.env["property.common.revenue.use"].create(
            {
                "estate_id": (estate or cls.estate).id,
                "purpose": "外墙清洗",
                "decided_by": "业委会 2026-02 决议",
                "partner_id": cls.cleaner.id,
                "amount": amount,
                "date": when,
                **values,
            }
        )

    def balance(self, estate=None):
        estate = estate or self.estate
        Ledger = self.env["property.common.revenue.ledger"]
        return Ledger._estate_balances(estate).get(estate, 0.0)


@tagged("post_install", "-at_install")
class TestCommonRevenue(CommonRevenueCommon):
    def test_accounting_created_once(self):
        self.assertEqual(self.journal.type, "bank")
        self.assertEqual(self.journal.code, "CREV")
        self.assertEqual(self.account.account_type, "liability_current")
        self.assertTrue(self.account.code.startswith("2241"), self.account.code)
        self.assertEqual(len(self.account.code), 6, "as long as the chart's codes")
        self.assertNotEqual(self.account, self.env.company.maintenance_fund_account_id)
        self.assertEqual(
            self.env.company._get_common_revenue_accounting(), (self.journal, self.account)
        )
        fund_journal = self.env.company._get_maintenance_fund_accounting()[0]
        self.assertEqual(
            self.env.company._property_trust_journals() & (self.journal | fund_journal),
            self.journal | fund_journal,
            "the owners' money is never a payment notice's payee",
        )

    def test_company_without_chart_is_refused(self):
        company = self.env["res.company"].create({"name": "无科目公司"})
        with self.assertRaisesRegex(UserError, "no chart of accounts"):
            company._get_common_revenue_accounting()

    def test_clerk_records_manager_posts(self):
        """The clerk records the income in draft and asks to post it; only the community
        manager posts it: bank debit, owners' liability credit, no income account."""
        with Form(self.env["property.common.revenue"].with_user(self.community_clerk)) as form:
            form.estate_id = self.estate
            form.kind_id = self.advertising
            form.partner_id = self.advertiser
            form.description = "A1 电梯广告 2026 年第一季度"
            form.date = date(2026, 1, 10)
            form.amount = 4567.89
            form.payment_reference = "HK-0110"
            self.assertEqual(form.payment_mode, "bank")
        revenue = form.record.with_env(self.env)
        self.assertTrue(revenue.name.startswith("CR/"), revenue.name)
        self.assertEqual(revenue.company_id, self.env.company)
        self.assertEqual(revenue.state, "draft")

        revenue.with_user(self.community_clerk).action_request_posting()
        self.assertEqual(revenue.activity_ids.user_id, self.community_manager)
        with self.assertRaisesRegex(AccessError, "Only a community manager"):
            revenue.with_user(self.community_clerk).action_post()
        self.assertEqual(revenue.state, "draft")
        self.assertFalse(revenue.move_id)

        revenue.with_user(self.community_manager).action_post()
        self.assertEqual(revenue.state, "posted")
        self.assertFalse(revenue.activity_ids, "the request to post is done")
        move = revenue.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        self.assertEqual(move.date, date(2026, 1, 10))
        self.assertEqual(move.ref, f"{revenue.name} / HK-0110")
        debit = move.line_ids.filtered("debit")
        credit = move.line_ids.filtered("credit")
        self.assertEqual(debit.account_id, self.journal.default_account_id)
        self.assertEqual(debit.debit, 4567.89)
        self.assertEqual(credit.account_id, self.account)
        self.assertEqual(credit.credit, 4567.89)
        self.assertFalse(
            move.line_ids.account_id.filtered(lambda a: a.internal_group == "income"),
            "the owners' money is not the company's income",
        )
        self.assertEqual(
            credit.name,
            "Common revenue of 阳光花园: Advertising, A1 电梯广告 2026 年第一季度",
        )
        self.assertEqual(move.line_ids.partner_id, self.advertiser)
        self.assertEqual(self.balance(), 4567.89)

        with self.assertRaises(UserError):
            revenue.with_user(self.community_manager).amount = 1.0
        self.assertEqual(revenue.amount, 4567.89)

    def test_clerk_records_a_use(self):
        self.revenue(5000.0, date(2026, 1, 5)).action_post()
        Use = self.env["property.common.revenue.use"].with_user(self.community_clerk)
        with Form(Use) as form:
            form.estate_id = self.estate
            form.purpose = "儿童游乐设施更换"
            form.decided_by = "2026年第一次业主大会 第2号决议"
            form.partner_id = self.cleaner
            form.date = date(2026, 2, 20)
            form.amount = 1999.99
            self.assertEqual(form.payment_mode, "bank")
        use = form.record.with_env(self.env)
        self.assertTrue(use.name.startswith("CRU/"), use.name)
        with self.assertRaisesRegex(AccessError, "Only a community manager"):
            use.with_user(self.community_clerk).action_post()
        use.with_user(self.community_manager).action_post()
        self.assertEqual(
            use.move_id.line_ids.filtered("debit").name,
            "Use of the common revenue of 阳光花园: 儿童游乐设施更换",
        )
        self.assertEqual(self.balance(), 3000.01)

    def test_settings_create_the_accounting_of_a_new_company(self):
        company = self.env["res.company"].create({"name": "新物业公司"})
        self.env["account.chart.template"].try_loading("cn", company, install_demo=False)
        settings = self.env["res.config.settings"].with_company(company).create({})
        settings.action_common_revenue_setup()
        self.assertEqual(company.common_revenue_journal_id.company_id, company)
        self.assertEqual(company.common_revenue_journal_id.code, "CREV")
        self.assertIn(company, company.common_revenue_account_id.company_ids)

    def test_receivable_income(self):
        revenue = self.revenue(1200.0, date(2026, 2, 1), payment_mode="receivable")
        revenue.with_user(self.community_manager).action_post()
        debit = revenue.move_id.line_ids.filtered("debit")
        self.assertEqual(debit.account_id, self.advertiser.property_account_receivable_id)
        self.assertEqual(debit.debit, 1200.0)

    def test_amount_must_be_positive(self):
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self.revenue(0.0, date(2026, 1, 5))

    def test_use_within_the_balance(self):
        self.revenue(3000.0, date(2026, 1, 5)).action_post()
        use = self.use(3000.01, date(2026, 2, 1))
        with self.assertRaisesRegex(UserError, "less than"):
            use.with_user(self.community_manager).action_post()
        self.assertEqual(use.state, "draft")
        use.amount = 2500.0
        use.with_user(self.community_manager).action_post()
        move = use.move_id
        debit = move.line_ids.filtered("debit")
        credit = move.line_ids.filtered("credit")
        self.assertEqual((debit.account_id, debit.debit), (self.account, 2500.0))
        self.assertEqual(
            (credit.account_id, credit.credit), (self.journal.default_account_id, 2500.0)
        )
        self.assertEqual(self.balance(), 500.0)

    def test_bill_to_pay_needs_the_payee(self):
        self.revenue(3000.0, date(2026, 1, 5)).action_post()
        use = self.use(1000.0, date(2026, 2, 1), payment_mode="payable", partner_id=False)
        with self.assertRaisesRegex(UserError, "Set the payee"):
            use.with_user(self.community_manager).action_post()
        use.partner_id = self.cleaner
        use.with_user(self.community_manager).action_post()
        credit = use.move_id.line_ids.filtered("credit")
        self.assertEqual(credit.account_id, self.cleaner.property_account_payable_id)

    def test_cancel_reverses_today(self):
        revenue = self.revenue(800.0, date(2026, 1, 5))
        revenue.action_post()
        use = self.use(300.0, date(2026, 1, 20))
        use.action_post()
        with self.assertRaisesRegex(UserError, "less than"):
            revenue.with_user(self.community_manager).action_cancel()
        with self.assertRaisesRegex(AccessError, "Only a community manager"):
            use.with_user(self.community_clerk).action_cancel()
        use.with_user(self.community_manager).action_cancel()
        self.assertEqual(use.state, "cancelled")
        self.assertEqual(
            use.reversal_move_id.date,
            fields.Date.context_today(use.with_user(self.community_manager)),
        )
        revenue.with_user(self.community_manager).action_cancel()
        self.assertEqual(revenue.reversal_move_id.state, "posted")
        self.assertEqual(self.balance(), 0.0)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            revenue.unlink()

    def test_clerk_deletes_a_draft(self):
        revenue = self.revenue(100.0, date(2026, 1, 5)).with_user(self.community_clerk)
        revenue.unlink()
        self.assertFalse(revenue.exists())

    def test_office_staff_without_community_role_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["property.common.revenue"].with_user(self.office).search([])
        with self.assertRaises(AccessError):
            self.env["property.common.revenue.kind"].with_user(self.community_clerk).create(
                {"name": "快递柜"}
            )

    def test_multi_company(self):
        """Another company, with Odoo's generic chart: its own journal and account, and
        its users see none of the first company's common revenue."""
        company, estate, _unit = self.second_company()
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        journal, account = company._get_common_revenue_accounting()
        self.assertEqual(journal.company_id, company)
        self.assertEqual(account.account_type, "liability_current")
        code = account.with_company(company).code
        self.assertTrue(code.startswith("2241"), code)
        self.revenue(500.0, date(2026, 1, 5)).action_post()
        other = self.revenue(700.0, date(2026, 1, 6), estate=estate)
        other.action_post()
        self.assertEqual(other.company_id, company)
        self.assertEqual(other.move_id.journal_id, journal)
        self.assertEqual(self.balance(estate), 700.0)
        manager2 = self.company_user(
            company, "pc_manager2", "property_community.group_community_manager"
        )
        Revenue = self.env["property.common.revenue"].with_user(manager2)
        self.assertEqual(Revenue.search([]), other)
        Ledger = self.env["property.common.revenue.ledger"].with_user(manager2)
        self.assertEqual(Ledger.search([]).estate_id, estate)
        with self.assertRaises(AccessError):
            Revenue.create(
                {
                    "estate_id": self.estate.id,
                    "kind_id": self.advertising.id,
                    "partner_id": self.advertiser.id,
                    "description": "x",
                    "amount": 1.0,
                }
            )


class DisclosureCommon(CommonRevenueCommon):
    """2026 Q1 of 阳光花园: 1 000.00 before (opening); advertising 1 500.25 + 2 000.10,
    parking 3 000.33; a use of 800.00 and one cancelled within the quarter; the
    maintenance fund: 10 000.00 paid in 2025, 1 500.00 in February."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.revenue(1000.0, date(2025, 12, 20)).action_post()
        cls.revenue(1500.25, date(2026, 1, 15)).action_post()
        cls.revenue(2000.10, date(2026, 2, 15)).action_post()
        cls.revenue(3000.33, date(2026, 3, 31), kind=cls.parking).action_post()
        cls.revenue(99.0, date(2026, 4, 1)).action_post()  # next quarter
        cls.cleaning = cls.use(800.0, date(2026, 3, 1))
        cls.cleaning.action_post()
        Contribution = cls.env["property.maintenance.fund.contribution"]
        for amount, when in ((10000.0, date(2025, 12, 15)), (1500.0, date(2026, 2, 1))):
            Contribution.create(
                {"unit_id": cls.unit_a1.id, "amount": amount, "date": when}
            ).action_post()

    @classmethod
    def disclosure(cls, year=2026, quarter="1"):
        return cls.env["property.common.revenue.disclosure"].create(
            {"estate_id": cls.estate.id, "year": year, "quarter": quarter}
        )


@tagged("post_install", "-at_install")
class TestDisclosure(DisclosureCommon):
    def test_figures(self):
        with Form(
            self.env["property.common.revenue.disclosure"].with_user(self.community_clerk)
        ) as form:
            form.estate_id = self.estate
            form.year = 2026
            form.quarter = "1"
            self.assertEqual(form.date_from, date(2026, 1, 1))
            self.assertEqual(form.date_to, date(2026, 3, 31))
        disclosure = form.record
        self.assertEqual(disclosure.display_name, "阳光花园, 2026 Q1")
        self.assertEqual(disclosure.opening_balance, 1000.0)
        self.assertEqual(
            [(line.kind_id, line.amount) for line in disclosure.income_line_ids],
            [(self.advertising, 3500.35), (self.parking, 3000.33)],
        )
        self.assertEqual(disclosure.income_total, 6500.68)
        [use] = disclosure.use_line_ids
        self.assertEqual(
            (use.date, use.reference, use.name, use.decided_by, use.amount),
            (date(2026, 3, 1), self.cleaning.name, "外墙清洗", "业委会 2026-02 决议", 800.0),
        )
        self.assertEqual(disclosure.use_total, 800.0)
        self.assertEqual(disclosure.closing_balance, 6700.68)
        self.assertEqual(
            (
                disclosure.fund_opening,
                disclosure.fund_contributions,
                disclosure.fund_used,
                disclosure.fund_closing,
            ),
            (10000.0, 1500.0, 0.0, 11500.0),
        )
        # the next quarter opens with this one's closing
        self.assertEqual(self.disclosure(quarter="2").opening_balance, 6700.68)

    def test_publish_closes_the_quarter(self):
        disclosure = self.disclosure()
        with self.assertRaisesRegex(AccessError, "Only a community manager can publish"):
            disclosure.with_user(self.community_clerk).action_publish()
        self.assertEqual(disclosure.state, "draft")
        # a late income of the quarter, before publication, is counted
        self.revenue(10.0, date(2026, 3, 30)).action_post()
        disclosure.with_user(self.community_manager).action_publish()
        self.assertEqual(disclosure.state, "published")
        self.assertEqual(disclosure.income_total, 6510.68)
        self.assertEqual(disclosure.closing_balance, 6710.68)
        self.assertEqual(disclosure.published_by_id, self.community_manager)
        late = self.revenue(20.0, date(2026, 2, 28))
        with self.assertRaisesRegex(UserError, "is published"):
            late.with_user(self.community_manager).action_post()
        with self.assertRaises(UserError):
            disclosure.with_user(self.community_manager).action_refresh()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            disclosure.with_user(self.community_manager).unlink()
        self.assertEqual(disclosure.closing_balance, 6710.68)

    def test_figures_are_the_accounts(self):
        """Nobody edits a disclosure's lines, and the figures typed over RPC in a draft
        are read again from the accounts when it is published."""
        disclosure = self.disclosure()
        line = disclosure.income_line_ids[0].with_user(self.community_manager)
        with self.assertRaises(AccessError):
            line.amount = 1.0
        disclosure.with_user(self.community_clerk).closing_balance = 1.0
        disclosure.with_user(self.community_manager).action_publish()
        self.assertEqual(disclosure.closing_balance, 6700.68)

    def test_publish_an_unfinished_quarter_is_refused(self):
        disclosure = self.disclosure(year=2100, quarter="4")
        with self.assertRaisesRegex(UserError, "has not ended"):
            disclosure.with_user(self.community_manager).action_publish()

    def test_one_disclosure_per_quarter(self):
        self.disclosure()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(IntegrityError, "estate_quarter_uniq"),
            self.cr.savepoint(),
        ):
            self.disclosure()

    def test_report_renders_the_figures(self):
        disclosure = self.disclosure()
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "property_community.action_report_common_revenue_disclosure", disclosure.ids
        )
        html = html.decode()
        self.assertIn("Disclosure of Common Revenue and Maintenance Fund", html)
        self.assertIn("Draft: not published yet.", html)
        for figure in ("1,000.00", "3,500.35", "3,000.33", "6,500.68", "800.00", "6,700.68"):
            self.assertIn(figure, html)
        for figure in ("10,000.00", "1,500.00", "11,500.00"):
            self.assertIn(figure, html)
        self.assertIn(self.cleaning.name, html)
        self.assertIn("业委会 2026-02 决议", html)

    def test_ledger_by_estate(self):
        Ledger = self.env["property.common.revenue.ledger"].with_user(self.community_clerk)
        groups = dict(
            Ledger._read_group([("estate_id", "=", self.estate.id)], ["kind"], ["amount:sum"])
        )
        self.assertEqual(groups, {"income": 7599.68, "use": -800.0})


@tagged("post_install", "-at_install")
class TestDisclosurePortal(DisclosureCommon, HttpCase):
    """The owners of 阳光花园 read its published disclosures on their portal; the owner
    of another estate gets 404."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.published = cls.disclosure()
        cls.published.action_publish()
        cls.draft = cls.disclosure(quarter="2")
        cls.portal_user(cls.owner_zhang, "pc_owner_zhang")
        other_estate = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        other_unit = cls.env["property.unit"].create(
            {"code": "C1-0101", "estate_id": other_estate.id}
        )
        cls.owner_zhao = cls.env["res.partner"].create({"name": "赵强"})
        cls.occupy(other_unit, cls.owner_zhao)
        cls.portal_user(cls.owner_zhao, "pc_owner_zhao")

    def test_owner_reads_the_disclosure(self):
        self.authenticate("pc_owner_zhang", "pc_owner_zhang_pw1")
        page = self.url_open("/my/disclosures")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.published.get_portal_url(), page.text)
        self.assertNotIn(f"/my/disclosures/{self.draft.id}", page.text)
        page = self.url_open(self.published.get_portal_url())
        self.assertEqual(page.status_code, 200)
        for figure in ("6,500.68", "6,700.68", "11,500.00", "外墙清洗"):
            self.assertIn(figure, page.text)
        pdf = self.url_open(self.published.get_portal_url(report_type="pdf", download=True))
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment;", pdf.headers["Content-Disposition"])
        # Tests render reports as HTML, without wkhtmltopdf (see test_disclosure_pdf).
        self.assertIn("6,700.68", pdf.content.decode())
        self.assertEqual(self.url_open(f"/my/disclosures/{self.draft.id}").status_code, 404)

    def test_owner_of_another_estate_gets_404(self):
        self.authenticate("pc_owner_zhao", "pc_owner_zhao_pw1")
        page = self.url_open("/my/disclosures")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(f"/my/disclosures/{self.published.id}", page.text)
        url = f"/my/disclosures/{self.published.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        pdf = self.url_open(f"{url}?report_type=pdf&download=true")
        self.assertEqual(pdf.status_code, 404)

    def test_portal_user_cannot_write(self):
        Disclosure = self.env["property.common.revenue.disclosure"].with_user(
            self.env.ref("base.group_portal").users.filtered(lambda u: u.login == "pc_owner_zhang")
        )
        self.assertEqual(Disclosure.search([]), self.published)
        with self.assertRaises(AccessError):
            Disclosure.browse(self.published.id).check_access("write")
        with self.assertRaises(AccessError):
            self.env["property.common.revenue"].with_user(Disclosure.env.user).search([])

    def test_disclosure_pdf(self):
        """The printed disclosure through wkhtmltopdf, Chinese text shown."""
        self.assertTrue(shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing")
        report = self.env.ref(
            "property_community.action_report_common_revenue_disclosure"
        ).with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf(report.report_name, self.published.ids)
        self.assertEqual(kind, "pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        self.assertIn("阳光花园", text)
        self.assertIn("外墙清洗", text)
        self.assertIn("6,700.68", text)


@tagged("post_install", "-at_install")
class TestDisclosurePortalInChinese(DisclosureCommon, HttpCase):
    """An owner reading Chinese meets no English word on the disclosure pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["zh_CN"])
        chinese_company(cls.env.company)
        cls.published = cls.disclosure()
        cls.published.action_publish()
        # (CommunityCommon.portal_user would rename the owner "login (groups)")
        new_test_user(
            cls.env,
            "pc_owner_zh",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
            name=cls.owner_zhang.name,
            password="pc_owner_zh_pw1",
            lang="zh_CN",
        )

    @staticmethod
    def page_text(response):
        page = html.fromstring(response.content)
        hidden = (
            "//script | //style | //title | //template | //option | //*[@hidden]"
            " | //*[contains(concat(' ', normalize-space(@class), ' '), ' d-none ')]"
            " | //*[contains(@class, 'js_language_selector')]//a"
        )
        for node in page.xpath(hidden):
            node.drop_tree()
        return page.text_content()

    def test_pages_in_chinese(self):
        self.authenticate("pc_owner_zh", "pc_owner_zh_pw1")
        for url in ("/my", "/my/disclosures", f"/my/disclosures/{self.published.id}"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            text = self.page_text(response).replace("pc_owner_zh", " ")
            self.assertEqual(english_words(text), [], url)
        page = self.page_text(self.url_open(f"/my/disclosures/{self.published.id}"))
        self.assertIn("2026年第1季度", page)
        self.assertIn("广告", page)
        self.assertIn("共有场地停车", page)
