from odoo import fields, models


class PropertyCommonRevenueKind(models.Model):
    """A kind of common revenue (公共收益类别): advertising in the elevators and lobbies,
    parking on common land, rental of a common venue... The disclosure sums the income
    by kind."""

    _name = "property.common.revenue.kind"
    _description = "Common Revenue Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "Common revenue kinds have unique names."),
    ]
