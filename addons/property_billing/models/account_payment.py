from odoo import api, fields, models


class AccountPayment(models.Model):
    """A payment of a property payer prints as the receipt (收费票据) of the units and
    notices it pays."""

    _inherit = "account.payment"

    property_unit_ids = fields.Many2many(
        "property.unit", string="Units", compute="_compute_property_unit_ids"
    )
    property_amount_words = fields.Char(
        string="Amount in Words", compute="_compute_property_amount_words"
    )

    @api.depends("reconciled_invoice_ids", "partner_id")
    def _compute_property_unit_ids(self):
        for payment in self:
            units = payment.reconciled_invoice_ids.property_unit_ids
            if not units and payment.partner_id:
                # A prepayment: the units the partner pays for.
                units = self.env["property.unit"].search(
                    [("payer_id", "=", payment.partner_id.commercial_partner_id.id)]
                )
            payment.property_unit_ids = units

    @api.depends("amount", "currency_id")
    def _compute_property_amount_words(self):
        Move = self.env["account.move"]
        for payment in self:
            words = Move._convert_to_amount_in_word(payment.amount)
            payment.property_amount_words = words or payment.currency_id.amount_to_text(
                payment.amount
            )

    def _property_is_receipt(self):
        """Inbound payments of property payers print as the property receipt."""
        self.ensure_one()
        return self.payment_type == "inbound" and bool(self.property_unit_ids)
