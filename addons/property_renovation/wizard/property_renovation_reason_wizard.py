from odoo import fields, models


class PropertyRenovationReasonWizard(models.TransientModel):
    """The reason of a request for changes, a rejection, a withdrawal or works not
    accepted."""

    _name = "property.renovation.reason.wizard"
    _description = "Renovation Reason"

    renovation_ids = fields.Many2many("property.renovation", string="Renovations", required=True)
    action = fields.Selection(
        [
            ("changes", "Request Changes"),
            ("reject", "Reject"),
            ("withdraw", "Withdraw"),
            ("refuse", "Works Not Accepted"),
        ],
        required=True,
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        method = {
            "changes": "action_request_changes",
            "reject": "action_reject",
            "withdraw": "action_withdraw",
            "refuse": "action_refuse_acceptance",
        }[self.action]
        getattr(self.renovation_ids, method)(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
