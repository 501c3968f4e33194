from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class PropertyTrainingSession(models.Model):
    """One run of a course: when, where, who teaches, who attended and with what
    result. Closing it writes the passes into the attendees' training record (and
    their resumé)."""

    _name = "property.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.workflow.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    course_id = fields.Many2one(
        "property.training.course",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    kind = fields.Selection(related="course_id.kind", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(
        string="End",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    date = fields.Date(compute="_compute_date", store=True, index=True)
    trainer_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="An employee's contact or an outside trainer.",
    )
    place = fields.Char(tracking=True)
    estate_id = fields.Many2one("property.estate", check_company=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    attendance_ids = fields.One2many(
        "property.training.attendance", "session_id", string="Attendees", copy=False
    )
    attendee_count = fields.Integer(compute="_compute_attendance_counts", store=True)
    passed_count = fields.Integer(compute="_compute_attendance_counts", store=True)
    notes = fields.Html()

    _sql_constraints = [
        (
            "dates_check",
            "CHECK (date_end >= date_start)",
            "The session cannot end before it starts.",
        ),
    ]

    @api.depends("course_id", "date_start")
    def _compute_name(self):
        for session in self:
            if session.course_id and session.date_start:
                day = fields.Date.context_today(session, session.date_start)
                session.name = f"{session.course_id.name} {day}"
            elif not session.name:
                session.name = session.course_id.name or False

    @api.depends("date_start", "course_id.duration")
    def _compute_date_end(self):
        for session in self:
            if session.date_start:
                session.date_end = session.date_start + relativedelta(
                    minutes=round((session.course_id.duration or 1.0) * 60)
                )
            else:
                session.date_end = session.date_end or False

    @api.depends("date_start")
    def _compute_date(self):
        for session in self:
            session.date = session.date_start and fields.Date.context_today(
                session, session.date_start
            )

    @api.depends("attendance_ids.result")
    def _compute_attendance_counts(self):
        for session in self:
            session.attendee_count = len(session.attendance_ids)
            session.passed_count = len(
                session.attendance_ids.filtered(lambda a: a.result == "pass")
            )

    def _check_hr_officer(self):
        self._require_group(
            "hr.group_hr_user", self.env._("Only HR officers can change the state of a session.")
        )

    def action_confirm(self):
        self._check_hr_officer()
        for session in self:
            if session.state != "draft":
                raise UserError(
                    self.env._("Session %(session)s is not a draft.", session=session.name)
                )
            if not session.attendance_ids:
                raise UserError(
                    self.env._(
                        "Add the attendees of session %(session)s first.", session=session.name
                    )
                )
        self._write_workflow({"state": "confirmed"})

    def action_done(self):
        """Close the session: whoever did not attend has failed; the passes go into the
        attendees' resumé (line type Training)."""
        self._check_hr_officer()
        for session in self:
            if session.state != "confirmed":
                raise UserError(
                    self.env._(
                        "Session %(session)s must be confirmed to be closed.",
                        session=session.name,
                    )
                )
            pending = session.attendance_ids.filtered(
                lambda a: a.attended and a.result == "pending"
            )
            if pending:
                raise UserError(
                    self.env._(
                        "Give the result of every attendee of session %(session)s: %(employees)s.",
                        session=session.name,
                        employees=", ".join(pending.employee_id.mapped("name")),
                    )
                )
        self.attendance_ids.filtered(lambda a: not a.attended).result = "absent"
        self._write_workflow({"state": "done"})
        self.attendance_ids._create_resume_lines()

    def action_cancel(self):
        self._check_hr_officer()
        if any(session.state == "done" for session in self):
            raise UserError(self.env._("A session that took place cannot be cancelled."))
        self._write_workflow({"state": "cancelled"})

    def action_draft(self):
        self._check_hr_officer()
        if any(session.state != "cancelled" for session in self):
            raise UserError(self.env._("Only cancelled sessions can be set back to draft."))
        self._write_workflow({"state": "draft"})

    def action_add_required_attendees(self):
        """Invite the holders of the positions requiring the course who have not passed
        it (or whose pass has run out)."""
        self.ensure_one()
        if self.state not in ("draft", "confirmed"):
            raise UserError(self.env._("Attendees can only be added before the session."))
        self.env.flush_all()  # the matrix is an SQL view on the pending writes' tables
        missing = self.env["property.training.matrix"].search(
            [
                ("course_id", "=", self.course_id.id),
                ("status", "in", ("missing", "expired")),
                ("company_id", "=", self.company_id.id),
            ]
        )
        employees = missing.employee_id - self.attendance_ids.employee_id
        self.attendance_ids = [Command.create({"employee_id": e.id}) for e in employees]
