from odoo import fields, models


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
    name = fields.Char(string="Check", required=True)
    result = fields.Selection(
        [("ok", "Compliant"), ("not_ok", "Not Compliant"), ("na", "Not Applicable")]
    )
    note = fields.Char(string="Comment")
