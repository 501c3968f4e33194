from collections import defaultdict

from odoo import api, models

from ..tools.pdf_batch import render_pdfs


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _prepare_invoice_pdf_report(self, invoices_data):
        """Odoo prints the invoices sent together in one wkhtmltopdf call of several
        files, which Debian's wkhtmltopdf refuses (the notices of a billing run could
        not be sent): they are printed in one call cut by invoice (tools/pdf_batch.py),
        Odoo's way when they cannot be."""
        by_report = defaultdict(dict)
        for invoice, invoice_data in invoices_data.items():
            by_report[invoice_data["pdf_report"]][invoice] = invoice_data
        left = {}
        for report, group in by_report.items():
            invoices = self.env["account.move"].union(*group)
            pdfs = len(invoices) > 1 and render_pdfs(
                self.env["ir.actions.report"].with_company(invoices.company_id[:1]).env,
                report.report_name,
                invoices,
            )
            if not pdfs:
                left.update(group)
                continue
            for invoice, invoice_data in group.items():
                invoice_data["pdf_attachment_values"] = {
                    "name": invoice._get_invoice_report_filename(),
                    "raw": pdfs[invoice.id],
                    "mimetype": "application/pdf",
                    "res_model": invoice._name,
                    "res_id": invoice.id,
                    "res_field": "invoice_pdf_report_file",
                }
        if left:
            return super()._prepare_invoice_pdf_report(left)
        return None
