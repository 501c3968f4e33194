from datetime import datetime, time

from pytz import UTC, timezone

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.property_ticket.models.property_inspection_template import company_today

from .property_renovation import WORKS_STATES

SECURITY = "property_renovation.group_renovation_security"
DESK = "property_renovation.group_renovation_desk"
ENGINEERING = "property_renovation.group_renovation_engineering"


class PropertyRenovation(models.Model):
    """Supervision of the works (DOMAIN §7, after the fees): the estate's rules accepted
    by the applicant, the construction permit and the workers' passes, the entry
    inspection before the works start, the daily patrols and their violations (works
    stopped, requests, deductions), the departments told when works start and end."""

    # kept apart from the application's flow (and from its portal side), which it
    # extends through the flow's hooks like any other module would
    _inherit = "property.renovation"  # pylint: disable=consider-merging-classes-inherited

    # rules
    rules_html = fields.Html(
        string="Renovation Rules",
        compute="_compute_rules_html",
        sanitize=False,
        help="The estate's hours, noise rules and prohibited items, as shown to the "
        "applicant and printed on the permit.",
    )

    # permit and passes
    permit_ids = fields.One2many("property.renovation.permit", "renovation_id", string="Permits")
    permit_id = fields.Many2one(
        "property.renovation.permit",
        compute="_compute_permit_id",
        store=True,
        index="btree_not_null",
    )
    permit_date_to = fields.Date(related="permit_id.date_to", string="Permit Valid Until")
    pass_ids = fields.One2many("property.renovation.pass", "renovation_id", string="Worker Passes")
    pass_count = fields.Integer(string="Passes", compute="_compute_supervision_counts")

    # entry inspection
    entry_ids = fields.One2many(
        "property.renovation.entry", "renovation_id", string="Entry Inspections"
    )
    entry_confirmed = fields.Boolean(
        string="Entry Inspection Confirmed", compute="_compute_entry_confirmed", store=True
    )

    # patrols
    patrol_ids = fields.One2many(
        "property.renovation.inspection", "renovation_id", string="Patrol Inspections"
    )
    patrol_count = fields.Integer(string="Patrols", compute="_compute_supervision_counts")
    violation_count = fields.Integer(string="Violations", compute="_compute_supervision_counts")
    date_last_patrol = fields.Datetime(
        string="Last Patrol", compute="_compute_date_last_patrol", store=True
    )
    patrol_due = fields.Boolean(
        string="Patrol Due Today",
        compute="_compute_patrol_due",
        search="_search_patrol_due",
        help="Works running and not patrolled today.",
    )

    # stopped works
    works_stopped = fields.Boolean(readonly=True, copy=False, tracking=True, index=True)
    stop_reason = fields.Text(readonly=True, copy=False, tracking=True)
    date_stopped = fields.Datetime(string="Stopped On", readonly=True, copy=False)
    stopped_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # department notifications (业主装修入场通知单), once per event
    date_start_notified = fields.Datetime(
        string="Departments Told of the Start", readonly=True, copy=False
    )
    date_end_notified = fields.Datetime(
        string="Departments Told of the End", readonly=True, copy=False
    )

    @api.depends_context("lang")
    @api.depends(
        "estate_id.renovation_morning_from",
        "estate_id.renovation_morning_to",
        "estate_id.renovation_afternoon_from",
        "estate_id.renovation_afternoon_to",
        "estate_id.renovation_noisy_from",
        "estate_id.renovation_noisy_to",
        "estate_id.renovation_weekend",
        "estate_id.renovation_holiday_works",
        "estate_id.renovation_noise_rules",
        "estate_id.renovation_hours_note",
    )
    def _compute_rules_html(self):
        for renovation in self:
            estate = renovation.estate_id
            if not estate:
                renovation.rules_html = False
                continue
            renovation.rules_html = estate._renovation_rules_html()

    @api.depends("permit_ids")
    def _compute_permit_id(self):
        for renovation in self:
            renovation.permit_id = renovation.permit_ids.sorted("id")[-1:]

    @api.depends("entry_ids.state")
    def _compute_entry_confirmed(self):
        for renovation in self:
            renovation.entry_confirmed = "confirmed" in renovation.entry_ids.mapped("state")

    @api.depends("patrol_ids.date")
    def _compute_date_last_patrol(self):
        for renovation in self:
            renovation.date_last_patrol = max(renovation.patrol_ids.mapped("date"), default=False)

    def _compute_supervision_counts(self):
        passes = dict(
            self.env["property.renovation.pass"]._read_group(
                [("renovation_id", "in", self.ids)], ["renovation_id"], ["__count"]
            )
        )
        patrols = dict(
            self.env["property.renovation.inspection"]._read_group(
                [("renovation_id", "in", self.ids)], ["renovation_id"], ["__count"]
            )
        )
        violations = dict(
            self.env["property.renovation.inspection.line"]._read_group(
                [("renovation_id", "in", self.ids), ("result", "=", "violation")],
                ["renovation_id"],
                ["__count"],
            )
        )
        for renovation in self:
            renovation.pass_count = passes.get(renovation, 0)
            renovation.patrol_count = patrols.get(renovation, 0)
            renovation.violation_count = violations.get(renovation, 0)

    def _today_start_utc(self):
        """The start of today in the company's time zone, as a naive UTC datetime."""
        today = company_today(self.env.company, self.env)
        tz = timezone(self.env.company.resource_calendar_id.tz or self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(today, time.min))
        return start.astimezone(UTC).replace(tzinfo=None)

    @api.depends("state", "date_last_patrol")
    def _compute_patrol_due(self):
        since = self._today_start_utc()
        for renovation in self:
            renovation.patrol_due = renovation.state == "in_progress" and (
                not renovation.date_last_patrol or renovation.date_last_patrol < since
            )

    def _search_patrol_due(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on the patrol due."))
        since = self._today_start_utc()
        domain = [
            ("state", "=", "in_progress"),
            "|",
            ("date_last_patrol", "=", False),
            ("date_last_patrol", "<", since),
        ]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    # ------------------------------------------------------------------ rules

    def action_accept_rules(self):
        """The applicant accepts the rules (at the desk, or on the portal)."""
        for renovation in self:
            if renovation.state in ("rejected", "withdrawn", "closed"):
                raise UserError(
                    self.env._(
                        "Application %(name)s is closed; its rules cannot be accepted.",
                        name=renovation.name,
                    )
                )
        self.filtered(lambda r: not r.prohibited_items_accepted).write(
            {"prohibited_items_accepted": True}
        )
        return True

    # ------------------------------------------------------------------ permit

    def _check_permit_requirements(self):
        """Also: the planned dates (the permit's validity) set."""
        self._check_permit_documents()
        return super()._check_permit_requirements()

    def _issue_permit(self):
        """Also the permit document (装修施工许可证)."""
        res = super()._issue_permit()
        self._issue_permit_documents()
        return res

    def _prepare_permit(self):
        self.ensure_one()
        return {
            "renovation_id": self.id,
            "date_from": self.date_start,
            "date_to": self.date_end,
        }

    def _check_permit_documents(self):
        """The dates set: they are the permit's validity. (The rules were accepted
        before the agreement was signed.)"""
        for renovation in self:
            if not (renovation.date_start and renovation.date_end):
                raise UserError(
                    self.env._(
                        "Application %(name)s: set the planned start and end; they are the "
                        "permit's validity.",
                        name=renovation.name,
                    )
                )

    def _issue_permit_documents(self):
        """The construction permit of each application, once."""
        self._check_permit_documents()
        todo = self.filtered(lambda r: not r.permit_ids)
        return self.env["property.renovation.permit"].create(
            [renovation._prepare_permit() for renovation in todo]
        )

    def action_print_permit(self):
        self.ensure_one()
        if not self.permit_id:
            raise UserError(self.env._("Application %(name)s has no permit yet.", name=self.name))
        return self.permit_id.action_print()

    # ------------------------------------------------------------------ works

    def _check_works_start(self):
        """Works start only with a confirmed entry inspection, and not while stopped."""
        super()._check_works_start()
        for renovation in self:
            if not renovation.entry_confirmed:
                raise UserError(
                    self.env._(
                        "Application %(name)s: the entry inspection (进场装修确认表) must be "
                        "confirmed by both parties before the works start.",
                        name=renovation.name,
                    )
                )
            if renovation.works_stopped:
                raise UserError(
                    self.env._(
                        "Application %(name)s: the works are stopped; engineering resumes them.",
                        name=renovation.name,
                    )
                )
        return True

    def _on_works_started(self):
        """The maintenance and security departments are told (once)."""
        super()._on_works_started()
        self._notify_departments("start")
        return True

    def _on_works_ended(self):
        """The works are over: passes revoked, permit ended, departments told (once)."""
        super()._on_works_ended()
        self.pass_ids._revoke("ended")
        self.permit_ids.filtered(lambda p: p.state != "ended").sudo()._write_workflow(
            {"state": "ended"}
        )
        self.filtered("date_start_notified")._notify_departments("end")
        return True

    def _stop_works(self, reason):
        """Stop the works (a violation): passes suspended until engineering resumes."""
        if not self.env.user.has_group(SECURITY):
            raise UserError(self.env._("Only renovation staff stop works."))
        for renovation in self:
            if renovation.state not in WORKS_STATES:
                raise UserError(
                    self.env._(
                        "Application %(name)s: no works are running to stop.",
                        name=renovation.name,
                    )
                )
        todo = self.filtered(lambda r: not r.works_stopped)
        # security guards stop works on patrol without the right to edit applications
        todo.sudo().write(
            {
                "works_stopped": True,
                "stop_reason": reason,
                "date_stopped": fields.Datetime.now(),
                "stopped_by_id": self.env.uid,
            }
        )
        todo.pass_ids.sudo()._revoke("stopped")
        todo.permit_ids.filtered(lambda p: p.state == "valid").sudo()._write_workflow(
            {"state": "suspended"}
        )
        for renovation in todo:
            renovation.sudo().message_post(
                body=self.env._("Works stopped: %(reason)s", reason=reason),
                author_id=self.env.user.partner_id.id,
            )
        return True

    def action_resume_works(self):
        if not self.env.user.has_group(ENGINEERING):
            raise UserError(self.env._("Only the engineering department resumes stopped works."))
        for renovation in self:
            if not renovation.works_stopped:
                raise UserError(
                    self.env._("The works of %(name)s are not stopped.", name=renovation.name)
                )
        self.write({"works_stopped": False, "date_stopped": False, "stopped_by_id": False})
        self.pass_ids._restore("stopped")
        self.permit_ids.filtered(lambda p: p.state == "suspended")._write_workflow(
            {"state": "valid"}
        )
        for renovation in self:
            renovation.message_post(body=self.env._("Works resumed."))
        return True

    def action_stop_works_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_renovation.action_property_renovation_stop_wizard"
        )
        action["context"] = {"default_renovation_id": self.id}
        return action

    # ------------------------------------------------------------------ notifications

    def _notify_departments(self, event):
        """业主装修入场通知单: tell the maintenance and security teams of the estate that
        the works start (or end), once per event."""
        field = "date_start_notified" if event == "start" else "date_end_notified"
        todo = self.filtered(lambda r: not r[field])
        for renovation in todo:
            teams = renovation.estate_id._renovation_teams()
            users = teams.member_ids | teams.leader_id
            renovation.sudo().message_post_with_source(
                "property_renovation.message_works_notice",
                render_values={"renovation": renovation, "event": event, "teams": teams},
                subtype_xmlid="mail.mt_comment",
                partner_ids=users.partner_id.ids,
                subject=(
                    self.env._("Renovation works start: %(unit)s", unit=renovation.unit_id.code)
                    if event == "start"
                    else self.env._("Renovation works end: %(unit)s", unit=renovation.unit_id.code)
                ),
            )
        if todo:
            todo.sudo().write({field: fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------ views

    def _supervision_action(self, xmlid, default=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("renovation_id", "=", self.id)]
        action["context"] = {"default_renovation_id": self.id, **(default or {})}
        return action

    def action_view_passes(self):
        return self._supervision_action("property_renovation.action_property_renovation_pass")

    def action_view_patrols(self):
        return self._supervision_action("property_renovation.action_property_renovation_inspection")

    def action_view_entry(self):
        action = self._supervision_action("property_renovation.action_property_renovation_entry")
        if len(self.entry_ids) == 1:
            action.update(
                {"view_mode": "form", "views": [(False, "form")], "res_id": self.entry_ids.id}
            )
        return action

    def action_new_patrol(self):
        action = self.action_view_patrols()
        action.update({"view_mode": "form", "views": [(False, "form")]})
        return action
