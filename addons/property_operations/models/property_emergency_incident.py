from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

from .property_emergency_plan import EMERGENCY_KINDS

MANAGER = "property_operations.group_operations_manager"


class PropertyEmergencyIncident(models.Model):
    """An emergency that happened (a fire alarm, people trapped in an elevator, a burst
    pipe): where and when, the plan used, what was done, injuries and losses, and the
    lessons. Any property staff member logs it; an operations manager closes it."""

    _name = "property.emergency.incident"
    _description = "Emergency Incident"
    _inherit = [
        "property.workflow.mixin",
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "estate_id"
    _sequence_code = "property.emergency.incident"
    _order = "date_occurred desc, id desc"
    _rec_names_search = ["name", "location"]
    _check_company_auto = True
    # what happened stays as recorded once the incident is closed
    _workflow_locked = {"closed": ALL_FIELDS}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    plan_id = fields.Many2one(
        "property.emergency.plan",
        string="Plan Used",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="['|', ('estate_id', '=', False), ('estate_id', '=', estate_id)]",
        tracking=True,
    )
    kind = fields.Selection(
        EMERGENCY_KINDS,
        compute="_compute_kind",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
    )
    date_occurred = fields.Datetime(
        string="Occurred On", required=True, default=fields.Datetime.now, tracking=True
    )
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    location = fields.Char(tracking=True, help="Building, floor, elevator, room...")
    reported_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    description = fields.Text(string="What Happened", required=True)
    actions_taken = fields.Text()
    injuries = fields.Text()
    losses = fields.Text()
    lessons = fields.Text(string="Lessons Learned")

    @api.depends("plan_id")
    def _compute_kind(self):
        for incident in self:
            if incident.plan_id:
                incident.kind = incident.plan_id.kind

    @api.depends("name", "kind", "estate_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for incident in self:
            incident.display_name = " ".join(
                part for part in (incident.name, kinds.get(incident.kind)) if part
            )

    def action_close(self):
        """The emergency is over and written up: what was done and its lessons."""
        self._require_group(
            MANAGER, self.env._("Only the operations managers close emergency incidents.")
        )
        self._require_state("open")
        for incident in self:
            if not incident.actions_taken:
                raise UserError(
                    self.env._(
                        "Incident %(incident)s: write down the actions taken before closing it.",
                        incident=incident.display_name,
                    )
                )
        self._write_workflow({"state": "closed", "date_closed": fields.Datetime.now()})
        return True

    def action_reopen(self):
        self._require_group(
            MANAGER, self.env._("Only the operations managers reopen emergency incidents.")
        )
        self._require_state("closed")
        self._write_workflow({"state": "open", "date_closed": False})
        return True
