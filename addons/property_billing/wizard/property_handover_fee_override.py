from odoo import fields, models


class PropertyHandoverFeeOverride(models.TransientModel):
    _name = "property.handover.fee.override"
    _description = "Continue a Handover Without the Move-in Fees"

    handover_ids = fields.Many2many("property.handover", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.handover_ids._override_fees(self.reason)
        return {"type": "ir.actions.act_window_close"}
