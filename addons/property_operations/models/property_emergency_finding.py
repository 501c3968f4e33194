from odoo import api, fields, models
from odoo.exceptions import AccessError

MANAGER = "property_operations.group_operations_manager"


class PropertyEmergencyFinding(models.Model):
    """What a drill showed to be wrong or weak (a blocked fire exit, a pump that did not
    start, a role nobody held) and its corrective action (整改), given to someone with a
    deadline: an activity on their list once the drill is done, closed when the action
    is done."""

    _name = "property.emergency.finding"
    _description = "Drill Finding"
    _inherit = [
        "property.workflow.mixin",
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "drill_id"
    _order = "state, date_deadline, id"
    _check_company_auto = True

    drill_id = fields.Many2one(
        "property.emergency.drill",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    plan_id = fields.Many2one(related="drill_id.plan_id", store=True, index=True)
    estate_id = fields.Many2one(related="drill_id.estate_id", store=True, index=True)
    name = fields.Char(string="Finding", required=True, tracking=True)
    corrective_action = fields.Text(tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain=[("share", "=", False)],
        index=True,
        tracking=True,
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")],
        default="open",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_done = fields.Date(string="Done On", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        findings = super().create(vals_list)
        # a finding added to a drill already done is given out at once
        findings.filtered(lambda f: f.drill_id.state == "done")._schedule_corrective_action()
        return findings

    def write(self, vals):
        result = super().write(vals)
        if {"corrective_action", "user_id", "date_deadline"} & set(vals):
            # given out afresh: to its new responsible, by its new deadline
            given = self.filtered(lambda f: f.drill_id.state == "done")
            given.sudo().activity_unlink(["property_operations.mail_activity_emergency_corrective"])
            given._schedule_corrective_action()
        return result

    def _schedule_corrective_action(self):
        """An activity for the responsible of each open finding with a corrective
        action, unless one is open already."""
        activity_type = self.env.ref("property_operations.mail_activity_emergency_corrective")
        todo = self.filtered(lambda f: f.state == "open" and f.corrective_action and f.user_id)
        for finding in todo:
            if finding.sudo().activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            finding.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                user_id=finding.user_id.id,
                date_deadline=finding.date_deadline or (finding.company_id._property_today()),
                summary=finding.with_context(lang=finding.user_id.lang).env._(
                    "Corrective action: %(finding)s", finding=finding.name
                ),
                note=finding.corrective_action,
            )

    def action_done(self):
        """The corrective action is done: by its responsible or an operations manager."""
        for finding in self:
            if not (
                self.env.su or self.env.user.has_group(MANAGER) or finding.user_id == self.env.user
            ):
                raise AccessError(
                    self.env._(
                        "Only %(user)s or an operations manager closes the corrective "
                        "action of %(finding)s.",
                        user=finding.user_id.name or "-",
                        finding=finding.name,
                    )
                )
        self._require_state("open")
        # the responsible may be a staff member who only reads the findings: checked
        # above, the step is done as superuser
        findings = self.sudo()
        findings._write_workflow({"state": "done", "date_done": fields.Date.context_today(self)})
        findings.activity_feedback(
            ["property_operations.mail_activity_emergency_corrective"],
            feedback=self.env._("Corrective action done."),
        )
        return True

    def action_reopen(self):
        self._require_group(
            MANAGER, self.env._("Only the operations managers reopen corrective actions.")
        )
        self._require_state("done")
        self._write_workflow({"state": "open", "date_done": False})
        self._schedule_corrective_action()
        return True
