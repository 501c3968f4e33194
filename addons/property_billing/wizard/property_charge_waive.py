from odoo import fields, models


class PropertyChargeWaive(models.TransientModel):
    _name = "property.charge.waive"
    _description = "Waive Late Fee"

    charge_ids = fields.Many2many("property.charge", string="Late Fees", required=True)
    reason = fields.Text(required=True)

    def action_waive(self):
        self.ensure_one()
        self.charge_ids._waive(self.reason)
        return {"type": "ir.actions.act_window_close"}
