from odoo import fields, models


class PropertyCommonRevenueDisclosureLine(models.Model):
    """A figure of a disclosure: the income of a kind, or a use (or its cancellation)."""

    _name = "property.common.revenue.disclosure.line"
    _description = "Common Revenue Disclosure Line"
    _order = "disclosure_id, section, sequence, id"

    disclosure_id = fields.Many2one(
        "property.common.revenue.disclosure",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="disclosure_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="disclosure_id.currency_id")
    section = fields.Selection([("income", "Income"), ("use", "Use")], required=True)
    sequence = fields.Integer()
    kind_id = fields.Many2one("property.common.revenue.kind")
    use_id = fields.Many2one("property.common.revenue.use")
    date = fields.Date()
    reference = fields.Char()
    name = fields.Char(string="Description")
    decided_by = fields.Char()
    is_cancellation = fields.Boolean(string="Cancellation")
    amount = fields.Monetary()
