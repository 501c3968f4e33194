from odoo import api, fields, models


class PropertyTicketMaterial(models.Model):
    """A material used on a work order, drawn from the warehouse. Chargeable materials
    of a paid service are charged to the customer with the service."""

    _name = "property.ticket.material"
    _description = "Work Order Material"
    _inherit = ["property.company.mixin"]
    _company_from = "ticket_id"
    _order = "ticket_id, sequence, id"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "property.ticket",
        string="Service Request",
        required=True,
        index=True,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(related="ticket_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Material", required=True, check_company=True
    )
    name = fields.Char(
        string="Description",
        compute="_compute_from_product",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    price_unit = fields.Float(
        string="Unit Price",
        compute="_compute_from_product",
        store=True,
        precompute=True,
        readonly=False,
        digits="Product Price",
    )
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)
    chargeable = fields.Boolean(
        help="Charged to the customer with a paid service (otherwise borne by the company).",
    )

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity >= 0 AND price_unit >= 0)",
            "Quantities and prices of materials cannot be negative.",
        ),
    ]

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self:
            line.name = line.product_id.display_name
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit", "currency_id")
    def _compute_subtotal(self):
        for line in self:
            currency = line.currency_id or self.env.company.currency_id
            line.subtotal = currency.round(line.quantity * line.price_unit)
