from odoo import api, models
from odoo.exceptions import UserError


class PropertyWorkflowMixin(models.AbstractModel):
    """A document of one of the property flows (handover, service request, renovation,
    maintenance fund, assessment...): its `state` moves through `action_*` methods, each
    checking from which states and by whom it may be done, with a message in the user's
    language naming the document.

    Models setting `_workflow_guard = True` also refuse any other write of `state` (a
    form, an import, an RPC), so that nobody skips a step, and create their documents
    in the first state; their actions write it with `_write_workflow`."""

    _name = "property.workflow.mixin"
    _description = "Property Workflow Document"
    _workflow_guard = False

    @api.model_create_multi
    def create(self, vals_list):
        if self._workflow_guard:
            initial = self._fields["state"].default(self)
            if any(vals.get("state", initial) != initial for vals in vals_list):
                self._check_workflow_write()
            for vals in vals_list:
                # A kanban column's quick create sends the column's state as a default
                # (default_state): a new document still starts at the beginning of its flow.
                vals.setdefault("state", initial)
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and self._workflow_guard:
            self._check_workflow_write()
        return super().write(vals)

    def _check_workflow_write(self):
        if not (self.env.su or self.env.context.get("property_workflow")):
            raise UserError(
                self.env._(
                    "The state of a %(document)s changes through its buttons only.",
                    document=self._workflow_document_label(),
                )
            )

    def _write_workflow(self, vals):
        return self.with_context(property_workflow=True).write(vals)

    def _workflow_document_label(self):
        """The model's name in the user's language (ir.model names are translated)."""
        return self.env["ir.model"]._get(self._name).name

    def _require_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in states:
                raise UserError(
                    self.env._(
                        "%(document)s %(name)s is “%(state)s”; this action is not possible now.",
                        document=record._workflow_document_label(),
                        name=record.display_name,
                        state=labels[record.state],
                    )
                )

    def _require_group(self, group, message):
        if not self.env.su and not self.env.user.has_group(group):
            raise UserError(message)
