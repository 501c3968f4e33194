from odoo import fields, models


class PropertyTicketReasonWizard(models.TransientModel):
    """The reason of a cancellation, a refusal of the work or a declined paid service."""

    _name = "property.ticket.reason.wizard"
    _description = "Service Request Reason"

    ticket_ids = fields.Many2many("property.ticket", string="Service Requests", required=True)
    action = fields.Selection(
        [("cancel", "Cancel"), ("refuse", "Refuse"), ("decline", "Decline")], required=True
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        method = {
            "cancel": "action_cancel",
            "refuse": "action_refuse",
            "decline": "action_decline",
        }[self.action]
        getattr(self.ticket_ids, method)(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
