from odoo import fields, models
from odoo.tools import SQL


class PropertyKpiReviewReport(models.Model):
    """Half-year and annual reviews (半年 / 年度考评): the submitted monthly assessments
    aggregated, one row per KPI line, grouped by half-year or year.

    - Average score: the average of the months' weighted scores = Σ line points /
      number of assessments in the group (computed in SQL by ``_read_group_select``,
      so pivot, graph and list groups show it right); grouped by metric, it is the
      metric's average contribution.
    - Per metric: average figure and average achievement of the months the metric
      was measured (months without a figure are left out, not counted as 0).
    Draft assessments are left out: their figures are not final.
    """

    _name = "property.kpi.review.report"
    _description = "Half-Year and Annual Review"
    _inherit = ["property.report.mixin"]
    _auto = False
    _rec_name = "assessment_id"
    _order = "month desc, assessment_id, id"

    assessment_id = fields.Many2one("property.kpi.assessment", readonly=True)
    letter_id = fields.Many2one("property.kpi.letter", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    team_id = fields.Many2one("property.team", readonly=True)
    metric_id = fields.Many2one("property.kpi.metric", readonly=True)
    state = fields.Selection(
        [("frozen", "Submitted"), ("acknowledged", "Acknowledged"), ("done", "Done")],
        readonly=True,
    )
    month = fields.Date(readonly=True)
    year = fields.Char(readonly=True)
    half_year = fields.Char(string="Half-Year", readonly=True)
    weight = fields.Float(string="Weight (%)", readonly=True, aggregator="avg")
    actual = fields.Float(string="Figure", readonly=True, aggregator="avg")
    achievement = fields.Float(string="Achievement (%)", readonly=True, aggregator="avg")
    score = fields.Float(string="Points", readonly=True, aggregator="sum")
    average_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="Average of the months' weighted scores.",
    )

    def _query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                line.assessment_id AS assessment_id,
                a.letter_id AS letter_id,
                a.company_id AS company_id,
                a.employee_id AS employee_id,
                a.department_id AS department_id,
                a.estate_id AS estate_id,
                a.team_id AS team_id,
                line.metric_id AS metric_id,
                a.state AS state,
                a.month AS month,
                to_char(a.month, 'YYYY') AS year,
                to_char(a.month, 'YYYY') || CASE WHEN EXTRACT(MONTH FROM a.month) <= 6
                    THEN ' H1' ELSE ' H2' END AS half_year,
                line.weight AS weight,
                CASE WHEN line.has_data THEN line.actual END AS actual,
                CASE WHEN line.has_data THEN line.achievement END AS achievement,
                line.score AS score,
                line.score AS average_score
            FROM property_kpi_assessment_line line
            JOIN property_kpi_assessment a ON a.id = line.assessment_id
            WHERE a.state != 'draft'
            """
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec in ("average_score:avg", "average_score:sum"):
            return SQL(
                "SUM(%s) / NULLIF(COUNT(DISTINCT %s), 0)",
                self._field_to_sql(self._table, "score", query),
                self._field_to_sql(self._table, "assessment_id", query),
            )
        return super()._read_group_select(aggregate_spec, query)
