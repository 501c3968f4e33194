from odoo import fields, models


class PropertyTakeoverDocumentItem(models.Model):
    """A document the developer hands over at a takeover (移交资料): the default
    checklist, from the archives the rules list; each company may add its own."""

    _name = "property.takeover.document.item"
    _description = "Takeover Document Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(
        default=True, help="The inspection does not start until it is received (or waived)."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for the items of every company."
    )
