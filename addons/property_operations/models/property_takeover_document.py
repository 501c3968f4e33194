from odoo import fields, models
from odoo.exceptions import UserError


class PropertyTakeoverDocument(models.Model):
    """A document on a takeover's checklist: received or not, how many copies."""

    _name = "property.takeover.document"
    _description = "Takeover Document"
    _order = "sequence, id"

    takeover_id = fields.Many2one(
        "property.takeover", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="takeover_id.company_id", store=True, index=True)
    item_id = fields.Many2one("property.takeover.document.item", string="Item", index=True)
    name = fields.Char(string="Document", required=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True)
    received = fields.Boolean()
    copies = fields.Integer(default=1)
    date_received = fields.Date(string="Received On")
    notes = fields.Char()

    _sql_constraints = [
        ("copies_positive", "CHECK(copies >= 0)", "The number of copies cannot be negative.")
    ]

    def write(self, vals):
        if self.takeover_id.filtered(lambda t: t.state in ("handed_over", "cancelled")):
            raise UserError(
                self.env._("The documents of a closed takeover inspection can no longer change.")
            )
        return super().write(vals)
