from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, models
from odoo.exceptions import UserError

# The documents whose state their own action is writing now, as (model, id) pairs. A
# context variable of the server, not a key of the ORM context: nothing a client sends
# (context, values) can set it.
_workflow_writes = ContextVar("property_workflow_writes", default=frozenset())

# `_workflow_locked` value: every field but the chatter's
ALL_FIELDS = "__all__"
CHATTER_FIELDS = ("message_", "activity_", "website_message")


class PropertyWorkflowMixin(models.AbstractModel):
    """A document of one of the property flows (handover, service request, renovation,
    maintenance fund, assessment...): its `state` moves through `action_*` methods, each
    checking from which states and by whom it may be done, with a message in the user's
    language naming the document.

    Any other write of `state` (a form, an import, an RPC, whatever its context) is
    refused, so that nobody skips a step; new documents start in the first state. Actions
    write the state with `_write_workflow`; code that must create a document further on
    in its flow (a migration, a test fixture) does it as superuser.

    `_workflow_locked` names, by state, the fields that only the document's actions may
    still change (`ALL_FIELDS`: all but its chatter): what was posted stays as booked."""

    _name = "property.workflow.mixin"
    _description = "Property Workflow Document"
    _workflow_locked = {}

    @api.model_create_multi
    def create(self, vals_list):
        initial = self._fields["state"].default(self)
        if not self.env.su and any(vals.get("state", initial) != initial for vals in vals_list):
            self._refuse_state_write()
        for vals in vals_list:
            # A kanban column's quick create sends the column's state as a default
            # (default_state): a new document still starts at the beginning of its flow.
            vals.setdefault("state", initial)
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            self._check_workflow_write()
        if self._workflow_locked:
            self._check_locked_fields(vals)
        return super().write(vals)

    def _check_locked_fields(self, vals):
        for record in self:
            locked = self._workflow_locked.get(record.state, ())
            if locked == ALL_FIELDS:
                locked = [name for name in vals if not name.startswith(CHATTER_FIELDS)]
            changed = [name for name in locked if name in vals]
            if changed and not record._is_workflow_writing():
                raise UserError(
                    self.env._(
                        "%(document)s %(name)s is “%(state)s”: %(fields)s can no longer be "
                        "changed.",
                        document=record._workflow_document_label(),
                        name=record.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            record.state
                        ],
                        fields=", ".join(
                            self._fields[name]._description_string(self.env) for name in changed
                        ),
                    )
                )

    def _check_workflow_write(self):
        if not (self.env.su or self._is_workflow_writing()):
            self._refuse_state_write()

    def _refuse_state_write(self):
        raise UserError(
            self.env._(
                "The state of a %(document)s changes through its buttons only.",
                document=self._workflow_document_label(),
            )
        )

    def _write_workflow(self, vals):
        """Write `vals`, including `state` or locked fields: the step of an action that
        checked it may."""
        with self._workflow_writing():
            return self.write(vals)

    @contextmanager
    def _workflow_writing(self):
        """Within this block, the documents' actions write their state and locked
        fields (and those of their lines)."""
        token = _workflow_writes.set(
            _workflow_writes.get() | {(self._name, record_id) for record_id in self.ids}
        )
        try:
            yield
        finally:
            _workflow_writes.reset(token)

    def _is_workflow_writing(self):
        writing = _workflow_writes.get()
        return all((self._name, record_id) in writing for record_id in self.ids)

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

    def _reason_wizard(self, method, title, explanation=False):
        """The window asking the reason of the action `method` (an `action_*` method
        taking `reason`), which it then calls on these documents."""
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "property.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_ids": self.ids,
                "default_method": method,
                "default_explanation": explanation,
            },
        }
