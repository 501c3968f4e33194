from odoo import fields, models
from odoo.tools import SQL

from ..models.property_ticket_category import FOLLOWUP_KINDS
from ..models.property_ticket_followup import SATISFIED
from ..models.property_ticket_sla import TICKET_TYPES

RATES = {
    "on_site_rate": ("on_site_count", "done_count"),
    "done_in_time_rate": ("done_in_time_count", "followup_count"),
    "satisfied_rate": ("satisfied_count", "rated_count"),
}


class PropertyTicketFollowupReport(models.Model):
    """Follow-up figures (DOMAIN §4): one row per follow-up visit not cancelled.

    - On site: the share of the visits made that were made on site (target ≥ 5 % a
      month) — group by the day visited.
    - Done in time: the share of a month's visits (by due date) made by the company's
      day of the next month (the 10th: "last month's visits done by the 10th") — group
      by the day due.
    - Spot-checks: visits made by a manager of requests (target ≥ 3 a month).
    - Satisfied: the share of the rated visits rated satisfied or very satisfied.
    Rates are the group's ratios of sums (``_read_group_select``). Days are the
    company's local days.
    """

    _name = "property.ticket.followup.report"
    _description = "Follow-up Statistics"
    _inherit = ["property.report.mixin"]
    _auto = False
    _rates = RATES
    _rec_name = "followup_id"
    _order = "date_due desc, followup_id desc"

    followup_id = fields.Many2one("property.ticket.followup", string="Follow-up", readonly=True)
    ticket_id = fields.Many2one("property.ticket", string="Service Request", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    ticket_type = fields.Selection(TICKET_TYPES, string="Type", readonly=True)
    category_id = fields.Many2one("property.ticket.category", readonly=True)
    kind = fields.Selection(FOLLOWUP_KINDS, readonly=True)
    user_id = fields.Many2one("res.users", string="Visited By", readonly=True)
    method = fields.Selection([("phone", "By Phone"), ("on_site", "On Site")], readonly=True)
    state = fields.Selection([("todo", "To Do"), ("done", "Done")], readonly=True)
    date_due = fields.Date(string="Due", readonly=True)
    date_visited = fields.Date(string="Visited", readonly=True)
    date_complete_by = fields.Date(
        string="To Be Done By",
        readonly=True,
        help="The company's day of the month after the one the visit is due in.",
    )
    followup_count = fields.Integer(string="Follow-ups", readonly=True, aggregator="sum")
    done_count = fields.Integer(string="Visits Made", readonly=True, aggregator="sum")
    on_site_count = fields.Integer(string="On Site", readonly=True, aggregator="sum")
    on_site_rate = fields.Float(
        string="On Site (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Visits made on site / visits made; for a group, of the group's totals.",
    )
    done_in_time_count = fields.Integer(string="Done in Time", readonly=True, aggregator="sum")
    done_in_time_rate = fields.Float(
        string="Done in Time (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Visits made by the company's day of the next month / visits due; for a "
        "group, of the group's totals.",
    )
    spot_check_count = fields.Integer(
        string="Manager Spot-checks",
        readonly=True,
        aggregator="sum",
        help="Visits made by a manager of service requests.",
    )
    satisfaction = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    dissatisfied_count = fields.Integer(string="Dissatisfied", readonly=True, aggregator="sum")
    rated_count = fields.Integer(string="Rated", readonly=True, aggregator="sum")
    satisfied_count = fields.Integer(string="Satisfied", readonly=True, aggregator="sum")
    satisfied_rate = fields.Float(
        string="Satisfied (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Visits rated satisfied or very satisfied / visits rated; for a group, of the "
        "group's totals.",
    )

    def _query(self):
        return SQL(
            """
            SELECT
                f.id AS id,
                f.id AS followup_id,
                f.ticket_id AS ticket_id,
                f.company_id AS company_id,
                f.estate_id AS estate_id,
                f.ticket_type AS ticket_type,
                f.category_id AS category_id,
                f.kind AS kind,
                f.user_id AS user_id,
                f.method AS method,
                f.state AS state,
                f.date_due AS date_due,
                local.visited AS date_visited,
                local.complete_by AS date_complete_by,
                1 AS followup_count,
                (f.state = 'done')::int AS done_count,
                (f.state = 'done' AND f.method = 'on_site')::int AS on_site_count,
                CASE WHEN f.state = 'done'
                    THEN 100.0 * (f.method = 'on_site')::int
                END AS on_site_rate,
                COALESCE(local.visited <= local.complete_by, FALSE)::int AS done_in_time_count,
                100.0 * COALESCE(local.visited <= local.complete_by, FALSE)::int
                    AS done_in_time_rate,
                (f.state = 'done' AND EXISTS (
                    SELECT 1
                      FROM res_groups_users_rel rel
                      JOIN ir_model_data imd
                        ON imd.res_id = rel.gid
                       AND imd.model = 'res.groups'
                       AND imd.module = 'property_ticket'
                       AND imd.name = 'group_ticket_manager'
                     WHERE rel.uid = f.user_id
                ))::int AS spot_check_count,
                f.satisfaction::int AS satisfaction,
                COALESCE(
                    f.state = 'done'
                    AND f.satisfaction::int <= company.ticket_dissatisfied_rating,
                    FALSE
                )::int AS dissatisfied_count,
                rating.rated::int AS rated_count,
                (rating.rated AND f.satisfaction::int >= %(satisfied)s)::int AS satisfied_count,
                CASE WHEN rating.rated
                    THEN 100.0 * (f.satisfaction::int >= %(satisfied)s)::int
                END AS satisfied_rate
            FROM property_ticket_followup f
            JOIN res_company company ON company.id = f.company_id
            LEFT JOIN resource_calendar cal ON cal.id = company.resource_calendar_id
            CROSS JOIN LATERAL (
                SELECT
                    (f.date_done AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(cal.tz, 'UTC'))::date
                        AS visited,
                    (date_trunc('month', f.date_due) + INTERVAL '1 month'
                        + (GREATEST(COALESCE(company.ticket_followup_complete_day, 10), 1) - 1)
                          * INTERVAL '1 day')::date AS complete_by
            ) local
            CROSS JOIN LATERAL (
                SELECT f.state = 'done' AND f.satisfaction IS NOT NULL AS rated
            ) rating
            WHERE f.state != 'cancelled'
            """,
            satisfied=SATISFIED,
        )
