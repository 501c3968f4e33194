from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

MANAGER = "property_operations.group_operations_manager"

DRILL_STATES = [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")]

# what the drill was stays as recorded
RECORDED_FIELDS = (
    "plan_id",
    "estate_id",
    "date_scheduled",
    "date_start",
    "date_end",
    "duration",
    "participant_ids",
    "participant_count",
)


class PropertyEmergencyDrill(models.Model):
    """A drill (演练) of an emergency plan: scheduled, then recorded as done (when it
    started and ended, who took part, what was found and the corrective actions) or
    cancelled. The drills done set the plan's next due date."""

    _name = "property.emergency.drill"
    _description = "Emergency Drill"
    _inherit = [
        "property.workflow.mixin",
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "plan_id"
    _sequence_code = "property.emergency.drill"
    _order = "date_scheduled desc, id desc"
    _rec_names_search = ["name", "plan_id.name"]
    _check_company_auto = True
    _workflow_locked = {"done": RECORDED_FIELDS, "cancelled": RECORDED_FIELDS}
    _property_bounds = {"duration": (0, 240), "participant_count": (0, 100000)}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    plan_id = fields.Many2one(
        "property.emergency.plan",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    kind = fields.Selection(related="plan_id.kind", store=True)
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    state = fields.Selection(
        DRILL_STATES, default="planned", required=True, tracking=True, copy=False, index=True
    )
    date_scheduled = fields.Datetime(string="Scheduled For", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Organiser",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        index=True,
        tracking=True,
    )
    scenario = fields.Text(help="The situation drilled: where, what happens, who is involved.")
    date_start = fields.Datetime(string="Started", copy=False)
    date_end = fields.Datetime(string="Ended", copy=False)
    duration = fields.Float(
        string="Duration (hours)",
        compute="_compute_duration",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="From its start to its end; typed when they were not recorded.",
    )
    participant_ids = fields.Many2many(
        "res.partner", string="Participants", copy=False, help="Staff and residents who took part."
    )
    participant_count = fields.Integer(
        string="Number of Participants",
        compute="_compute_participant_count",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="Everyone who took part, named or not (residents are often counted only).",
    )
    summary = fields.Text(string="Evaluation", copy=False)
    finding_ids = fields.One2many(
        "property.emergency.finding", "drill_id", string="Findings", copy=False
    )
    finding_count = fields.Integer(compute="_compute_finding_count")

    @api.depends("plan_id")
    def _compute_estate_id(self):
        for drill in self:
            if drill.plan_id.estate_id:
                drill.estate_id = drill.plan_id.estate_id

    @api.depends("date_start", "date_end")
    def _compute_duration(self):
        for drill in self:
            if drill.date_start and drill.date_end and drill.date_end > drill.date_start:
                drill.duration = (drill.date_end - drill.date_start).total_seconds() / 3600

    @api.depends("participant_ids")
    def _compute_participant_count(self):
        for drill in self:
            drill.participant_count = max(drill.participant_count, len(drill.participant_ids))

    def _compute_finding_count(self):
        for drill in self:
            drill.finding_count = len(drill.finding_ids)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for drill in self:
            if drill.date_start and drill.date_end and drill.date_end <= drill.date_start:
                raise ValidationError(
                    self.env._("Drill %(drill)s ends before it starts.", drill=drill.display_name)
                )

    @api.constrains("plan_id", "estate_id")
    def _check_estate(self):
        for drill in self:
            if drill.plan_id.estate_id and drill.estate_id != drill.plan_id.estate_id:
                raise ValidationError(
                    self.env._(
                        "Drill %(drill)s is of plan %(plan)s, which is for estate %(estate)s only.",
                        drill=drill.display_name,
                        plan=drill.plan_id.display_name,
                        estate=drill.plan_id.estate_id.display_name,
                    )
                )

    @api.depends("name", "plan_id.name")
    def _compute_display_name(self):
        for drill in self:
            drill.display_name = (
                f"{drill.name} {drill.plan_id.name}" if drill.plan_id else drill.name
            )

    # ------------------------------------------------------------------ workflow

    def action_done(self):
        """The drill took place: record it, and give each corrective action of its
        findings to the person responsible."""
        self._require_group(MANAGER, self.env._("Only the operations managers record the drills."))
        self._require_state("planned")
        for drill in self:
            if drill.duration <= 0:
                raise UserError(
                    self.env._(
                        "Drill %(drill)s: record when it started and ended, or its "
                        "duration, before marking it done.",
                        drill=drill.display_name,
                    )
                )
            if not drill.date_start:
                drill.date_start = drill.date_scheduled
        self._write_workflow({"state": "done"})
        self.finding_ids._schedule_corrective_action()
        return True

    def action_cancel(self):
        self._require_group(MANAGER, self.env._("Only the operations managers cancel the drills."))
        self._require_state("planned")
        self._write_workflow({"state": "cancelled"})
        return True

    def action_reset(self):
        """A cancelled drill scheduled again."""
        self._require_group(
            MANAGER, self.env._("Only the operations managers schedule the drills.")
        )
        self._require_state("cancelled")
        self._write_workflow({"state": "planned"})
        return True

    def action_view_findings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_emergency_finding"
        )
        action["domain"] = [("drill_id", "=", self.id)]
        action["context"] = {"default_drill_id": self.id}
        return action
