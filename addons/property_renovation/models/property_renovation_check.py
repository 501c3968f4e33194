from odoo import fields, models


class PropertyRenovationCheckItem(models.Model):
    """An item of the engineering review checklist, copied to each application when
    its review starts."""

    _name = "property.renovation.check.item"
    _description = "Renovation Review Checklist Item"
    _order = "sequence, id"

    name = fields.Char(string="Item", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: every company.")


class PropertyRenovationCheck(models.Model):
    """A line of the engineering review checklist of an application."""

    _name = "property.renovation.check"
    _description = "Renovation Review Check"
    _inherit = ["property.company.mixin"]
    _company_from = "renovation_id"
    _order = "renovation_id, sequence, id"

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    item_id = fields.Many2one("property.renovation.check.item", ondelete="set null")
    name = fields.Char(string="Check", required=True)
    result = fields.Selection(
        [("ok", "Compliant"), ("not_ok", "Not Compliant"), ("na", "Not Applicable")]
    )
    note = fields.Char(string="Comment")
