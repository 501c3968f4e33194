from odoo import fields, models
from odoo.exceptions import AccessError


class PropertyReasonWizard(models.TransientModel):
    """The reason of a step of a flow that needs one (a cancellation, a refusal, a
    rejection...): the document's action opens it with `_property_reason_wizard` and is
    called back with the reason, as `method(reason=...)` on the documents, which checks
    who may do it as when it is called directly."""

    _name = "property.reason.wizard"
    _description = "Reason"

    res_model = fields.Char(string="Document Model", required=True)
    res_ids = fields.Json(string="Documents")
    method = fields.Char(required=True)
    explanation = fields.Text(readonly=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        # only the public actions of a document: what a client may call anyway
        Model = self.env.get(self.res_model)
        if (
            Model is None
            or not self.method.startswith("action_")
            or not callable(getattr(Model, self.method, None))
        ):
            raise AccessError(self.env._("This action does not take a reason."))
        records = Model.browse(self.res_ids or []).exists()
        getattr(records, self.method)(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
