from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv.expression import AND, OR

SOURCES = [
    ("ticket", "Service Requests"),
    ("billing", "Billing"),
    ("inspection", "Inspections"),
    ("manual", "Manual"),
]
UNITS = [("percent", "%"), ("hours", "Hours"), ("score", "Score")]
DIRECTIONS = [("higher", "Higher is Better"), ("lower", "Lower is Better")]
RESOLVED_STATES = ("accepted", "followed_up", "closed")


def figure(value):
    """A figure read by ``_read_group``: ``None`` when there was nothing to measure (SQL
    NULL comes back as ``None`` or ``False``), else a float (0.0 is a figure)."""
    if value is None or value is False:
        return None
    return float(value)


class PropertyKpiMetric(models.Model):
    """A KPI of the catalogue (指标库). Computed metrics read the figures of
    property_ticket's and property_billing's statistics (their SQL views, so that a KPI
    means exactly what the statistics show); manual metrics are scored by the manager.

    Each computed metric is one method ``_compute_metric_<code>(scope, date_from,
    date_to)`` returning a float, or ``None`` when the scope had nothing to measure in
    the period. The scope is one record of:

    - ``hr.employee``: the service requests whose technician (``user_id``) or first
      receiver (``receiver_id``, 首问负责: the desk staff) is the employee's user, the
      follow-up visits made by them, the inspection rounds they are responsible for,
      and the collection of the estates they work for;
    - ``hr.department``: the same for the users of its employees (sub-departments
      included) and their estates;
    - ``property.team``: the requests and rounds of the team, the visits of its
      requests, the collection of the estates it serves;
    - ``property.estate``: everything of the estate.

    Days are the company's local days (those of the statistics views): requests by the
    day received, visits by the day due, rounds by their date, invoices by the billing
    period they bill. The statistics are read as superuser (their access is for
    request leads and accountants): a KPI is an aggregate, and the scope's domain and
    its company bound what is read.
    """

    _name = "property.kpi.metric"
    _description = "KPI Metric"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Computed metrics: the method _compute_metric_<code> computes the figure.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    source = fields.Selection(SOURCES, required=True, default="manual")
    unit = fields.Selection(UNITS, required=True, default="percent")
    direction = fields.Selection(
        DIRECTIONS,
        required=True,
        default="higher",
        help="Whether a figure above the target is good (satisfaction) or bad (response time).",
    )
    is_computed = fields.Boolean(
        string="Computed", compute="_compute_is_computed", store=True, readonly=True
    )
    description = fields.Text(translate=True, help="What the figure measures, and how.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A metric code is unique."),
    ]

    @api.depends("source")
    def _compute_is_computed(self):
        for metric in self:
            metric.is_computed = metric.source != "manual"

    @api.constrains("code", "source")
    def _check_code(self):
        for metric in self.filtered("is_computed"):
            if not hasattr(self, f"_compute_metric_{metric.code}"):
                raise ValidationError(
                    self.env._(
                        "Metric %(name)s: no computation exists for the code %(code)s; "
                        "use the source “Manual” for a metric scored by the manager.",
                        name=metric.name,
                        code=metric.code,
                    )
                )

    # ------------------------------------------------------------ achievement

    def _achievement(self, actual, target, cap):
        """How far the figure reaches the target, in % (100 = target met), capped at
        `cap` so that one line cannot make up for all others:

        - higher is better: actual / target (a target of 0 is met by any figure);
        - lower is better: target / actual; a figure of 0 is the best possible
          (`cap`), unless the target is 0 too (met: 100); above a target of 0 → 0.
        """
        self.ensure_one()
        if actual is None:
            return None
        if self.direction == "higher":
            ratio = 100.0 if target <= 0 else 100.0 * actual / target
        elif actual <= 0:
            ratio = 100.0 if target <= 0 else cap
        else:
            ratio = 100.0 * target / actual
        return max(0.0, min(ratio, cap))

    # ------------------------------------------------------------ computation

    def _compute_value(self, scope, date_from, date_to):
        """The figure of the metric for `scope` over [date_from, date_to] (days
        included), or None (manual metric, or nothing to measure)."""
        self.ensure_one()
        if not self.is_computed:
            return None
        return getattr(self, f"_compute_metric_{self.code}")(scope, date_from, date_to)

    @api.model
    def _scope_users(self, scope):
        if scope._name == "hr.employee":
            return scope.sudo().user_id
        if scope._name == "hr.department":
            employees = (
                self.env["hr.employee"].sudo().search([("department_id", "child_of", scope.ids)])
            )
            return employees.user_id
        return self.env["res.users"]

    @api.model
    def _scope_estates(self, scope):
        if scope._name == "hr.employee":
            return scope.sudo().property_estate_ids
        if scope._name == "hr.department":
            employees = (
                self.env["hr.employee"].sudo().search([("department_id", "child_of", scope.ids)])
            )
            return employees.property_estate_ids
        if scope._name == "property.team":
            return scope.sudo().estate_ids
        return scope

    @api.model
    def _ticket_domain(self, scope, date_from, date_to):
        """Rows of property.ticket.report of the scope received in the period."""
        domain = [
            ("company_id", "=", scope.company_id.id),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if scope._name == "property.team":
            return [*domain, ("team_id", "=", scope.id)]
        if scope._name == "property.estate":
            return [*domain, ("estate_id", "=", scope.id)]
        users = self._scope_users(scope).ids
        return [*domain, "|", ("user_id", "in", users), ("ticket_id.receiver_id", "in", users)]

    @api.model
    def _ticket_figures(self, scope, date_from, date_to, aggregates, domain=()):
        report = self.env["property.ticket.report"].sudo()
        [values] = report._read_group(
            [*self._ticket_domain(scope, date_from, date_to), *domain], [], aggregates
        )
        return [figure(value) for value in values]

    def _compute_metric_sla_met(self, scope, date_from, date_to):
        """SLA met (%): the statistics' SLA met / SLA counted."""
        return self._ticket_figures(scope, date_from, date_to, ["sla_met_rate:avg"])[0]

    def _compute_metric_answered_on_time(self, scope, date_from, date_to):
        """Answered on time (%): the statistics' requests taken over by their response
        deadline / requests whose answer is known."""
        return self._ticket_figures(scope, date_from, date_to, ["answered_in_time_rate:avg"])[0]

    def _compute_metric_response_time(self, scope, date_from, date_to):
        """Average hours from receipt to take-over."""
        return self._ticket_figures(scope, date_from, date_to, ["response_hours:avg"])[0]

    def _compute_metric_resolution_time(self, scope, date_from, date_to):
        """Average hours from receipt to the work done."""
        return self._ticket_figures(scope, date_from, date_to, ["resolution_hours:avg"])[0]

    def _compute_metric_satisfaction(self, scope, date_from, date_to):
        """Average rating (1-5) of the requests at their last follow-up visit."""
        return self._ticket_figures(scope, date_from, date_to, ["satisfaction:avg"])[0]

    def _compute_metric_rework_rate(self, scope, date_from, date_to):
        """Resolved requests reworked at least once / resolved requests (%)."""
        resolved = [("state", "in", RESOLVED_STATES)]
        [total] = self._ticket_figures(scope, date_from, date_to, ["__count"], resolved)
        if not total:
            return None
        [reworked] = self._ticket_figures(
            scope, date_from, date_to, ["__count"], [*resolved, ("rework_count", ">", 0)]
        )
        return 100.0 * reworked / total

    def _compute_metric_followup_on_time(self, scope, date_from, date_to):
        """Follow-up visits due in the period done by the company's day of the next
        month (the 10th) / visits due (%), as the follow-up statistics count them."""
        return self._followup_rate(scope, date_from, date_to, "done_in_time_rate", ["user_id"])

    def _compute_metric_satisfied_share(self, scope, date_from, date_to):
        """Follow-up visits due in the period rated satisfied or very satisfied / visits
        rated (%), of the scope's requests (as the satisfaction metric: their
        technician or first receiver, their team, their estate)."""
        return self._followup_rate(
            scope,
            date_from,
            date_to,
            "satisfied_rate",
            ["ticket_id.user_id", "ticket_id.receiver_id"],
        )

    def _followup_rate(self, scope, date_from, date_to, rate, user_fields):
        """A rate of the follow-up statistics over the visits due in the period, of the
        scope: its team's or estate's, or the employee's by `user_fields`."""
        domain = [
            ("company_id", "=", scope.company_id.id),
            ("date_due", ">=", date_from),
            ("date_due", "<=", date_to),
        ]
        if scope._name == "property.team":
            domain.append(("ticket_id.team_id", "=", scope.id))
        elif scope._name == "property.estate":
            domain.append(("estate_id", "=", scope.id))
        else:
            users = self._scope_users(scope).ids
            domain = AND([domain, OR([[(field, "in", users)] for field in user_fields])])
        [(value,)] = (
            self.env["property.ticket.followup.report"]
            .sudo()
            ._read_group(domain, [], [f"{rate}:avg"])
        )
        return figure(value)

    def _compute_metric_inspection_done(self, scope, date_from, date_to):
        """Inspection rounds of the period done / rounds of the period (%)."""
        domain = [
            ("company_id", "=", scope.company_id.id),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if scope._name == "property.team":
            domain.append(("team_id", "=", scope.id))
        elif scope._name == "property.estate":
            domain.append(("estate_id", "=", scope.id))
        else:
            domain.append(("user_id", "in", self._scope_users(scope).ids))
        counts = dict(
            self.env["property.inspection.round"].sudo()._read_group(domain, ["state"], ["__count"])
        )
        total = sum(counts.values())
        return 100.0 * counts.get("done", 0) / total if total else None

    def _compute_metric_collection_rate(self, scope, date_from, date_to):
        """Collection rate (收缴率) of the scope's estates: collected / billed of the
        invoices billing the period, as property_billing's collection report; late
        fees count in only when the company's settings say so."""
        domain = [
            ("company_id", "=", scope.company_id.id),
            ("estate_id", "in", self._scope_estates(scope).ids),
            ("period_date", ">=", date_from),
            ("period_date", "<=", date_to),
        ]
        if not scope.company_id.kpi_collection_late_fees:
            domain.append(("fee_kind", "!=", "late_fee"))
        [(rate,)] = (
            self.env["property.collection.report"]
            .sudo()
            ._read_group(domain, [], ["collection_rate:avg"])
        )
        return figure(rate)
