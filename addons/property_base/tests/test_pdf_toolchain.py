import shutil
import subprocess

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPdfToolchain(HttpCase):
    """Odoo's PDF documents (payment notices, permits...) must show Chinese text: this
    needs wkhtmltopdf and a CJK font on the machine. An HttpCase, so that wkhtmltopdf
    can fetch the report's stylesheets from the running server."""

    def test_chinese_name_in_pdf(self):
        self.assertTrue(shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing")
        module = self.env.ref("base.module_property_base")
        module.shortdesc = "物业管理基础模块"
        report = self.env.ref("base.ir_module_reference_print").with_context(
            force_report_rendering=True
        )
        pdf, kind = report._render_qweb_pdf(report.report_name, module.ids)
        self.assertEqual(kind, "pdf")
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        self.assertIn("物业管理基础模块", text)
