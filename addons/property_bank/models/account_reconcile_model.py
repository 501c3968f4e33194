from collections import defaultdict

from odoo import fields, models


class AccountReconcileModel(models.Model):
    _inherit = "account.reconcile.model"

    property_match_reference = fields.Boolean(
        string="Match Payment Reference",
        help="Propose the open invoices whose payment reference appears in the bank line "
        "(in the label, note or reference, as ticked above; spaces and case ignored). The "
        "match is sure, and validated at once if Auto-validate is set, only when the amount "
        "equals what the invoices still owe; otherwise it waits in the reconciliation "
        "screen, proposed. This model then matches nothing else.",
    )

    def _apply_rules(self, st_line, partner):
        result = super()._apply_rules(st_line, partner)
        if self.env.context.get("property_sure_matches_only") and not result.get("auto_reconcile"):
            return {}
        return result

    def _get_invoice_matching_rules_map(self):
        if not self.property_match_reference:
            return super()._get_invoice_matching_rules_map()
        rules_map = defaultdict(list)
        rules_map[10].append(self._get_invoice_matching_property_reference)
        return rules_map

    def _get_invoice_matching_property_reference(self, st_line, partner):
        """Rule: the open invoices named by their payment reference, whoever the partner
        of the bank line is (a relative may pay for the owner)."""
        domain = self._get_invoice_matching_amls_domain(st_line, self.env["res.partner"])
        domain.append(("display_type", "=", "payment_term"))
        texts = self._get_st_line_text_values_for_matching(st_line)
        amls = st_line._property_search_payment_reference(texts, domain)
        if not amls:
            return None
        currency = st_line.foreign_currency_id or st_line.currency_id
        # the bank line's counterpart, in the line's currency (negative for a receipt)
        counterpart = st_line._prepare_move_line_default_vals()[1]["amount_currency"]
        owed = sum(amls.mapped("amount_residual_currency"))
        return {
            "allow_auto_reconcile": amls.currency_id == currency
            and currency.compare_amounts(-counterpart, owed) == 0,
            "amls": amls,
        }
