from datetime import date

from lxml import html

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.pdf_text import pdf_text
from odoo.addons.property_base.tests.test_translations import load_languages

from .common import BillingCommon

STATEMENT = "report.property_billing.report_unit_statement"


@tagged("post_install", "-at_install")
class TestBillingPortal(BillingCommon, HttpCase):
    """Owner A (张伟) pays unit A1-1203: two notices of 246.25 (July, August), 100 paid
    on the first. Owner B (李娜) pays unit A1-1204: notices of 300. Each sees their own
    notices and statement; the other's answer 404 (statement) or send back to /my
    (invoice)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule(cls.unit_a1, cls.management)
        cls.schedule(cls.unit_a2, cls.management)
        july = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        august = cls.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        cls.july_a = july.filtered(lambda move: move.property_unit_id == cls.unit_a1)
        cls.july_b = july.filtered(lambda move: move.property_unit_id == cls.unit_a2)
        cls.august_a = august.filtered(lambda move: move.property_unit_id == cls.unit_a1)
        cls.payment = cls.pay(cls.july_a, 100.0, date(2026, 6, 20))
        cls.user_a = new_test_user(
            cls.env,
            "bill_owner_a",
            name="张伟",
            password="bill_owner_a_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )
        cls.user_b = new_test_user(
            cls.env,
            "bill_owner_b",
            name="李娜",
            password="bill_owner_b_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_li.id,
        )

    @classmethod
    def pay(cls, invoice, amount, payment_date):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": payment_date, "amount": amount})
            ._create_payments()
        )

    def statement(self, unit, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)):
        return self.env[STATEMENT]._get_statement(unit, date_from, date_to)

    # ------------------------------------------------------------ the statement

    def test_statement_balances(self):
        self.assertEqual(self.july_a.payment_state, "partial")
        statement = self.statement(self.unit_a1)
        self.assertEqual(statement["opening_balance"], 0.0)
        self.assertEqual(
            [(line["kind"], line["date"], line["name"]) for line in statement["lines"]],
            [
                ("notice", date(2026, 6, 15), self.july_a.name),
                ("payment", date(2026, 6, 20), self.payment.move_id.name),
                ("notice", date(2026, 7, 15), self.august_a.name),
            ],
        )
        self.assertEqual([line["balance"] for line in statement["lines"]], [246.25, 146.25, 392.5])
        self.assertEqual(statement["lines"][0]["residual"], 146.25)
        self.assertEqual(statement["lines"][0]["paid"], 100.0)
        self.assertEqual(statement["lines"][1]["notice"], self.july_a)
        self.assertEqual(statement["lines"][2]["residual"], 246.25)
        self.assertEqual(statement["total_debit"], 492.5)
        self.assertEqual(statement["total_credit"], 100.0)
        self.assertEqual(statement["closing_balance"], 392.5)

    def test_statement_opening_balance(self):
        statement = self.statement(self.unit_a1, date_from=date(2026, 7, 1))
        self.assertEqual(statement["opening_balance"], 146.25)
        self.assertEqual([line["move"] for line in statement["lines"]], [self.august_a])
        self.assertEqual(statement["closing_balance"], 392.5)
        # Up to a day before the payment: nothing paid yet.
        statement = self.statement(self.unit_a1, date_to=date(2026, 6, 17))
        self.assertEqual(statement["closing_balance"], 246.25)
        self.assertEqual(statement["lines"][0]["residual"], 246.25)

    def test_statement_of_a_notice_billing_two_units(self):
        """李娜 pays A1-1204 (120 m²) and a new 80 m² unit: their September notice
        (300 + 200) and a payment of 250 count for each unit in proportion."""
        unit = self.env["property.unit"].create(
            {"code": "A1-1205", "estate_id": self.estate.id, "building_area": 80.0}
        )
        self.occupy(unit, self.owner_li, is_payer=True, date_from=date(2020, 1, 1))
        self.schedule(unit, self.management)
        september = self.bill(date(2026, 9, 1), date(2026, 9, 30), invoice_date=date(2026, 8, 15))
        notice = september.filtered(lambda move: move.partner_id == self.owner_li)
        self.assertEqual(notice.property_unit_ids, self.unit_a2 | unit)
        self.pay(notice, 250.0, date(2026, 8, 20))
        period = {"date_from": date(2026, 8, 1), "date_to": date(2026, 9, 30)}
        new_unit = self.statement(unit, **period)
        self.assertEqual(new_unit["opening_balance"], 0.0)
        self.assertEqual([line["debit"] for line in new_unit["lines"]], [200.0, 0.0])
        self.assertEqual([line["credit"] for line in new_unit["lines"]], [0.0, 100.0])
        self.assertEqual(new_unit["closing_balance"], 100.0)
        a2 = self.statement(self.unit_a2, **period)
        self.assertEqual(a2["opening_balance"], 600.0)
        self.assertEqual(a2["closing_balance"], 750.0)
        due = self.env[STATEMENT]._amounts_due(self.unit_a2 | unit)
        self.assertEqual(due, {self.unit_a2.id: 750.0, unit.id: 100.0})

    def test_amounts_due_in_constant_queries(self):
        Report = self.env[STATEMENT]
        units = self.unit_a1 | self.unit_a2 | self.unit_b1

        def queries(units):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            due = Report._amounts_due(units)
            return self.env.cr.sql_log_count - before, due

        one, _due = queries(self.unit_a1)
        three, due = queries(units)
        self.assertGreater(one, 0)
        self.assertEqual(one, three)
        self.assertEqual(
            due, {self.unit_a1.id: 392.5, self.unit_a2.id: 600.0, self.unit_b1.id: 0.0}
        )

    def test_backend_print_with_dates(self):
        wizard = (
            self.env["property.unit.statement.wizard"]
            .with_user(self.manager)
            .with_context(active_model="property.unit", active_ids=self.unit_a1.ids)
            .create({"date_from": date(2026, 7, 1), "date_to": date(2026, 12, 31)})
        )
        self.assertEqual(wizard.unit_ids, self.unit_a1)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "property_billing.report_unit_statement")
        self.assertEqual(action["data"], {"date_from": "2026-07-01", "date_to": "2026-12-31"})
        content = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html(
                "property_billing.action_report_unit_statement",
                self.unit_a1.ids,
                data=action["data"],
            )[0]
            .decode()
        )
        self.assertIn("Statement of Account", content)
        self.assertIn(self.august_a.name, content)
        self.assertNotIn(self.july_a.name, content)
        self.assertIn("146.25", content)
        self.assertIn("392.50", content)

    def test_backend_print_defaults_to_this_year(self):
        wizard = (
            self.env["property.unit.statement.wizard"]
            .with_context(active_model="property.unit", active_ids=self.unit_a1.ids)
            .create({})
        )
        year = fields.Date.context_today(wizard).year
        self.assertEqual((wizard.date_from, wizard.date_to), (date(year, 1, 1), date(year, 12, 31)))

    # ------------------------------------------------------------ portal pages

    def test_own_statement_page(self):
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        response = self.url_open(
            f"/my/units/{self.unit_a1.id}/statement?date_from=2026-01-01&date_to=2026-12-31"
        )
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        self.assertIn("0.00", page.xpath("string(//span[@name='opening_balance'])"))
        self.assertIn("392.50", page.xpath("string(//span[@name='closing_balance'])"))
        rows = page.xpath("//table[hasclass('o_property_statement_lines')]/tbody/tr")
        self.assertEqual(len(rows), 5)  # opening, 2 notices, 1 payment, closing
        self.assertIn(self.payment.move_id.name, rows[2].text_content())
        self.assertIn("146.25", rows[2].text_content())
        links = page.xpath("//table[hasclass('o_property_statement_lines')]//a/@href")
        self.assertEqual(
            links, [f"/my/invoices/{self.july_a.id}", f"/my/invoices/{self.august_a.id}"]
        )

    def test_own_statement_pdf(self):
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        response = self.url_open(
            f"/my/units/{self.unit_a1.id}/statement"
            "?date_from=2026-07-01&date_to=2026-12-31&report_type=pdf&download=true"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("Statement_A1_1203", response.headers["Content-Disposition"])
        # Tests render reports as HTML, without wkhtmltopdf (see test_statement_pdf_wkhtmltopdf).
        content = response.content.decode()
        self.assertIn("146.25", content)
        self.assertIn("392.50", content)
        self.assertIn(self.august_a.name, content)

    def test_statement_pdf_wkhtmltopdf(self):
        """The statement prints with wkhtmltopdf (HttpCase: it fetches the styles from
        the server). The report's Latin text is set in a web font that pdftotext cannot
        read back: check the Chinese text, in the system's CJK font."""
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf(
            "property_billing.action_report_unit_statement",
            self.unit_a1.ids,
            data={"date_from": "2026-07-01", "date_to": "2026-12-31"},
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        self.assertIn("张伟", text)  # the payer
        self.assertIn("阳光花园", text)  # the estate

    def test_other_owners_statement_is_not_found(self):
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        for query in ("", "?report_type=pdf", "?report_type=pdf&download=true"):
            response = self.url_open(f"/my/units/{self.unit_a2.id}/statement{query}")
            self.assertEqual(response.status_code, 404, query)
            self.assertNotIn("李娜", response.text)
        response = self.url_open("/my/units/999999/statement")
        self.assertEqual(response.status_code, 404)

    def test_statement_needs_a_login(self):
        response = self.url_open(f"/my/units/{self.unit_a1.id}/statement", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_family_member_sees_the_unit_not_its_accounts(self):
        family = self.env["res.partner"].create({"name": "张小明"})
        self.occupy(self.unit_a1, family, role="family")
        new_test_user(
            self.env,
            "bill_family",
            password="bill_family_pw1",
            groups="base.group_portal",
            partner_id=family.id,
        )
        self.authenticate("bill_family", "bill_family_pw1")
        response = self.url_open(f"/my/units/{self.unit_a1.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/statement", response.text)
        for query in ("", "?report_type=pdf"):
            response = self.url_open(f"/my/units/{self.unit_a1.id}/statement{query}")
            self.assertEqual(response.status_code, 404)

    def test_units_show_amount_due_and_statement_link(self):
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        response = self.url_open("/my/units")
        self.assertEqual(response.status_code, 200)
        self.assertIn("392.50", response.text)
        self.assertIn(f"/my/units/{self.unit_a1.id}/statement", response.text)
        response = self.url_open(f"/my/units/{self.unit_a1.id}")
        page = html.fromstring(response.content)
        self.assertIn("392.50", page.xpath("string(//span[@name='amount_due'])"))
        self.assertIn(f"/my/units/{self.unit_a1.id}/statement", response.text)

    def test_home_counts_notices_with_odoo_invoices_entry(self):
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["invoice_count", "property_unit_count"]}
        )
        self.assertEqual(counters["invoice_count"], 1)  # account counts presence only
        self.assertEqual(counters["property_unit_count"], 1)
        response = self.url_open("/my/invoices")
        self.assertIn(self.july_a.name, response.text)
        self.assertIn(self.august_a.name, response.text)
        self.assertNotIn(self.july_b.name, response.text)

    # ------------------------------------------------------------ notices

    def test_own_notice_page_shows_unit_and_period(self):
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        response = self.url_open(f"/my/invoices/{self.july_a.id}")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        notice = page.xpath("string(//div[hasclass('o_portal_property_notice')])")
        self.assertIn("A1-1203", notice)
        self.assertIn("07/01/2026", notice)
        self.assertIn("07/31/2026", notice)
        document = self.url_open(f"/my/invoices/{self.july_a.id}?report_type=html")
        self.assertEqual(document.status_code, 200)
        self.assertIn("Payment Notice", document.text)
        self.assertIn("A1-1203", document.text)

    def test_other_owners_notice_is_not_shown(self):
        url = f"/my/invoices/{self.july_b.id}"
        own_token = self.july_a._portal_ensure_token()
        self.authenticate("bill_owner_a", "bill_owner_a_pw1")
        for query in ("", f"?access_token={own_token}", "?access_token=wrong"):
            response = self.url_open(url + query, allow_redirects=False)
            self.assertEqual(response.status_code, 303, query)
            self.assertTrue(response.headers["Location"].endswith("/my"), query)
        self.logout()
        response = self.url_open(f"{url}?access_token={own_token}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertNotIn(self.july_b.name, response.text)

    def test_other_owners_notice_by_rpc(self):
        Move = self.env["account.move"]
        with self.assertRaises(AccessError):
            Move.with_user(self.user_a).browse(self.july_b.id).read(["name"])
        with self.assertRaises(AccessError):
            Move.with_user(self.user_b).browse(self.july_a.id).check_access("read")
        self.assertEqual(
            Move.with_user(self.user_a).search([("move_type", "=", "out_invoice")]),
            self.july_a | self.august_a,
        )


@tagged("post_install", "-at_install")
class TestPayNow(BillingCommon, HttpCase):
    """Owner A pays the July notice online with the demo provider, through the portal
    as a browser does: the notice page's payment form, the invoice transaction route,
    the demo provider's payment and the status page's polling (post-processing)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))
        cls.notice = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.env.company.id), ("type", "=", "bank")], limit=1
        )
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.write(
            {
                "state": "test",
                "is_published": True,
                "company_id": cls.env.company.id,
                "journal_id": cls.journal.id,
            }
        )
        new_test_user(
            cls.env,
            "pay_owner_a",
            name="张伟",
            password="pay_owner_a_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )

    def test_demo_provider_installed_for_tests(self):
        self.assertEqual(self.provider.code, "demo", "payment_demo is not installed")

    def test_pay_now(self):
        self.assertEqual(self.notice.payment_state, "not_paid")
        self.authenticate("pay_owner_a", "pay_owner_a_pw1")
        page = self.url_open(f"/my/invoices/{self.notice.id}")
        self.assertEqual(page.status_code, 200)
        tree = html.fromstring(page.content)
        form = tree.xpath("//form[@id='o_payment_form']")
        self.assertTrue(form, "no payment form on the notice page")
        form = form[0]
        self.assertEqual(float(form.get("data-amount")), 246.25)
        option = tree.xpath(
            f"//input[@name='o_payment_radio'][@data-provider-id='{self.provider.id}']"
        )
        self.assertTrue(option, "the demo provider is not offered")
        processing_values = self.make_jsonrpc_request(
            form.get("data-transaction-route"),
            {
                "access_token": form.get("data-access-token"),
                "provider_id": self.provider.id,
                "payment_method_id": int(option[0].get("data-payment-option-id")),
                "token_id": None,
                "amount": float(form.get("data-amount")),
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": form.get("data-landing-route"),
                "is_validation": False,
            },
        )
        transaction = self.env["payment.transaction"].search(
            [("reference", "=", processing_values["reference"])]
        )
        self.assertEqual(transaction.invoice_ids, self.notice)
        # What the demo provider's payment form sends, then the status page's polling.
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {
                "reference": transaction.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        status = self.make_jsonrpc_request("/payment/status/poll", {})
        self.assertEqual(status["state"], "done")
        self.assertTrue(transaction.is_post_processed)
        self.assertEqual(self.notice.payment_state, "paid")
        payment = transaction.payment_id
        self.assertEqual(payment.move_id.state, "posted")
        self.assertEqual(payment.journal_id, self.provider.journal_id)
        self.assertEqual(payment.journal_id, self.journal)
        self.assertEqual(payment.amount, 246.25)
        self.assertEqual(payment.partner_id, self.owner_zhang)
        self.assertIn(self.notice, payment.reconciled_invoice_ids)

    def test_owner_pays_on_a_phone(self):
        """The same payment in a real browser at a phone's size (390 × 844)."""
        self.patch(self, "browser_size", "390x844")
        self.patch(self, "touch_enabled", True)
        self.start_tour("/my/invoices", "property_billing_portal_pay", login="pay_owner_a")
        self.assertEqual(self.notice.payment_state, "paid")
        transaction = self.notice.transaction_ids
        self.assertRecordValues(transaction, [{"state": "done", "provider_id": self.provider.id}])
        self.assertIn(self.notice, transaction.payment_id.reconciled_invoice_ids)
        self.assertEqual(transaction.payment_id.amount, 246.25)


@tagged("post_install", "-at_install")
class TestPaymentMethods(BillingCommon, HttpCase):
    """Every company takes payments from day one: the wire transfer (Odoo's
    payment_custom) is enabled for it, naming its bank account, or the service desk
    while it has none. Tenants have no demo provider: it is hidden here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))
        cls.notice = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        cls.env.ref("payment.payment_provider_demo").is_published = False
        new_test_user(
            cls.env,
            "pm_owner_a",
            name="张伟",
            password="pm_owner_a_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )

    def wire_transfer(self, company):
        return self.env["payment.provider"].search(
            [("company_id", "=", company.id), ("code", "=", "custom")]
        )

    def test_an_owner_gets_a_payment_method(self):
        self.authenticate("pm_owner_a", "pm_owner_a_pw1")
        page = self.url_open(f"/my/invoices/{self.notice.id}")
        self.assertEqual(page.status_code, 200)
        tree = html.fromstring(page.content)
        # payment.no_pms_available_warning: "无可用付款方式，请联系网站管理员"
        self.assertFalse(tree.xpath("//div[@id='portal_pay']//div[hasclass('alert-warning')]"))
        options = tree.xpath("//form[@id='o_payment_form']//input[@name='o_payment_radio']")
        self.assertEqual([option.get("data-provider-code") for option in options], ["custom"])

    def test_transfer_names_the_service_desk_until_a_bank_account_is_set(self):
        provider = self.wire_transfer(self.env.company)
        self.assertRecordValues(provider, [{"state": "enabled", "is_published": True}])
        self.assertIn("contact the service desk", provider.pending_msg)
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.env.company.id), ("type", "=", "bank"), ("code", "=", "BNK1")]
        )
        accountant = new_test_user(
            self.env,
            "pm_accountant",
            groups="account.group_account_manager,base.group_partner_manager",
        )
        bank = self.env["res.bank"].create({"name": "中国建设银行上海分行"})
        journal.with_user(accountant).write(
            {"bank_acc_number": "6217 0000 1234 5678", "bank_id": bank.id}
        )
        self.assertNotIn("contact the service desk", provider.pending_msg)
        self.assertIn("6217 0000 1234 5678", provider.pending_msg)
        self.assertIn("中国建设银行上海分行", provider.pending_msg)
        self.assertIn(self.env.company.name, provider.pending_msg)

    def test_a_new_company_takes_transfers(self):
        admin = new_test_user(
            self.env,
            "pm_admin",
            groups="base.group_system,base.group_erp_manager,base.group_partner_manager",
        )
        company = self.env["res.company"].with_user(admin).create({"name": "绿城物业"})
        provider = self.wire_transfer(company)
        self.assertRecordValues(
            provider,
            [{"state": "enabled", "is_published": True, "custom_mode": "wire_transfer"}],
        )
        self.assertIn("绿城物业", provider.pending_msg)
        self.assertIn("contact the service desk", provider.pending_msg)
        # propctl renames a tenant's company after copying the template database
        company.with_user(admin).name = "绿城物业服务集团"
        self.assertIn("绿城物业服务集团", provider.pending_msg)
        self.assertEqual(self.wire_transfer(self.env.company).company_id, self.env.company)

    def choose_transfer(self):
        """As the owner's browser does: the notice page's payment form, the wire
        transfer chosen, its redirect form posted; the transaction and the text of the
        status page the owner lands on."""
        tree = html.fromstring(self.url_open(f"/my/invoices/{self.notice.id}").content)
        form = tree.xpath("//form[@id='o_payment_form']")[0]
        [option] = tree.xpath("//input[@name='o_payment_radio'][@data-provider-code='custom']")
        processing_values = self.make_jsonrpc_request(
            form.get("data-transaction-route"),
            {
                "access_token": form.get("data-access-token"),
                "provider_id": int(option.get("data-provider-id")),
                "payment_method_id": int(option.get("data-payment-option-id")),
                "token_id": None,
                "amount": float(form.get("data-amount")),
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": form.get("data-landing-route"),
                "is_validation": False,
            },
        )
        self.url_open("/payment/custom/process", data={"reference": processing_values["reference"]})
        transaction = self.env["payment.transaction"].search(
            [("reference", "=", processing_values["reference"])]
        )
        status = self.url_open("/payment/status")
        message = html.fromstring(status.content).xpath(
            "string(//div[@id='o_payment_status_message_details'])"
        )
        return transaction, message

    def test_owner_chooses_the_transfer_and_reads_the_reference(self):
        self.authenticate("pm_owner_a", "pm_owner_a_pw1")
        transaction, message = self.choose_transfer()
        self.assertEqual(transaction.state, "pending")
        self.assertEqual(transaction.invoice_ids, self.notice)
        self.assertIn("contact the service desk", message)
        self.assertIn(self.notice.payment_reference, message)
        self.assertEqual(self.notice.payment_state, "not_paid")

    def test_owner_reads_the_transfer_in_chinese(self):
        """A tenant in Chinese (its language loaded before the addons, as propctl builds
        it): the owner reads the message and Odoo's "communication" as 付款参考号."""
        load_languages(self.env, ["zh_CN"])
        self.wire_transfer(self.env.company).action_recompute_pending_msg()
        self.owner_zhang.lang = "zh_CN"
        self.authenticate("pm_owner_a", "pm_owner_a_pw1")
        _transaction, message = self.choose_transfer()
        self.assertIn("客服中心", message)
        self.assertIn("付款参考号", message)
        self.assertIn(self.notice.payment_reference, message)
        self.assertNotIn("service desk", message)
