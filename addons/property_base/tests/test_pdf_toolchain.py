from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import config

from odoo.addons.property_base.models.ir_actions_report import fix_cjk_text_layer

from .pdf_text import pdf_text


@tagged("post_install", "-at_install")
class TestPdfToolchain(HttpCase):
    """Odoo's PDF documents (payment notices, permits...) must show Chinese text: this
    needs wkhtmltopdf and a CJK font on the machine. An HttpCase, so that wkhtmltopdf
    can fetch the report's stylesheets from the running server."""

    def test_chinese_name_in_pdf(self):
        module = self.env.ref("base.module_property_base")
        module.shortdesc = "物业管理基础模块"
        report = self.env.ref("base.ir_module_reference_print").with_context(
            force_report_rendering=True
        )
        pdf, kind = report._render_qweb_pdf(report.report_name, module.ids)
        self.assertEqual(kind, "pdf")
        self.assertIn("物业管理基础模块", pdf_text(pdf))

    def test_several_records_print_in_one_pdf(self):
        """Printing several records at once (a list's Print menu) gives one PDF of all
        of them, whichever wkhtmltopdf the server has: Debian's refuses the one file
        per record that Odoo hands it."""
        modules = self.env.ref("base.module_property_base") | self.env.ref("base.module_base")
        modules[0].shortdesc = "物业管理基础模块"
        modules[1].shortdesc = "基础框架模块"
        report = self.env.ref("base.ir_module_reference_print").with_context(
            force_report_rendering=True
        )
        pdf, kind = report._render_qweb_pdf(report.report_name, modules.ids)
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf)
        self.assertIn("物业管理基础模块", text)
        self.assertIn("基础框架模块", text)


@tagged("post_install", "-at_install")
class TestReportUrl(HttpCase):
    """wkhtmltopdf loads a report's stylesheets from the server: through its loopback
    address, whatever the tenant's public host name (acme.localhost does not resolve
    outside browsers), with that host name sent along so that `dbfilter = ^%d$` still
    finds the tenant's database."""

    def setUp(self):
        super().setUp()
        self.params = self.env["ir.config_parameter"].sudo()
        self.params.set_param("web.base.url", "http://acme.localhost:8069")
        self.params.set_param("report.url", False)
        self.report = self.env["ir.actions.report"]

    def test_loopback_whatever_the_host_name(self):
        loopback = f"http://127.0.0.1:{config['http_port']}"
        self.assertEqual(self.report._get_report_url(), loopback)
        self.params.set_param("web.base.url", "https://acme.example.com")
        self.assertEqual(self.report._get_report_url(), loopback)
        with patch.dict(config.options, {"http_interface": "0.0.0.0"}):
            self.assertEqual(self.report._get_report_url(), loopback)
        with patch.dict(config.options, {"http_interface": "::"}):
            self.assertEqual(self.report._get_report_url(), f"http://[::1]:{config['http_port']}")

    def test_report_url_parameter_wins(self):
        self.params.set_param("report.url", "http://odoo.internal:8069")
        self.assertEqual(self.report._get_report_url(), "http://odoo.internal:8069")
        args = self.report._build_wkhtmltopdf_args(self.env.company.paperformat_id, False)
        self.assertNotIn("--custom-header", args)

    def test_host_header_selects_the_database(self):
        dbname = self.env.cr.dbname
        with patch.dict(config.options, {"dbfilter": "^%d$"}):
            # acme.localhost would select database acme: the tenant's own name instead.
            self.assertEqual(
                self.report._report_host(), f"{dbname}.localhost:{config['http_port']}"
            )
            self.params.set_param("web.base.url", f"https://{dbname}.example.com")
            self.assertEqual(self.report._report_host(), f"{dbname}.example.com")
            args = self.report._build_wkhtmltopdf_args(self.env.company.paperformat_id, False)
        index = args.index("--custom-header")
        self.assertEqual(args[index + 1 : index + 3], ["Host", f"{dbname}.example.com"])
        self.assertIn("--custom-header-propagation", args)


@tagged("post_install", "-at_install")
class TestCjkTextLayer(TransactionCase):
    """Qt's PDF writer maps a glyph to the lowest code point drawn with it: the Kangxi
    radical ⼈ (U+2F08) for 人, the radical ⻆ (U+2EC6) for 角; the text layer is fixed."""

    CMAP = (
        b"2 beginbfrange\n<0000> <0000> <0000>\n"
        b"<0001> <0004> [<2F08> <2F47> <2EC6> <0041> ]\nendbfrange\n"
        b"1 beginbfchar\n<2F3E> <2F3E>\nendbfchar\n"
    )

    def pdf(self, font):
        return (
            b"%%PDF-1.4\n7 0 obj\n<< /Type /Font\n/BaseFont /%s\n/ToUnicode 9 0 R>>\nendobj\n"
            b"9 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n"
            % (font, len(self.CMAP), self.CMAP)
        )

    def test_radicals_become_ideographs(self):
        pdf = self.pdf(b"NotoSansCJKsc-Regular")
        fixed = fix_cjk_text_layer(pdf)
        self.assertEqual(len(fixed), len(pdf))
        # Sources (glyph ids) stay; destinations become 人 日 角, 户 in the SC face.
        self.assertIn(b"<0001> <0004> [<4EBA> <65E5> <89D2> <0041> ]", fixed)
        self.assertIn(b"<2F3E> <6237>", fixed)
        self.assertIn(b"<0000> <0000> <0000>", fixed)
        # 戶 in the Traditional Chinese face.
        self.assertIn(b"<2F3E> <6236>", fix_cjk_text_layer(self.pdf(b"NotoSansCJKtc-Bold")))
