from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # The renovation whose fees this invoice bills: its stored flags depend on the
    # invoice's state, and through this inverse Odoo finds it in the cache (empty for a
    # new invoice) instead of searching the renovations each time any invoice changes.
    property_renovation_ids = fields.One2many(
        "property.renovation", "fee_move_id", string="Renovations of the Fees"
    )

    def _property_payment_followers(self):
        return [
            *super()._property_payment_followers(),
            (self.property_renovation_ids, ["fees_paid", "fee_payment_state"]),
        ]

    def _invoice_paid_hook(self):
        """A paid renovation fee invoice moves its application on to "fees paid"."""
        res = super()._invoice_paid_hook()
        renovations = self.sudo().property_renovation_ids.filtered(
            lambda renovation: renovation.state == "agreement"
        )
        renovations._mark_fees_paid()
        return res
