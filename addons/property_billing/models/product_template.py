from odoo import fields, models

FEE_KINDS = [
    ("management", "Management Fee"),
    ("parking", "Parking Fee"),
    ("water", "Water"),
    ("electricity", "Electricity"),
    ("gas", "Gas"),
    ("waste", "Waste Removal"),
    ("late_fee", "Late Fee"),
    ("deposit", "Deposit"),
    ("service", "Paid Service"),
    ("other", "Other Fee"),
]


class ProductTemplate(models.Model):
    """Fee types are products (with their income or, for deposits, liability accounts
    and taxes), marked with the kind of property fee they are."""

    _inherit = "product.template"

    property_fee_kind = fields.Selection(
        FEE_KINDS,
        string="Property Fee",
        help="Set on the products that are fees of the property company.",
    )
