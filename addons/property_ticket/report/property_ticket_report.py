from odoo import fields, models
from odoo.tools import SQL

from ..models.property_ticket import CHANNELS, OPEN_STATES, TICKET_STATES
from ..models.property_ticket_sla import COMPLAINT_TIERS, PRIORITIES, TICKET_TYPES

# the ratios of the report: (field, numerator, denominator), in %
RATES = {
    "sla_met_rate": ("sla_met_count", "sla_count"),
    "answered_in_time_rate": ("answered_in_time_count", "answer_count"),
    "dissatisfied_rate": ("dissatisfied_count", "rated_count"),
}


class PropertyTicketReport(models.Model):
    """Service statistics (客户服务信息统计分析汇总表, DOMAIN §4): one row per request, to
    group by month received, estate, type, category, team...

    - SLA met: among the requests whose outcome is known (finished, or already late),
      those with no step late. The rate of a group is the group's met / counted,
      computed in SQL by ``_read_group_select`` (never an average of the rows' rates),
      so every pivot, graph and list group shows the right figure.
    - Answered on time: among the requests with a response deadline whose answer is
      known (taken over, finished, or found late by the escalation cron), those taken
      over by the deadline.
    - Response time: received → taken over (接单); resolution time: received → work
      done; in hours. Averages of a group are SQL averages of its rows (requests
      without the step are left out).
    - Satisfaction: the last follow-up visit's rating (1-5); dissatisfied: at or below
      the company's setting (Dissatisfied At or Below, 2 by default).
    - ``date``: the day received, in the company's time zone (months end at local
      midnight).
    """

    _name = "property.ticket.report"
    _description = "Service Statistics"
    _inherit = ["property.report.mixin"]
    _auto = False
    _rates = RATES
    _rec_name = "ticket_id"
    _order = "date desc, ticket_id desc"

    ticket_id = fields.Many2one("property.ticket", string="Service Request", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    unit_id = fields.Many2one("property.unit", readonly=True)
    ticket_type = fields.Selection(TICKET_TYPES, string="Type", readonly=True)
    category_id = fields.Many2one("property.ticket.category", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    complaint_tier = fields.Selection(COMPLAINT_TIERS, readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    team_id = fields.Many2one("property.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    state = fields.Selection(TICKET_STATES, readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    date = fields.Date(string="Received", readonly=True)
    ticket_count = fields.Integer(string="Requests", readonly=True, aggregator="sum")
    resolved_count = fields.Integer(
        string="Resolved",
        readonly=True,
        aggregator="sum",
        help="Accepted by the customer (followed up and closed included).",
    )
    cancelled_count = fields.Integer(string="Cancelled", readonly=True, aggregator="sum")
    sla_count = fields.Integer(
        string="SLA Counted",
        readonly=True,
        aggregator="sum",
        help="Requests with service levels whose outcome is known: finished, or late.",
    )
    sla_met_count = fields.Integer(string="SLA Met", readonly=True, aggregator="sum")
    sla_met_rate = fields.Float(
        string="SLA Met (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="SLA met / SLA counted; for a group, of the group's totals.",
    )
    answer_count = fields.Integer(
        string="Answers Counted",
        readonly=True,
        aggregator="sum",
        help="Requests with a response deadline whose answer is known: taken over, "
        "finished, or found late.",
    )
    answered_in_time_count = fields.Integer(
        string="Answered on Time", readonly=True, aggregator="sum"
    )
    answered_in_time_rate = fields.Float(
        string="Answered on Time (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Answered on time / answers counted; for a group, of the group's totals.",
    )
    response_hours = fields.Float(
        string="Response Time (h)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="From receipt to the technician's take-over.",
    )
    resolution_hours = fields.Float(
        string="Resolution Time (h)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="From receipt to the work done.",
    )
    satisfaction = fields.Float(
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="The customer's rating at the follow-up visit (1-5), averaged.",
    )
    rated_count = fields.Integer(string="Rated", readonly=True, aggregator="sum")
    dissatisfied_count = fields.Integer(string="Dissatisfied", readonly=True, aggregator="sum")
    dissatisfied_rate = fields.Float(
        string="Dissatisfied (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Dissatisfied / rated; for a group, of the group's totals.",
    )
    rework_count = fields.Integer(string="Rework", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT
                t.id AS id,
                t.id AS ticket_id,
                t.company_id AS company_id,
                t.estate_id AS estate_id,
                t.building_id AS building_id,
                t.unit_id AS unit_id,
                t.ticket_type AS ticket_type,
                t.category_id AS category_id,
                t.priority AS priority,
                t.complaint_tier AS complaint_tier,
                t.channel AS channel,
                t.team_id AS team_id,
                t.user_id AS user_id,
                t.state AS state,
                t.date_received AS date_received,
                (t.date_received AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(cal.tz, 'UTC'))::date
                    AS date,
                1 AS ticket_count,
                (t.state IN ('accepted', 'followed_up', 'closed'))::int AS resolved_count,
                (t.state = 'cancelled')::int AS cancelled_count,
                sla.counted::int AS sla_count,
                (sla.counted AND NOT COALESCE(t.sla_failed, FALSE))::int AS sla_met_count,
                CASE WHEN sla.counted
                    THEN 100.0 * (NOT COALESCE(t.sla_failed, FALSE))::int
                END AS sla_met_rate,
                answer.counted::int AS answer_count,
                (answer.counted AND answer.in_time)::int AS answered_in_time_count,
                CASE WHEN answer.counted
                    THEN 100.0 * answer.in_time::int
                END AS answered_in_time_rate,
                EXTRACT(EPOCH FROM t.date_first_response - t.date_received) / 3600.0
                    AS response_hours,
                EXTRACT(EPOCH FROM t.date_done - t.date_received) / 3600.0 AS resolution_hours,
                t.satisfaction::int AS satisfaction,
                (t.satisfaction IS NOT NULL)::int AS rated_count,
                COALESCE(t.satisfaction::int <= company.ticket_dissatisfied_rating, FALSE)::int
                    AS dissatisfied_count,
                CASE WHEN t.satisfaction IS NOT NULL
                    THEN 100.0 * (t.satisfaction::int <= company.ticket_dissatisfied_rating)::int
                END AS dissatisfied_rate,
                COALESCE(t.rework_count, 0) AS rework_count
            FROM property_ticket t
            JOIN res_company company ON company.id = t.company_id
            LEFT JOIN resource_calendar cal ON cal.id = company.resource_calendar_id
            CROSS JOIN LATERAL (
                SELECT (
                    COALESCE(t.deadline_reply, t.deadline_response, t.deadline_onsite,
                             t.deadline_resolve) IS NOT NULL
                    AND t.state != 'cancelled'
                    AND (COALESCE(t.sla_failed, FALSE) OR t.state NOT IN %(open)s)
                ) AS counted
            ) sla
            CROSS JOIN LATERAL (
                SELECT (
                    t.deadline_response IS NOT NULL
                    AND t.state != 'cancelled'
                    AND (t.date_first_response IS NOT NULL
                         OR t.state NOT IN %(open)s
                         OR t.deadline_response <= t.sla_checked_on)
                ) AS counted,
                COALESCE(t.date_first_response <= t.deadline_response, FALSE) AS in_time
            ) answer
            """,
            open=OPEN_STATES,
        )
