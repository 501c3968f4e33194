from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# the figures of a row of the summary: (aggregate, key)
AGGREGATES = [
    ("ticket_count:sum", "count"),
    ("resolved_count:sum", "resolved"),
    ("sla_count:sum", "sla_count"),
    ("sla_met_rate:avg", "sla_rate"),
    ("response_hours:avg", "response_hours"),
    ("resolution_hours:avg", "resolution_hours"),
    ("satisfaction:avg", "satisfaction"),
    ("dissatisfied_count:sum", "dissatisfied"),
    ("rework_count:sum", "rework"),
]


class PropertyTicketStatisticsWizard(models.TransientModel):
    """Prints the monthly service statistics (客户服务信息统计分析汇总表) of a month for
    chosen estates: requests by type and category, SLA met, response and resolution
    times, satisfaction and the main causes of dissatisfaction, follow-up figures."""

    _name = "property.ticket.statistics.wizard"
    _description = "Monthly Service Statistics"

    date_month = fields.Date(
        string="Month",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=1, months=-1),
        help="Any day of the month to summarise.",
    )
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", help="Leave empty for every estate."
    )

    def _period(self):
        """First and last day of the month."""
        self.ensure_one()
        start = self.date_month + relativedelta(day=1)
        return start, start + relativedelta(months=1, days=-1)

    def _estates(self):
        self.ensure_one()
        if self.estate_ids:
            return self.estate_ids
        start, end = self._period()
        groups = self.env["property.ticket.report"]._read_group(
            [("date", ">=", start), ("date", "<=", end)], ["estate_id"], order="estate_id"
        )
        return self.env["property.estate"].browse([estate.id for (estate,) in groups])

    @api.model
    def _values(self, values):
        """The figures by key; an average of no value (False) is None, 0 stays 0."""
        return {
            key: None if value is False else value
            for (_spec, key), value in zip(AGGREGATES, values, strict=True)
        }

    @api.model
    def _rows(self, domain, groupby):
        """The figures of `domain` grouped by `groupby` (one dict per group), and the total."""
        Report = self.env["property.ticket.report"]
        aggregates = [spec for spec, _key in AGGREGATES]
        rows = []
        for group, *values in Report._read_group(domain, [groupby], aggregates):
            row = self._values(values)
            row["group"] = group
            rows.append(row)
        rows.sort(key=lambda row: -row["count"])
        total = self._values(Report._read_group(domain, [], aggregates)[0])
        return rows, total

    def _summary(self, estate):
        """Every figure of the month's summary of `estate`."""
        self.ensure_one()
        start, end = self._period()
        domain = [("estate_id", "=", estate.id), ("date", ">=", start), ("date", "<=", end)]
        by_type, total = self._rows(domain, "ticket_type")
        by_category, _total = self._rows(domain, "category_id")
        type_labels = dict(
            self.env["property.ticket.report"]
            ._fields["ticket_type"]
            ._description_selection(self.env)
        )
        for row in by_type:
            row["label"] = type_labels.get(row["group"], "")
        for row in by_category:
            row["label"] = row["group"].display_name or self.env._("No category")
        # the main causes of dissatisfaction: the visits of the month that found it
        Followup = self.env["property.ticket.followup.report"]
        visited = [
            ("estate_id", "=", estate.id),
            ("date_visited", ">=", start),
            ("date_visited", "<=", end),
        ]
        causes = [
            {"label": category.display_name or self.env._("No category"), "count": count}
            for category, count in Followup._read_group(
                [*visited, ("dissatisfied_count", "=", 1)],
                ["category_id"],
                ["__count"],
                order="__count desc",
            )
        ]
        comments = self.env["property.ticket.followup"].search(
            [
                ("estate_id", "=", estate.id),
                ("state", "=", "done"),
                (
                    "satisfaction",
                    "in",
                    [
                        str(score)
                        for score in range(1, estate.company_id.ticket_dissatisfied_rating + 1)
                    ],
                ),
                ("id", "in", Followup._search(visited)),
            ],
            order="date_done, id",
        )
        # follow-up visits: those made this month, and last month's done in time
        [(made, on_site, on_site_rate, spot_checks)] = Followup._read_group(
            visited,
            [],
            ["done_count:sum", "on_site_count:sum", "on_site_rate:avg", "spot_check_count:sum"],
        )
        last_start = start + relativedelta(months=-1)
        [(due, in_time, in_time_rate)] = Followup._read_group(
            [
                ("estate_id", "=", estate.id),
                ("date_due", ">=", last_start),
                ("date_due", "<", start),
            ],
            [],
            ["followup_count:sum", "done_in_time_count:sum", "done_in_time_rate:avg"],
        )
        company = estate.company_id
        complete_by = start + relativedelta(days=max(company.ticket_followup_complete_day, 1) - 1)
        return {
            "estate": estate,
            "date_start": start,
            "date_end": end,
            "by_type": by_type,
            "by_category": by_category,
            "total": total,
            "causes": causes,
            "comments": comments,
            "followups": {
                "made": made,
                "on_site": on_site,
                "on_site_rate": None if on_site_rate is False else on_site_rate,
                "on_site_target": company.ticket_followup_onsite_target,
                "last_month": last_start,
                "due": due,
                "in_time": in_time,
                "in_time_rate": None if in_time_rate is False else in_time_rate,
                "complete_by": complete_by,
                "spot_checks": spot_checks,
                "spot_check_target": company.ticket_spot_check_target,
            },
        }

    def action_print(self):
        return self.env.ref("property_ticket.action_report_ticket_statistics").report_action(self)
