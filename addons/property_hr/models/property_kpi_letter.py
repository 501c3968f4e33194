from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

SUBJECT_TYPES = [("employee", "Employee"), ("department", "Department")]
PERIODS = [("year", "Year"), ("h1", "First Half-Year"), ("h2", "Second Half-Year")]
LETTER_STATES = [
    ("draft", "Draft"),
    ("signed", "Signed"),
    ("active", "Active"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
HR_USER = "hr.group_hr_user"


def period_dates(year, period):
    """First and last day of a letter's period."""
    if period == "h2":
        return date(year, 7, 1), date(year, 12, 31)
    if period == "h1":
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 1, 1), date(year, 12, 31)


class PropertyKpiLetter(models.Model):
    """A target-responsibility letter (目标责任书, DOMAIN §13): the KPIs a department or
    an employee commits to for a year or a half-year, each with its target and weight
    (the weights total 100 %). Signed by both sides, then in force (active): the
    monthly assessments of its period are made from it."""

    _name = "property.kpi.letter"
    _description = "Target-Responsibility Letter"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.workflow.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    subject_type = fields.Selection(
        SUBJECT_TYPES, string="For", required=True, default="employee", tracking=True
    )
    employee_id = fields.Many2one(
        "hr.employee", index="btree_not_null", check_company=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    period = fields.Selection(PERIODS, required=True, default="year", tracking=True)
    date_from = fields.Date(compute="_compute_dates", store=True, index=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        LETTER_STATES, default="draft", required=True, tracking=True, copy=False, index=True
    )
    date_signed = fields.Date(string="Signed On", copy=False, tracking=True)
    achievement_cap = fields.Float(
        string="Achievement Cap (%)",
        default=120.0,
        required=True,
        help="No KPI line scores above this achievement, so that one line cannot make up "
        "for all the others.",
    )
    line_ids = fields.One2many("property.kpi.letter.line", "letter_id", string="KPIs", copy=True)
    total_weight = fields.Float(string="Total Weight (%)", compute="_compute_total_weight")
    assessment_ids = fields.One2many("property.kpi.assessment", "letter_id")
    assessment_count = fields.Integer(string="Assessments", compute="_compute_assessment_count")
    note = fields.Html(string="Terms", help="Safety, management, service and business terms.")

    @api.depends("employee_id.department_id", "subject_type")
    def _compute_department_id(self):
        for letter in self:
            if letter.subject_type == "employee" and letter.employee_id:
                letter.department_id = letter.employee_id.department_id

    @api.depends("year", "period")
    def _compute_dates(self):
        for letter in self:
            if 1900 < letter.year < 3000:
                letter.date_from, letter.date_to = period_dates(letter.year, letter.period)
            else:
                letter.date_from = letter.date_to = False

    @api.depends("subject_type", "employee_id.name", "department_id.name", "year", "period")
    def _compute_name(self):
        periods = dict(self._fields["period"]._description_selection(self.env))
        for letter in self:
            subject = letter._subject()
            letter.name = f"{letter.year} {periods.get(letter.period, '')} {subject.name or ''}"

    @api.depends("line_ids.weight")
    def _compute_total_weight(self):
        for letter in self:
            letter.total_weight = sum(letter.line_ids.mapped("weight"))

    def _compute_assessment_count(self):
        counts = dict(
            self.env["property.kpi.assessment"]._read_group(
                [("letter_id", "in", self.ids)], ["letter_id"], ["__count"]
            )
        )
        for letter in self:
            letter.assessment_count = counts.get(letter, 0)

    def _subject(self):
        """The employee or the department the letter binds: the scope of its KPIs."""
        self.ensure_one()
        return self.employee_id if self.subject_type == "employee" else self.department_id

    @api.constrains("subject_type", "employee_id", "department_id", "year")
    def _check_subject(self):
        for letter in self:
            if not letter._subject():
                raise ValidationError(
                    self.env._("A target-responsibility letter needs its employee or department.")
                )
            if not 1900 < letter.year < 3000:
                raise ValidationError(
                    self.env._("The year %(year)s is not valid.", year=letter.year)
                )

    @api.constrains("line_ids", "achievement_cap")
    def _check_weights(self):
        for letter in self:
            if letter.achievement_cap < 100:
                raise ValidationError(self.env._("The achievement cap is at least 100 %."))
            if letter.line_ids and float_compare(letter.total_weight, 100.0, 2):
                raise ValidationError(
                    self.env._(
                        "Letter %(name)s: the weights of its KPIs total %(total)s %%, not 100 %%.",
                        name=letter.name,
                        total=round(letter.total_weight, 2),
                    )
                )

    # ------------------------------------------------------------------ workflow

    def _require(self, *states):
        self._require_group(
            HR_USER, self.env._("Only HR officers manage target-responsibility letters.")
        )
        labels = dict(self._fields["state"]._description_selection(self.env))
        for letter in self:
            if letter.state not in states:
                raise UserError(
                    self.env._(
                        "Letter %(name)s is “%(state)s”; this action is not possible now.",
                        name=letter.name,
                        state=labels[letter.state],
                    )
                )

    def action_sign(self):
        """Record that both sides signed the letter (on paper, usually)."""
        self._require("draft")
        for letter in self:
            if not letter.line_ids:
                raise UserError(
                    self.env._("Letter %(name)s has no KPI to sign for.", name=letter.name)
                )
        self._write_workflow({"state": "signed", "date_signed": fields.Date.context_today(self)})
        return True

    def action_activate(self):
        """Put the letters in force: one letter in force per employee or department and
        period."""
        self._require("signed")
        for letter in self:
            overlapping = self.search_count(
                [
                    ("id", "!=", letter.id),
                    ("state", "=", "active"),
                    ("subject_type", "=", letter.subject_type),
                    ("employee_id", "=", letter.employee_id.id),
                    ("department_id", "=", letter.department_id.id),
                    ("date_from", "<=", letter.date_to),
                    ("date_to", ">=", letter.date_from),
                ]
            )
            if overlapping:
                raise UserError(
                    self.env._(
                        "Another letter of %(subject)s is in force for this period.",
                        subject=letter._subject().name,
                    )
                )
        self._write_workflow({"state": "active"})
        return True

    def action_close(self):
        self._require("active")
        self._write_workflow({"state": "closed"})
        return True

    def action_cancel(self):
        self._require("draft", "signed", "active")
        self._write_workflow({"state": "cancelled"})
        return True

    def action_draft(self):
        self._require("signed", "cancelled")
        self._write_workflow({"state": "draft", "date_signed": False})
        return True

    def action_view_assessments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_hr.action_property_kpi_assessment"
        )
        action["domain"] = [("letter_id", "=", self.id)]
        action["context"] = {}
        return action


class PropertyKpiLetterLine(models.Model):
    """One KPI of a letter: the metric, its target (in the metric's unit) and its
    weight in the total score."""

    _name = "property.kpi.letter.line"
    _description = "KPI of a Target-Responsibility Letter"
    _inherit = ["property.company.mixin"]
    _company_from = "letter_id"
    _order = "letter_id, sequence, id"
    _check_company_auto = True

    letter_id = fields.Many2one(
        "property.kpi.letter", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    metric_id = fields.Many2one("property.kpi.metric", required=True, ondelete="restrict")
    source = fields.Selection(related="metric_id.source")
    unit = fields.Selection(related="metric_id.unit")
    direction = fields.Selection(related="metric_id.direction")
    target = fields.Float(required=True, digits=(16, 2))
    weight = fields.Float(string="Weight (%)", required=True, digits=(16, 2))
    note = fields.Char(help="How the figure is judged, for manual KPIs.")

    _sql_constraints = [
        ("metric_uniq", "unique(letter_id, metric_id)", "A letter lists a metric once."),
        ("weight_positive", "CHECK(weight > 0 AND weight <= 100)", "A weight is within 0-100 %."),
        ("target_positive", "CHECK(target >= 0)", "A target is not negative."),
    ]
