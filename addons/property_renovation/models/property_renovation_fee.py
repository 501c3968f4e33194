from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.property_base.models.property_unit import UNIT_USES


class PropertyRenovationFee(models.Model):
    """A line of the renovation fee table (装修收费标准): which fee a renovation of a
    unit of a given use pays, fixed or per m² of the unit's building area. A line for
    a specific use takes precedence over a line for any use of the same fee."""

    _name = "property.renovation.fee"
    _description = "Renovation Fee"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Fee",
        required=True,
        ondelete="restrict",
        check_company=True,
        domain="[('property_fee_kind', '!=', False)]",
        index=True,
    )
    fee_kind = fields.Selection(related="product_id.property_fee_kind", store=True)
    unit_use = fields.Selection(UNIT_USES, help="Empty: units of any use.")
    basis = fields.Selection(
        [("fixed", "Fixed Amount"), ("area", "Per m² of Building Area")],
        required=True,
        default="fixed",
    )
    amount = fields.Monetary(required=True)
    note = fields.Char()

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A renovation fee cannot be negative."),
    ]

    @api.constrains("product_id", "unit_use", "company_id", "active")
    def _check_unique(self):
        for fee in self.filtered("active"):
            if self.search_count(
                [
                    ("id", "!=", fee.id),
                    ("company_id", "=", fee.company_id.id),
                    ("product_id", "=", fee.product_id.id),
                    ("unit_use", "=", fee.unit_use),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "The fee table already has a line for %(fee)s and this unit use.",
                        fee=fee.product_id.display_name,
                    )
                )

    @api.depends("product_id", "unit_use", "basis", "amount")
    def _compute_display_name(self):
        for fee in self:
            fee.display_name = fee.product_id.display_name or ""

    @api.model
    def _find_fees(self, unit):
        """The fee table's lines for a unit: per fee, the line of the unit's use, or
        else the line for any use."""
        lines = self.search(
            [
                ("company_id", "=", unit.company_id.id),
                "|",
                ("unit_use", "=", False),
                ("unit_use", "=", unit.use),
            ]
        )
        chosen = {}
        for line in lines.sorted(lambda f: (not f.unit_use, f.sequence, f.id)):
            chosen.setdefault(line.product_id, line)
        return self.union(*chosen.values()).sorted(lambda f: (f.sequence, f.id))

    def _quantity_price(self, unit):
        """(quantity, unit price) of the charge of this fee for the unit."""
        self.ensure_one()
        if self.basis == "area":
            return unit.building_area, self.amount
        return 1.0, self.amount
