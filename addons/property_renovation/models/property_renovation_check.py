from odoo import fields, models


class PropertyRenovationCheck(models.Model):
    """A line of the engineering review checklist of an application."""

    _name = "property.renovation.check"
    _description = "Renovation Review Check"
    _order = "renovation_id, sequence, id"

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="renovation_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    result = fields.Selection(
        [("ok", "Compliant"), ("not_ok", "Not Compliant"), ("na", "Not Applicable")]
    )
    note = fields.Char(string="Comment")
