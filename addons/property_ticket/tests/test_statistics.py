from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .common import TicketCommon


def at(text):
    """A UTC timestamp (Shanghai is UTC+8)."""
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestStatistics(TicketCommon):
    """The monthly service statistics on a known set of requests of March 2026 (and a
    few of February), with fixed timestamps: two estates, repairs, complaints and a
    cancelled inquiry; SLA met or missed; follow-up visits by phone, on site and by the
    manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_b = cls.env["property.estate"].create({"name": "翠湖花园", "code": "T-CH"})
        cls.Report = cls.env["property.ticket.report"]
        cls.FollowupReport = cls.env["property.ticket.followup.report"]
        cls.march = [
            # estate, type, category, hours to respond / to finish, rating, rework, comment
            (cls.estate, "repair", cls.category_doors, 2, 5, "5", 0, None),
            (cls.estate, "repair", cls.category_doors, 30, 40, "2", 1, "师傅迟到"),
            (cls.estate, "repair", cls.category_water, 0.5, 3, "4", 0, None),
            (cls.estate, "repair", cls.category_water, 2, 4, "3", 0, None),
            (cls.estate, "complaint", cls.category_doors, 1, 24, "5", 0, None),
            (cls.estate_b, "repair", cls.category_doors, 1, 2, "5", 0, None),
            (cls.estate_b, "complaint", cls.category_doors, 10, 60, "1", 2, "处理太慢"),
        ]
        cls.tickets = cls.env["property.ticket"]
        for index, (estate, kind, category, respond, finish, *_rest) in enumerate(cls.march):
            cls.tickets |= cls.closed_ticket(
                estate,
                kind,
                category,
                at("2026-03-10 01:00:00") + timedelta(days=index),
                respond,
                finish,
                rework=_rest[1],
            )
        # an inquiry written off: counted as a request, not for the SLA
        cls.cancelled = cls.make(
            cls.estate,
            "inquiry",
            False,
            at("2026-03-20 02:00:00"),
            state="cancelled",
            date_cancelled=at("2026-03-20 03:00:00"),
            cancel_reason="重复报修",
        )
        # received on 1 April in Shanghai (31 March in UTC): April's
        cls.april = cls.closed_ticket(
            cls.estate, "repair", cls.category_doors, at("2026-03-31 17:00:00"), 1, 2
        )
        # visits of March's requests; ticket 1 on site; 3 and 5 by the manager; the visit
        # of estate B's complaint on 1 April in Shanghai
        visitors = [cls.desk, cls.desk, cls.ticket_manager, cls.desk, cls.ticket_manager]
        visitors += [cls.desk, cls.desk]
        followups = []
        for index, (ticket, row, visitor) in enumerate(
            zip(cls.tickets, cls.march, visitors, strict=True)
        ):
            done = at("2026-03-25 02:00:00") + timedelta(hours=index)
            if index == 6:
                done = at("2026-03-31 17:30:00")
            followups.append(
                {
                    "ticket_id": ticket.id,
                    "date_due": date(2026, 3, 25),
                    "user_id": visitor.id,
                    "method": "on_site" if index == 0 else "phone",
                    "state": "done",
                    "date_done": done,
                    "satisfaction": row[5],
                    "comment": row[7],
                }
            )
        # February's requests and their visits: done by 10 March (by the manager), on
        # 12 March (late, on site), and not yet
        february = [
            cls.closed_ticket(
                cls.estate, "repair", cls.category_doors, at("2026-02-10 01:00:00"), 1, 2
            )
            for _index in range(3)
        ]
        followups += [
            {
                "ticket_id": february[0].id,
                "date_due": date(2026, 2, 12),
                "user_id": cls.ticket_manager.id,
                "method": "phone",
                "state": "done",
                "date_done": at("2026-03-10 15:00:00"),  # 23:00 on the 10th in Shanghai
                "satisfaction": "4",
            },
            {
                "ticket_id": february[1].id,
                "date_due": date(2026, 2, 27),
                "user_id": cls.desk.id,
                "method": "on_site",
                "state": "done",
                "date_done": at("2026-03-12 02:00:00"),
                "satisfaction": "5",
            },
            {"ticket_id": february[2].id, "date_due": date(2026, 2, 28), "method": "phone"},
        ]
        cls.env["property.ticket.followup"].create(followups)
        cls.env.flush_all()

    @classmethod
    def make(cls, estate, kind, category, received, **values):
        return cls.env["property.ticket"].create(
            {
                "subject": f"{kind} {received}",
                "ticket_type": kind,
                "complaint_tier": "minor" if kind == "complaint" else False,
                "estate_id": estate.id,
                "category_id": category and category.id,
                "team_id": cls.team.id,
                "user_id": cls.technician.id,
                "date_received": received,
                **values,
            }
        )

    @classmethod
    def closed_ticket(cls, estate, kind, category, received, respond, finish, rework=0):
        """Dispatched in 5 minutes, the requester told 5 minutes later, taken over and on
        site after `respond` hours, done after `finish` hours, accepted and closed."""
        done = received + timedelta(hours=finish)
        return cls.make(
            estate,
            kind,
            category,
            received,
            state="closed",
            date_dispatched=received + timedelta(minutes=5),
            date_replied=received + timedelta(minutes=10),
            date_first_response=received + timedelta(hours=respond),
            date_on_site=received + timedelta(hours=respond),
            date_done=done,
            date_accepted=done + timedelta(hours=1),
            date_closed=done + timedelta(hours=2),
            rework_count=rework,
        )

    def figures(self, domain, groupby, aggregates):
        """March's figures: {group: [values]} (the values alone without `groupby`)."""
        result = self.Report._read_group(
            [("date", ">=", date(2026, 3, 1)), ("date", "<", date(2026, 4, 1)), *domain],
            groupby,
            aggregates,
        )
        if not groupby:
            return list(result[0])
        return {group: values for group, *values in result}

    def test_counts_by_type_and_month(self):
        self.assertEqual(
            self.figures([], ["ticket_type"], ["ticket_count:sum"]),
            {"repair": [5], "complaint": [2], "inquiry": [1]},
        )
        by_month = dict(
            self.Report._read_group(
                [("estate_id", "=", self.estate.id)], ["date:month"], ["ticket_count:sum"]
            )
        )
        self.assertEqual(
            {month.strftime("%Y-%m"): count for month, count in by_month.items()},
            {"2026-02": 3, "2026-03": 6, "2026-04": 1},
        )

    def test_sla_met_rate_of_a_group_is_of_its_sums(self):
        # estate A: repairs 2 met of 4 (50 %), the complaint met (100 %), the cancelled
        # inquiry not counted: 3 of 5 = 60 %, not the mean of its types' rates (75 %)
        by_estate = self.figures(
            [], ["estate_id"], ["sla_count:sum", "sla_met_count:sum", "sla_met_rate:avg"]
        )
        self.assertEqual(by_estate[self.estate][:2], [5, 3])
        self.assertAlmostEqual(by_estate[self.estate][2], 60.0)
        self.assertAlmostEqual(by_estate[self.estate_b][2], 50.0)
        by_type = self.figures([], ["ticket_type"], ["sla_met_rate:avg"])
        # repairs: 2 of 4 in A, 1 of 1 in B: 60 %, not the mean of the estates' (75 %)
        self.assertAlmostEqual(by_type["repair"][0], 60.0)
        self.assertAlmostEqual(by_type["complaint"][0], 50.0)
        self.assertIs(by_type["inquiry"][0], False, "no request of the group counted")
        # the pivot's rows and columns (read_group, two levels) give the same
        rows = self.Report.read_group(
            [("date", ">=", "2026-03-01"), ("date", "<", "2026-04-01")],
            ["sla_met_rate:avg"],
            ["estate_id", "ticket_type"],
            lazy=False,
        )
        rates = {(row["estate_id"][0], row["ticket_type"]): row["sla_met_rate"] for row in rows}
        self.assertAlmostEqual(rates[self.estate.id, "repair"], 50.0)
        self.assertAlmostEqual(rates[self.estate_b.id, "complaint"], 0.0)

    def test_response_resolution_satisfaction_rework(self):
        aggregates = [
            "response_hours:avg",
            "resolution_hours:avg",
            "satisfaction:avg",
            "rework_count:sum",
            "dissatisfied_count:sum",
        ]
        repairs_a = self.figures(
            [("estate_id", "=", self.estate.id), ("ticket_type", "=", "repair")], [], aggregates
        )
        self.assertAlmostEqual(repairs_a[0], (2 + 30 + 0.5 + 2) / 4)
        self.assertAlmostEqual(repairs_a[1], (5 + 40 + 3 + 4) / 4)
        self.assertAlmostEqual(repairs_a[2], (5 + 2 + 4 + 3) / 4)
        self.assertEqual(repairs_a[3:], [1, 1])
        # the month: the cancelled inquiry has no times and no rating
        month = self.figures([], [], aggregates)
        self.assertAlmostEqual(month[0], (2 + 30 + 0.5 + 2 + 1 + 1 + 10) / 7)
        self.assertAlmostEqual(month[1], (5 + 40 + 3 + 4 + 24 + 2 + 60) / 7)
        self.assertAlmostEqual(month[2], (5 + 2 + 4 + 3 + 5 + 5 + 1) / 7)
        self.assertEqual(month[3:], [3, 2])
        # the main causes of dissatisfaction, by category
        self.assertEqual(
            self.figures([("dissatisfied_count", "=", 1)], ["category_id"], ["__count"]),
            {self.category_doors: [2]},
        )

    def test_followup_figures(self):
        visited = self.FollowupReport._read_group(
            [("date_visited", ">=", date(2026, 3, 1)), ("date_visited", "<", date(2026, 4, 1))],
            ["estate_id"],
            ["done_count:sum", "on_site_count:sum", "on_site_rate:avg", "spot_check_count:sum"],
        )
        visited = {estate: values for estate, *values in visited}
        # estate A: March's 5 visits and February's 2 made in March, 2 on site; three by
        # the manager
        self.assertEqual(visited[self.estate][:2], [7, 2])
        self.assertAlmostEqual(visited[self.estate][2], 100 * 2 / 7)
        self.assertEqual(visited[self.estate][3], 3)
        # estate B: its complaint was visited on 1 April in Shanghai
        self.assertEqual(visited[self.estate_b][:2], [1, 0])
        # February's visits done by 10 March (local day): 1 of 3
        [(due, in_time, rate)] = self.FollowupReport._read_group(
            [
                ("estate_id", "=", self.estate.id),
                ("date_due", ">=", date(2026, 2, 1)),
                ("date_due", "<", date(2026, 3, 1)),
            ],
            [],
            ["followup_count:sum", "done_in_time_count:sum", "done_in_time_rate:avg"],
        )
        self.assertEqual((due, in_time), (3, 1))
        self.assertAlmostEqual(rate, 100 / 3)

    def test_monthly_summary(self):
        wizard = self.env["property.ticket.statistics.wizard"].create(
            {"date_month": date(2026, 3, 17)}
        )
        self.assertEqual(wizard._estates(), self.estate | self.estate_b)
        summary = wizard._summary(self.estate)
        self.assertEqual(summary["total"]["count"], 6)
        self.assertAlmostEqual(summary["total"]["sla_rate"], 60.0)
        self.assertEqual(
            [(row["group"], row["count"]) for row in summary["by_type"]],
            [("repair", 4), ("complaint", 1), ("inquiry", 1)],
        )
        inquiry = summary["by_type"][2]
        self.assertEqual((inquiry["sla_rate"], inquiry["satisfaction"]), (None, None))
        self.assertEqual(summary["causes"], [{"label": "Doors & Windows", "count": 1}])
        followups = summary["followups"]
        self.assertEqual((followups["made"], followups["on_site"]), (7, 2))
        self.assertEqual((followups["due"], followups["in_time"]), (3, 1))
        self.assertEqual(followups["complete_by"], date(2026, 3, 10))
        self.assertEqual((followups["spot_checks"], followups["spot_check_target"]), (3, 3))

    def test_pdf(self):
        wizard = (
            self.env["property.ticket.statistics.wizard"]
            .with_user(self.lead)
            .create({"date_month": date(2026, 3, 1), "estate_ids": [(6, 0, self.estate.ids)]})
        )
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.lead)
            ._render_qweb_html("property_ticket.action_report_ticket_statistics", wizard.ids)
        )
        html = html.decode()
        self.assertIn("Customer Service Statistics", html)
        self.assertIn(self.estate.name, html)
        self.assertNotIn(self.estate_b.name, html)
        for figure in ("60.0", "50.0", "100.0", "3.80", "8.6", "13.0", "师傅迟到", "28.6", "33.3"):
            self.assertIn(figure, html)
        # an empty month prints a page that says so
        empty = self.env["property.ticket.statistics.wizard"].create(
            {"date_month": date(2025, 1, 1)}
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "property_ticket.action_report_ticket_statistics", empty.ids
        )
        self.assertIn("No request this month.", html.decode())

    def test_access(self):
        """Team leads and managers read the statistics; the desk does not."""
        self.assertTrue(self.Report.with_user(self.lead).search_count([]))
        self.assertFalse(self.Report.with_user(self.desk).has_access("read"))
