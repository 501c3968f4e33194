from odoo import fields, models


class PropertyRenovationStopWizard(models.TransientModel):
    """Stop the works of an application, with the reason told to everyone."""

    _name = "property.renovation.stop.wizard"
    _description = "Stop Renovation Works"

    renovation_id = fields.Many2one("property.renovation", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.renovation_id._stop_works(self.reason)
        return {"type": "ir.actions.act_window_close"}


class PropertyRenovationPermitExtendWizard(models.TransientModel):
    """Extend a permit's validity (and the passes that end with it)."""

    _name = "property.renovation.permit.extend.wizard"
    _description = "Extend Renovation Permit"

    permit_id = fields.Many2one("property.renovation.permit", required=True, ondelete="cascade")
    date_to_current = fields.Date(related="permit_id.date_to", string="Valid Until")
    date_to = fields.Date(string="New End", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.permit_id._extend(self.date_to, self.reason)
        return {"type": "ir.actions.act_window_close"}
