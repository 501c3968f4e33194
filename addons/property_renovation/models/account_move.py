from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _invoice_paid_hook(self):
        """A paid renovation fee invoice moves its application on to "fees paid"."""
        res = super()._invoice_paid_hook()
        renovations = (
            self.env["property.renovation"]
            .sudo()
            .search([("fee_move_id", "in", self.ids), ("state", "=", "agreement")])
        )
        renovations._mark_fees_paid()
        return res
