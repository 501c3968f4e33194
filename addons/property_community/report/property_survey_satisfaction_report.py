from odoo import fields, models
from odoo.tools import SQL


class PropertySurveySatisfactionReport(models.Model):
    """Owner satisfaction (业主满意度) from the satisfaction surveys.

    One row per rating: an answer to a scale question of a completed answer of a survey
    whose purpose is *Satisfaction* and that has an estate. The row's date is the day
    the owner completed the survey, in the time zone of the company's address (SQL cannot
    follow ``res.company._property_tz`` further).

    - satisfied: the rating is in the top quarter of the question's scale, i.e. at least
      scale minimum + ¾ × (maximum − minimum): 4 or 5 on a scale of 1 to 5;
    - satisfaction (%) of a group: satisfied ratings / ratings;
    - mean score (%) of a group: Σ (rating − minimum) / Σ (maximum − minimum), 100 when
      every rating is the maximum.

    Both rates are ratios of the group's sums (``property.report.mixin``)."""

    _name = "property.survey.satisfaction.report"
    _description = "Owner Satisfaction Report"
    _inherit = ["property.report.mixin"]
    _auto = False
    _rates = {
        "satisfaction_rate": ("satisfied_count", "rating_count"),
        "score_rate": ("score_points", "score_range"),
    }
    _depends = {
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "answer_type",
            "value_scale",
            "skipped",
        ],
        "survey.user_input": ["survey_id", "partner_id", "state", "test_entry", "end_datetime"],
        "survey.survey": ["property_estate_id", "property_purpose"],
        "survey.question": ["question_type", "scale_min", "scale_max"],
        "property.estate": ["company_id"],
    }
    _rec_name = "survey_id"
    _order = "date desc, id desc"

    date = fields.Date(string="Completed On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Answer", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Owner", readonly=True)
    rating = fields.Integer(readonly=True, aggregator="avg")
    rating_count = fields.Integer(string="Ratings", readonly=True, aggregator="sum")
    satisfied_count = fields.Integer(string="Satisfied", readonly=True, aggregator="sum")
    score_points = fields.Integer(readonly=True, aggregator="sum")
    score_range = fields.Integer(readonly=True, aggregator="sum")
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Ratings in the top quarter of the scale (4 or 5 of 5) / ratings; for a "
        "group, of the group's totals.",
    )
    score_rate = fields.Float(
        string="Mean Score (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="(rating − scale minimum) / (scale maximum − scale minimum); for a group, "
        "of the group's totals.",
    )

    def _query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                (answer.end_datetime AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(company_partner.tz, 'UTC'))::date AS date,
                estate.company_id AS company_id,
                survey.property_estate_id AS estate_id,
                survey.id AS survey_id,
                answer.id AS user_input_id,
                question.id AS question_id,
                answer.partner_id AS partner_id,
                line.value_scale AS rating,
                1 AS rating_count,
                (4 * (line.value_scale - question.scale_min)
                    >= 3 * (question.scale_max - question.scale_min))::int AS satisfied_count,
                line.value_scale - question.scale_min AS score_points,
                question.scale_max - question.scale_min AS score_range,
                100.0 * (4 * (line.value_scale - question.scale_min)
                    >= 3 * (question.scale_max - question.scale_min))::int AS satisfaction_rate,
                100.0 * (line.value_scale - question.scale_min)
                    / NULLIF(question.scale_max - question.scale_min, 0) AS score_rate
            FROM survey_user_input_line line
            JOIN survey_user_input answer ON answer.id = line.user_input_id
            JOIN survey_survey survey ON survey.id = answer.survey_id
            JOIN survey_question question ON question.id = line.question_id
            JOIN property_estate estate ON estate.id = survey.property_estate_id
            JOIN res_company company ON company.id = estate.company_id
            JOIN res_partner company_partner ON company_partner.id = company.partner_id
            WHERE survey.property_purpose = 'satisfaction'
              AND answer.state = 'done'
              AND NOT answer.test_entry
              AND question.question_type = 'scale'
              AND line.answer_type = 'scale'
              AND NOT line.skipped
              AND line.value_scale IS NOT NULL
            """
        )
