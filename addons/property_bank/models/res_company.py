from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _property_setup_accounting(self):
        res = super()._property_setup_accounting()
        self._property_create_reconcile_model()
        return res

    def _property_create_reconcile_model(self):
        """Receipts that name a notice by its payment reference (in the memo, 摘要/附言):
        reference found and amount equal, reconciled at import; amount different
        (partial or over-payment), proposed in the reconciliation screen. Sequence 0:
        before Odoo's own models, which match on the partner."""
        Model = self.env["account.reconcile.model"].sudo()
        for company in self.filtered("chart_template"):
            if Model.search_count(
                [("company_id", "=", company.id), ("property_match_reference", "=", True)]
            ):
                continue
            Model.create(
                {
                    "name": self.env._("Property invoices by payment reference"),
                    "sequence": 0,
                    "company_id": company.id,
                    "rule_type": "invoice_matching",
                    "property_match_reference": True,
                    "auto_reconcile": True,
                    "match_nature": "amount_received",
                    "match_same_currency": True,
                    "allow_payment_tolerance": False,
                    "match_partner": False,
                    "match_text_location_label": True,
                    "match_text_location_reference": True,
                }
            )
