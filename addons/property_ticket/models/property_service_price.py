from odoo import api, fields, models


class PropertyServicePrice(models.Model):
    """A line of the published price list of paid services (有偿服务收费标准): a
    service product and its price, for one estate or for every estate of the company.
    The estate's own price wins over the company's."""

    _name = "property.service.price"
    _description = "Paid Service Price"
    _order = "sequence, product_id, estate_id, id"
    _rec_name = "product_id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('property_fee_kind', '=', 'service')]",
    )
    estate_id = fields.Many2one(
        "property.estate",
        index=True,
        ondelete="cascade",
        check_company=True,
        help="Leave empty for a price of every estate of the company.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price = fields.Monetary(required=True)
    unit_label = fields.Char(
        string="Per", translate=True, help="What the price is for, e.g. per lamp, per hour."
    )
    note = fields.Text(string="Scope of Work", translate=True)

    _sql_constraints = [
        (
            "price_positive",
            "CHECK(price >= 0)",
            "A paid-service price cannot be negative.",
        ),
    ]

    @api.depends("estate_id")
    def _compute_company_id(self):
        for price in self.filtered("estate_id"):
            price.company_id = price.estate_id.company_id

    @api.depends("product_id", "price", "unit_label", "currency_id")
    def _compute_display_name(self):
        for line in self:
            if not line.product_id:
                line.display_name = False
                continue
            label = f" / {line.unit_label}" if line.unit_label else ""
            line.display_name = (
                f"{line.product_id.display_name} "
                f"({line.currency_id.symbol or ''}{line.price:.2f}{label})"
            )

    @api.model
    def _price_for(self, product, estate):
        """The price list line of a service for an estate (its own, else the company's)."""
        lines = self.search(
            [
                ("product_id", "=", product.id),
                ("company_id", "=", estate.company_id.id),
                ("estate_id", "in", [estate.id, False]),
            ]
        )
        return lines.filtered(lambda line: line.estate_id == estate)[:1] or lines[:1]
