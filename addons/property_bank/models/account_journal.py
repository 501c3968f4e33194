from odoo import models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    def _statement_line_import_update_hook(self, st_line_vals, speeddict):
        """An imported receipt that names an open invoice by its payment reference is the
        payment of the invoice's partner: an over-payment then remains as their credit."""
        super()._statement_line_import_update_hook(st_line_vals, speeddict)
        if float(st_line_vals.get("amount") or 0.0) <= 0.0:
            return
        texts = [st_line_vals.get(key) for key in ("payment_ref", "ref", "narration")]
        invoice_lines = self.env["account.bank.statement.line"]._property_search_payment_reference(
            texts,
            [
                ("company_id", "child_of", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("display_type", "=", "payment_term"),
                ("account_id.account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
                ("balance", ">", 0.0),
            ],
        )
        partner = invoice_lines.partner_id.commercial_partner_id
        if len(partner) == 1 and st_line_vals.get("partner_id") != partner.id:
            st_line_vals["partner_id"] = partner.id
            # the bank account found by number belongs to someone else
            st_line_vals.pop("partner_bank_id", None)
