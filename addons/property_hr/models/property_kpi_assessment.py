from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .property_kpi_letter import HR_USER

ASSESSMENT_STATES = [
    ("draft", "Draft"),
    ("frozen", "Submitted"),
    ("acknowledged", "Acknowledged"),
    ("done", "Done"),
]
FIGURES = ("actual", "has_data", "achievement", "score")


class PropertyKpiAssessment(models.Model):
    """The monthly quality assessment (月度质量考核) of an employee or a department,
    from the letter in force: one line per KPI of the letter.

    While draft, the figures are computed live from the data; "Submit" freezes them
    (later changes of requests or invoices no longer alter them) with the weighted
    total score. The manager comments, then the employee acknowledges (for a
    department: its manager); HR closes it.

    Score: each line's achievement (see ``property.kpi.metric._achievement``) weighted
    by its weight; lines without a figure in the month (no request handled...) are
    left out and the weights of the others count in full, so the total is on the
    same 0-cap scale whatever the month's activity:
    total = Σ achievement × weight / Σ weight of the lines with a figure.
    """

    _name = "property.kpi.assessment"
    _description = "Monthly Assessment"
    _inherit = [
        "property.company.mixin",
        "property.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "letter_id"
    _order = "month desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    letter_id = fields.Many2one(
        "property.kpi.letter",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'active')]",
    )
    subject_type = fields.Selection(related="letter_id.subject_type", store=True)
    employee_id = fields.Many2one(related="letter_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="letter_id.department_id", store=True, index=True)
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_team",
        store=True,
        readonly=False,
        check_company=True,
        help="The employee's (first) estate, for the dashboards.",
    )
    team_id = fields.Many2one(
        "property.team",
        compute="_compute_estate_team",
        store=True,
        readonly=False,
        check_company=True,
        help="The team the employee's user belongs to, for the dashboards.",
    )
    month = fields.Date(required=True, index=True, help="First day of the month assessed.")
    date_to = fields.Date(string="Month End", compute="_compute_date_to", store=True)
    state = fields.Selection(
        ASSESSMENT_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    line_ids = fields.One2many("property.kpi.assessment.line", "assessment_id", string="KPIs")
    total_score = fields.Float(
        string="Score",
        readonly=True,
        aggregator="avg",
        help="Weighted score, stored when submitted.",
    )
    live_score = fields.Float(
        string="Current Score",
        compute="_compute_live_score",
        help="Weighted score: live while draft, then as submitted.",
    )
    manager_comment = fields.Text(tracking=True)
    date_frozen = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    frozen_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True, copy=False)
    date_acknowledged = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    is_assessed = fields.Boolean(
        compute="_compute_is_assessed", help="The current user is the one assessed."
    )

    _sql_constraints = [
        ("letter_month_uniq", "unique(letter_id, month)", "A letter has one assessment a month."),
    ]

    @api.depends("letter_id", "month")
    def _compute_name(self):
        for assessment in self:
            subject = assessment.letter_id._subject() if assessment.letter_id else None
            month = assessment.month.strftime("%Y-%m") if assessment.month else ""
            assessment.name = f"{month} {subject.name if subject else ''}".strip()

    @api.depends("month")
    def _compute_date_to(self):
        for assessment in self:
            assessment.date_to = assessment.month and (
                assessment.month + relativedelta(day=1, months=1, days=-1)
            )

    @api.depends("letter_id.employee_id")
    def _compute_estate_team(self):
        # the teams of all the users at once: a month's generation makes hundreds
        users = self.letter_id.employee_id.sudo().user_id
        Team = self.env["property.team"].sudo()
        teams = (
            Team.search(
                [
                    ("company_id", "in", self.company_id.ids),
                    "|",
                    ("member_ids", "in", users.ids),
                    ("leader_id", "in", users.ids),
                ]
            )
            if users
            else Team
        )
        first_team = {}  # the first team (in the teams' order) of each user, by company
        for team in teams:
            for user in team.member_ids | team.leader_id:
                first_team.setdefault((team.company_id, user), team)
        for assessment in self:
            employee = assessment.letter_id.employee_id.sudo()
            assessment.estate_id = employee.property_estate_ids[:1]
            assessment.team_id = first_team.get((assessment.company_id, employee.user_id), Team)

    @api.depends("state", "line_ids.score", "line_ids.live_score")
    def _compute_live_score(self):
        for assessment in self:
            if assessment.state == "draft":
                assessment.live_score = sum(assessment.line_ids.mapped("live_score"))
            else:
                assessment.live_score = assessment.total_score

    @api.depends_context("uid")
    @api.depends("letter_id")
    def _compute_is_assessed(self):
        for assessment in self:
            assessment.is_assessed = assessment._assessed_user() == self.env.user

    def _assessed_user(self):
        """The user who acknowledges: the employee's, or the department manager's."""
        self.ensure_one()
        letter = self.letter_id.sudo()
        if letter.subject_type == "employee":
            return letter.employee_id.user_id
        return letter.department_id.manager_id.user_id

    def _is_manager(self):
        """HR officers, and the managers above the employee (their manager, that
        manager's manager...) or the heads of the department or of a department above
        it (above the department only, for a department's assessment)."""
        self.ensure_one()
        user = self.env.user
        if user.has_group(HR_USER):
            return True
        letter = self.letter_id.sudo()
        department = letter.department_id
        departments = department.browse(
            int(d) for d in (department.parent_path or "").split("/")[:-1]
        )
        if letter.subject_type != "employee":
            return user in (departments - department).manager_id.user_id
        employee = letter.employee_id
        if employee.user_id == user:
            return False
        above = employee.browse()
        while employee.parent_id and employee.parent_id not in above:  # cycles stop
            employee = employee.parent_id
            above |= employee
        return user in (above | departments.manager_id).user_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]) + relativedelta(day=1)
        assessments = super().create(vals_list)
        # the letter's KPIs, unless given
        lines = []
        for assessment in assessments.filtered(lambda a: not a.line_ids):
            for line in assessment.letter_id.line_ids:
                lines.append(
                    {
                        "assessment_id": assessment.id,
                        "sequence": line.sequence,
                        "metric_id": line.metric_id.id,
                        "target": line.target,
                        "weight": line.weight,
                    }
                )
        self.env["property.kpi.assessment.line"].create(lines)
        return assessments

    # ------------------------------------------------------------------ figures

    def _figures(self):
        """{line: {actual, has_data, achievement, score}} computed from the data now."""
        result = {}
        for assessment in self:
            scope = assessment.letter_id._subject()
            cap = assessment.letter_id.achievement_cap
            rows = {}
            for line in assessment.line_ids:
                metric = line.metric_id
                if metric.is_computed:
                    actual = metric._compute_value(scope, assessment.month, assessment.date_to)
                else:
                    actual = line.manual_value
                rows[line] = {
                    "actual": actual or 0.0,
                    "has_data": actual is not None,
                    "achievement": metric._achievement(actual, line.target, cap) or 0.0,
                }
            weights = sum(line.weight for line, row in rows.items() if row["has_data"])
            for line, row in rows.items():
                row["score"] = (
                    row["achievement"] * line.weight / weights if row["has_data"] else 0.0
                )
            result.update(rows)
        return result

    def _store_figures(self):
        figures = self._figures()
        with self._workflow_writing():
            for line, values in figures.items():
                line.write(values)
        for assessment in self:
            assessment.total_score = sum(figures[line]["score"] for line in assessment.line_ids)

    # ------------------------------------------------------------------ workflow

    def _require_manager(self):
        for assessment in self:
            if not assessment._is_manager():
                raise AccessError(
                    self.env._(
                        "Only the manager of %(name)s or an HR officer can do this.",
                        name=assessment.name,
                    )
                )

    def action_refresh(self):
        """Store the current figures of draft assessments (for the dashboards)."""
        self._require_state("draft")
        self._require_manager()
        self._store_figures()
        return True

    def action_freeze(self):
        """Submit: store the month's figures and the weighted score; from now on they
        no longer follow the data."""
        self._require_state("draft")
        self._require_manager()
        self._store_figures()
        self._write_workflow(
            {"state": "frozen", "date_frozen": fields.Datetime.now(), "frozen_by_id": self.env.uid}
        )
        return True

    def action_acknowledge(self):
        """The employee acknowledges the assessment (only they can)."""
        self._require_state("frozen")
        for assessment in self:
            if assessment._assessed_user() != self.env.user:
                raise UserError(
                    self.env._(
                        "Only %(user)s acknowledges assessment %(name)s.",
                        user=assessment._assessed_user().name or self.env._("the employee"),
                        name=assessment.name,
                    )
                )
        # the assessed may read, not write, their assessment
        self.sudo()._write_workflow(
            {"state": "acknowledged", "date_acknowledged": fields.Datetime.now()}
        )
        return True

    def action_done(self):
        self._require_state("acknowledged")
        self._require_manager()
        self._write_workflow({"state": "done"})
        return True

    def action_reset_draft(self):
        """Reopen a submitted assessment (HR only): its figures follow the data again."""
        self._require_group(HR_USER, self.env._("Only HR officers reopen an assessment."))
        self._require_state("frozen")
        self._write_workflow({"state": "draft", "date_frozen": False, "frozen_by_id": False})
        return True

    # ------------------------------------------------------------------ generation

    @api.model
    def _generate(self, month, letters=None):
        """Create the assessments of `month` for the letters in force over it (all, or
        `letters`); those that exist are kept. Returns the new assessments."""
        month = fields.Date.to_date(month) + relativedelta(day=1)
        month_end = month + relativedelta(months=1, days=-1)
        domain = [
            ("state", "=", "active"),
            ("date_from", "<=", month),
            ("date_to", ">=", month_end),
        ]
        if letters is not None:
            domain.append(("id", "in", letters.ids))
        letters = self.env["property.kpi.letter"].search(domain)
        existing = self.search([("letter_id", "in", letters.ids), ("month", "=", month)])
        todo = letters - existing.letter_id
        return self.create([{"letter_id": letter.id, "month": month} for letter in todo])

    @api.model
    def _cron_generate(self):
        """On the first days of a month: last month's assessments (the month of each
        company's today)."""
        letters = self.env["property.kpi.letter"].search([("state", "=", "active")])
        assessments = self.browse()
        for company in letters.company_id:
            month = company._property_today() + relativedelta(day=1, months=-1)
            assessments |= self._generate(
                month, letters.filtered(lambda letter, c=company: letter.company_id == c)
            )
        return assessments

    def action_view_lines(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_hr.action_property_kpi_assessment_line"
        )
        action["domain"] = [("assessment_id", "in", self.ids)]
        return action


class PropertyKpiAssessmentLine(models.Model):
    """One KPI of a monthly assessment: target and weight from the letter, the figure
    of the month (computed, or scored by the manager for a manual KPI), its
    achievement and its share of the total score.

    ``actual``, ``achievement`` and ``score`` are stored when the assessment is
    submitted (and by "Refresh"); the ``live_*`` fields show the figures computed
    now while the assessment is draft, the stored ones afterwards."""

    _name = "property.kpi.assessment.line"
    _description = "KPI of a Monthly Assessment"
    _inherit = ["property.company.mixin"]
    _company_from = "assessment_id"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "property.kpi.assessment", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    metric_id = fields.Many2one("property.kpi.metric", required=True, ondelete="restrict")
    is_computed = fields.Boolean(related="metric_id.is_computed")
    unit = fields.Selection(related="metric_id.unit")
    direction = fields.Selection(related="metric_id.direction")
    target = fields.Float(required=True, aggregator="avg")
    weight = fields.Float(string="Weight (%)", aggregator="avg")
    manual_value = fields.Float(
        string="Manager's Figure",
        help="For a manual KPI: the figure the manager gives, in the metric's unit.",
    )
    actual = fields.Float(readonly=True, aggregator="avg")
    has_data = fields.Boolean(string="Measured", readonly=True)
    achievement = fields.Float(string="Achievement (%)", readonly=True, aggregator="avg")
    score = fields.Float(readonly=True, aggregator="sum")
    live_actual = fields.Float(string="Figure", compute="_compute_live")
    live_has_data = fields.Boolean(string="Has a Figure", compute="_compute_live")
    live_achievement = fields.Float(string="Achieved (%)", compute="_compute_live")
    live_score = fields.Float(string="Points", compute="_compute_live")
    # for the dashboards
    state = fields.Selection(related="assessment_id.state", store=True)
    month = fields.Date(related="assessment_id.month", store=True)
    employee_id = fields.Many2one(related="assessment_id.employee_id", store=True, index=True)
    department_id = fields.Many2one(related="assessment_id.department_id", store=True)
    estate_id = fields.Many2one(related="assessment_id.estate_id", store=True)
    team_id = fields.Many2one(related="assessment_id.team_id", store=True)

    @api.depends("assessment_id.state", "manual_value", "target", "weight", *FIGURES)
    def _compute_live(self):
        drafts = self.filtered(lambda line: line.assessment_id.state == "draft")
        figures = drafts.assessment_id._figures() if drafts else {}
        for line in self:
            values = figures.get(line._origin) or figures.get(line)
            if values is None:
                values = {name: line[name] for name in FIGURES}
            line.live_actual = values["actual"]
            line.live_has_data = values["has_data"]
            line.live_achievement = values["achievement"]
            line.live_score = values["score"]

    def write(self, vals):
        if any(
            line.assessment_id.state != "draft" and not line.assessment_id._is_workflow_writing()
            for line in self
        ):
            raise UserError(self.env._("A submitted assessment cannot be changed."))
        return super().write(vals)
