import re
import shutil
import subprocess
from base64 import b64decode
from datetime import date
from io import BytesIO
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from lxml import html as lxml_html
from PIL import Image

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import config

from odoo.addons.account.tools import is_valid_structured_reference

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestPaymentNotice(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Late fees have their own tests; here they would only blur the figures.
        cls.env.company.property_late_fee_rate = 0.0
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule(cls.unit_a1, management)  # 98.5 m² × 2.5 = 246.25 a month
        # Notices on the 15th for the next month, due the day before it starts.
        cls.may = cls.bill(date(2026, 5, 1), date(2026, 5, 31), invoice_date=date(2026, 4, 15))
        cls.june = cls.bill(date(2026, 6, 1), date(2026, 6, 30), invoice_date=date(2026, 5, 15))

    def test_invoice_knows_unit_and_period(self):
        self.assertEqual(self.june.property_unit_id, self.unit_a1)
        self.assertEqual(self.june.property_estate_id, self.estate)
        self.assertEqual(self.june.property_period_start, date(2026, 6, 1))
        self.assertEqual(self.june.property_period_end, date(2026, 6, 30))
        self.assertEqual(self.june.invoice_line_ids.property_unit_id, self.unit_a1)

    def test_structured_payment_reference(self):
        reference = self.june.payment_reference
        self.assertTrue(reference.startswith("RF"), reference)
        self.assertTrue(is_valid_structured_reference(reference), reference)
        self.assertNotEqual(reference, self.may.payment_reference)
        # One length for all (RF, check digits, the number in 12 digits)
        self.assertRegex(reference, r"^RF\d\d( \d{4}){3}$")
        self.assertEqual(len(reference), len(self.may.payment_reference))

    def test_arrears_brought_forward_and_amount_in_words(self):
        self.assertEqual(self.june.property_arrears_move_ids, self.may)
        self.assertAlmostEqual(self.june.property_arrears_amount, 246.25)
        self.assertAlmostEqual(self.june.property_amount_to_pay, 492.5)
        self.assertEqual(self.june.property_amount_to_pay_words, "肆佰玖拾贰元伍角")
        # A paid notice is no longer brought forward.
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.may.ids
        ).create({"payment_date": date(2026, 6, 5)})._create_payments()
        self.june.invalidate_recordset()
        self.assertFalse(self.june.property_arrears_move_ids)
        self.assertEqual(self.june.property_amount_to_pay_words, "贰佰肆拾陆元贰角伍分")

    def test_credit_on_account_lowers_what_is_due(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        )
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.owner_zhang.id,
                "amount": 300.0,
                "journal_id": journal.id,
                "date": date(2026, 6, 2),
            }
        )
        payment.action_post()
        self.june.invalidate_recordset()
        self.assertAlmostEqual(self.june.property_credit_amount, 300.0)
        self.assertAlmostEqual(self.june.property_amount_to_pay, 192.5)

    def test_arrears_of_many_notices_read_in_batch(self):
        """The arrears and credit of notices printed together (their PDF, a batch of
        e-mails) cost the same queries for 4 notices as for 12 (Issue 20: two searches
        per notice before)."""
        management = self.plan(self.fee_management, "building_area", 2.5)
        for unit in (self.unit_a2, self.unit_b1):
            self.schedule(unit, management)
        for month in (7, 8, 9, 10):
            start = date(2026, month, 1)
            self.bill(start, start + relativedelta(months=1, days=-1))
        notices = self.env["account.move"].search(
            [("property_unit_id", "!=", False), ("state", "=", "posted")], order="id"
        )
        self.assertEqual(len(notices), 14)

        def queries(batch):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch.mapped("property_amount_to_pay")
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(notices[-4:]), queries(notices[-12:]))
        # and the figures are each notice's own
        october = notices.filtered(
            lambda n: n.property_unit_id == self.unit_a1 and n.invoice_date == date(2026, 10, 1)
        )
        self.assertEqual(len(october.property_arrears_move_ids), 5)  # May to September
        self.assertAlmostEqual(october.property_amount_to_pay, 6 * 246.25)

    def test_the_invoice_document_is_the_payment_notice(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("account.account_invoices", self.june.ids)[0]
            .decode()
        )
        self.assertIn("Payment Notice", html)
        self.assertIn("A1-1203", html)
        self.assertIn("肆佰玖拾贰元伍角", html)
        self.assertIn(self.june.payment_reference, html)
        self.assertIn(self.may.name, html)  # arrears brought forward

    def test_notices_sent_by_email(self):
        run = self.june.invoice_line_ids.property_charge_id.billing_run_id
        action = run.action_send_notices()
        self.assertEqual(action["res_model"], "account.move.send.wizard")
        self.env["account.move.send"]._generate_and_send_invoices(self.may | self.june)
        for invoice in self.may | self.june:
            message = invoice.message_ids.filtered(
                lambda m, invoice=invoice: "payment notice" in (m.subject or "")
            )
            self.assertTrue(message, invoice.name)
            self.assertIn(self.owner_zhang, message.partner_ids)
            self.assertTrue(message.attachment_ids)


@tagged("post_install", "-at_install")
class TestPaymentNoticePdf(BillingCommon, HttpCase):
    """The notice as the payer gets it: printed by wkhtmltopdf (an HttpCase: it loads
    the stylesheets from the running server) and read back with poppler's tools."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule(cls.unit_a1, management)
        cls.june = cls.bill(date(2026, 6, 1), date(2026, 6, 30))

    def pdf(self, notice):
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf("account.account_invoices", notice.ids)
        self.assertEqual(kind, "pdf")
        return pdf

    def run_tool(self, *command, pdf):
        self.assertTrue(shutil.which(command[0]), f"{command[0]} (poppler-utils) is missing")
        return subprocess.run(
            [*command, "-", "-"] if command[0] == "pdftotext" else [*command, "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()

    def letterhead(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "account.account_invoices", self.june.ids
        )[0]
        return lxml_html.fromstring(html).xpath("//div[hasclass('o_property_letterhead')]")[0]

    def test_no_logo_placeholder(self):
        company = self.env.company
        company.logo = company._get_logo()  # Odoo's "Your logo" of a new company
        letterhead = self.letterhead()
        self.assertFalse(letterhead.xpath(".//img"))
        self.assertIn(company.name, letterhead.text_content())
        # A 1×1 PNG of the company's own.
        company.logo = (
            b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
            b"2mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        )
        self.assertEqual(len(self.letterhead().xpath(".//img")), 1)

    def test_chinese_text_layer(self):
        """金额大写 can be searched and copied: the text layer has the ideographs 人 日 金
        大 (and 角 of the amount in words), not the Kangxi radicals the Japanese face of
        the CJK font would give; the glyphs are the Simplified Chinese face's."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["property_base", "property_billing"], ["zh_CN"]
        )
        self.owner_zhang.lang = "zh_CN"
        pdf = self.pdf(self.june)
        text = self.run_tool("pdftotext", "-enc", "UTF-8", pdf=pdf)
        for ideograph in "人日金大角":
            self.assertIn(ideograph, text)
        self.assertIn("金额大写", text)
        self.assertIn("贰佰肆拾陆元贰角伍分", text)
        radicals = [char for char in text if 0x2E80 <= ord(char) <= 0x2FDF]
        self.assertFalse(radicals, "radicals instead of ideographs in the text layer")
        # Latin text is in the same face, so that the payment reference can be copied.
        self.assertIn(self.june.payment_reference, text)
        fonts = self.run_tool("pdffonts", pdf=pdf)
        self.assertRegex(fonts, r"NotoSans(Mono)?CJKsc-")
        self.assertNotRegex(fonts, r"CJKjp-")

    def test_styled_whatever_the_tenant_host_name(self):
        """A tenant is served at NAME.localhost (which resolves only in browsers) and its
        database chosen by that name (`dbfilter = ^%d$`): the notice is still styled."""
        dbname = self.env.cr.dbname
        self.env["ir.config_parameter"].sudo().set_param(
            "web.base.url", f"http://{dbname}.localhost:{config['http_port']}"
        )
        with patch.dict(config.options, {"dbfilter": "^%d$"}):
            pdf = self.pdf(self.june)
        # Bootstrap's text-center: the title is centred on the page.
        layout = self.run_tool("pdftotext", "-bbox", "-enc", "UTF-8", pdf=pdf)
        page = re.search(r'<page width="([\d.]+)"', layout)
        title = re.search(r'<word xMin="([\d.]+)" [^>]*>Payment</word>', layout)
        self.assertTrue(title, layout)
        self.assertGreater(float(title[1]), float(page[1]) / 4)


@tagged("post_install", "-at_install")
class TestPaymentNoticeTransfer(BillingCommon):
    """The notice tells how to pay: the company's collection account, the payment
    reference, and a QR code of its portal page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))
        cls.finance = new_test_user(
            cls.env,
            "pn_finance",
            groups="property_billing.group_property_finance",
            name="出纳 陈",
        )
        company = cls.env.company
        cls.journal = cls.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "bank"), ("code", "=", "BNK1")]
        )
        bank = cls.env["res.bank"].create({"name": "中国工商银行北京朝阳支行"})
        cls.journal.write({"bank_acc_number": "6222 0210 0100 1234 567", "bank_id": bank.id})
        cls.journal.bank_account_id.acc_holder_name = "阳光物业服务有限公司"
        cls.july = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))

    def render(self, notice):
        report = self.env["ir.actions.report"].with_user(self.finance)
        content = report._render_qweb_html("account.account_invoices", notice.ids)[0]
        return lxml_html.fromstring(content)

    def test_notice_prints_account_reference_and_qr(self):
        self.assertEqual(self.july.partner_bank_id, self.journal.bank_account_id)
        page = self.render(self.july)
        account = page.xpath("string(//*[@name='payee_account'])")
        self.assertIn("阳光物业服务有限公司", account)
        self.assertIn("中国工商银行北京朝阳支行", account)
        self.assertIn("6222 0210 0100 1234 567", account)
        reference = page.xpath("string(//*[@name='payment_reference'])")
        self.assertIn(self.july.payment_reference, reference)
        url = f"{self.july.get_base_url()}/my/invoices/{self.july.id}?access_token="
        self.assertTrue(self.july.access_token)
        url += self.july.access_token
        [qr] = page.xpath("//img[hasclass('o_property_pay_qr')]")
        self.assertIn(url, qr.get("alt"))
        # The image is a QR code (its address is the alt text the widget encodes; the
        # renderer's pixels vary between calls, so they are not compared).
        prefix, data = qr.get("src").split(",", 1)
        self.assertEqual(prefix, "data:image/png;base64")
        self.assertEqual(Image.open(BytesIO(b64decode(data))).size, (128, 128))

    def test_notice_without_bank_account_names_the_service_desk(self):
        self.july.partner_bank_id = False
        page = self.render(self.july)
        self.assertFalse(page.xpath("//*[@name='payee_account']"))
        self.assertIn(
            "contact the service desk", page.xpath("string(//*[@name='no_payee_account'])")
        )
        self.assertIn(
            self.july.payment_reference, page.xpath("string(//*[@name='payment_reference'])")
        )
