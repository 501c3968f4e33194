from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from .kpi_common import KpiCommon, at

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))


@tagged("post_install", "-at_install")
class TestKpi(KpiCommon):
    def value(self, metric, scope, period=MARCH):
        return metric._compute_value(scope, *period)

    def assertFigures(self, scope, expected):
        for metric, figure in expected.items():
            with self.subTest(metric=metric.code):
                value = self.value(metric, scope)
                if figure is None:
                    self.assertIsNone(value)
                else:
                    self.assertAlmostEqual(value, figure)

    # ------------------------------------------------------------ metrics

    def test_metrics_of_an_employee(self):
        """李: the requests he handled (0-3; April's is another month)."""
        self.assertFigures(
            self.tech_employee,
            {
                self.sla_met: 75.0,
                self.response_time: (2 + 30 + 1 + 3) / 4,
                self.resolution_time: (5 + 40 + 3 + 8) / 4,
                self.satisfaction: (5 + 2 + 4) / 3,
                self.rework_rate: 25.0,
                self.followup_on_time: None,  # he made no visit
                self.inspection_done: 75.0,
                self.collection_rate: 60.0,
            },
        )
        self.assertIsNone(self.value(self.safety, self.tech_employee))
        # nothing in February
        self.assertIsNone(self.value(self.sla_met, self.tech_employee, FEBRUARY))
        self.assertIsNone(self.value(self.inspection_done, self.tech_employee, FEBRUARY))

    def test_metrics_of_the_desk(self):
        """陈 received requests 0-2 (首问负责) and made the visits of 0-3: two of four
        in time (12 April is after the 10th; one not done)."""
        self.assertFigures(
            self.desk_employee,
            {
                self.sla_met: 100 * 2 / 3,
                self.response_time: (2 + 30 + 1) / 3,
                self.followup_on_time: 50.0,
                self.inspection_done: None,
                self.collection_rate: None,  # no estate
            },
        )

    def test_metrics_of_department_team_estate(self):
        # the department: 周, 李 and 赵's requests (0-4), 赵's visit in time
        self.assertFigures(
            self.department,
            {
                self.sla_met: 80.0,
                self.response_time: (2 + 30 + 1 + 3 + 1) / 5,
                self.followup_on_time: 100.0,
                self.inspection_done: 75.0,
                self.collection_rate: 60.0,
                self.rework_rate: 20.0,
            },
        )
        for scope in (self.team, self.estate):
            self.assertFigures(
                scope,
                {
                    self.sla_met: 80.0,
                    self.resolution_time: (5 + 40 + 3 + 8 + 2) / 5,
                    self.satisfaction: (5 + 2 + 4 + 5) / 4,
                    self.followup_on_time: 60.0,
                    self.inspection_done: 75.0,
                    self.collection_rate: 60.0,
                },
            )

    def test_satisfied_share_of_the_visits(self):
        """Visits due in March of the scope's requests, rated 4 or 5 / rated: 李's and
        the desk's requests 0-2 (5, 2, 4); the team's and the estate's 0-4 (and 5)."""
        metric = self.env.ref("property_hr.kpi_metric_satisfied_share")
        for scope, share in [
            (self.tech_employee, 100 * 2 / 3),
            (self.desk_employee, 100 * 2 / 3),
            (self.department, 75.0),
            (self.team, 75.0),
            (self.estate, 75.0),
        ]:
            with self.subTest(scope=scope.display_name):
                self.assertAlmostEqual(self.value(metric, scope), share)
        self.assertIsNone(self.value(metric, self.tech_employee, FEBRUARY))

    def test_answered_on_time_share_of_the_requests(self):
        """Requests answered by their response deadline / those whose answer is known:
        answered, or found late by the escalation cron (a request still open whose
        deadline the cron has not yet passed is left out)."""
        metric = self.env.ref("property_hr.kpi_metric_answered_on_time")
        self.assertAlmostEqual(self.value(metric, self.tech_employee), 75.0)  # 1 late of 4
        self.assertAlmostEqual(self.value(metric, self.desk_employee), 100 * 2 / 3)
        self.assertAlmostEqual(self.value(metric, self.estate), 80.0)
        self.assertIsNone(self.value(metric, self.tech_employee, FEBRUARY))
        # two requests of 李 not taken over: the first past its 24 h when the cron runs
        with self.at("2026-03-09 01:00:00"):
            unanswered = self.ticket(user_id=self.technician.id)
        with self.at("2026-03-20 01:00:00"):
            self.ticket(user_id=self.technician.id)
        with self.at("2026-03-20 02:00:00"):
            self.env["property.ticket"]._cron_check_sla()
        self.assertTrue(unanswered.overdue)
        self.assertAlmostEqual(self.value(metric, self.tech_employee), 60.0)  # 2 late of 5

    def test_collection_rate_leaves_late_fees_out_unless_set(self):
        """An unpaid late fee of 100 billing March: fees only by default (60 %: 300 of
        500), late fees counted when the company's setting says so (300 of 600)."""
        late_fee = self.env.ref("property_billing.product_fee_late")
        self.invoice(self.unit_a2, self.owner_li, 100.0, MARCH, product=late_fee)
        self.assertAlmostEqual(self.value(self.collection_rate, self.estate), 60.0)
        admin = new_test_user(
            self.env,
            "pk_admin",
            groups="base.group_system,property_base.group_property_admin",
            name="管理员",
        )
        settings = Form(self.env["res.config.settings"].with_user(admin))
        self.assertFalse(settings.kpi_collection_late_fees)
        settings.kpi_collection_late_fees = True
        settings.save().execute()
        self.assertTrue(self.env.company.kpi_collection_late_fees)
        self.assertAlmostEqual(self.value(self.collection_rate, self.estate), 50.0)

    def test_metric_queries_do_not_grow_with_requests(self):
        self.value(self.sla_met, self.tech_employee)
        with self.assertQueryCount(4):  # the department's users, then one query
            self.value(self.sla_met, self.department)

    def test_computed_metric_needs_its_computation(self):
        with self.assertRaises(ValidationError):
            self.Metric.create({"name": "X", "code": "nothing", "source": "ticket"})

    # ------------------------------------------------------------ scoring

    def test_achievement(self):
        higher, lower = self.sla_met, self.response_time
        self.assertAlmostEqual(higher._achievement(75, 90, 120), 100 * 75 / 90)
        self.assertEqual(higher._achievement(150, 100, 120), 120)
        self.assertEqual(higher._achievement(0, 0, 120), 100)
        self.assertAlmostEqual(lower._achievement(9, 4, 120), 100 * 4 / 9)
        self.assertEqual(lower._achievement(1, 4, 120), 120)
        self.assertEqual(lower._achievement(0, 4, 120), 120)
        self.assertEqual(lower._achievement(0, 0, 120), 100)
        self.assertEqual(lower._achievement(3, 0, 120), 0)
        self.assertIsNone(lower._achievement(None, 4, 120))

    def test_weights_total_100(self):
        with self.assertRaises(ValidationError):
            self.env["property.kpi.letter"].create(
                {
                    "employee_id": self.tech2_employee.id,
                    "year": 2026,
                    "line_ids": [
                        Command.create({"metric_id": self.sla_met.id, "target": 90, "weight": 60}),
                        Command.create({"metric_id": self.safety.id, "target": 90, "weight": 30}),
                    ],
                }
            )
        # one letter in force per employee and period
        second = self.letter.copy({"period": "year"})
        second.with_user(self.hr_officer).action_sign()
        with self.assertRaises(UserError):
            second.with_user(self.hr_officer).action_activate()
        with self.assertRaises(UserError):
            second.with_user(self.technician).action_draft()

    def generate(self, month):
        assessments = (
            self.env["property.kpi.assessment"].with_user(self.hr_officer)._generate(month)
        )
        return assessments.filtered(lambda a: a.letter_id == self.letter).with_user(self.lead)

    def expected_march_score(self):
        achievements = [
            (100 * 75 / 90, 30),
            (100 * 4 / 9, 20),
            (100 * (11 / 3) / 4.5, 20),
            (100 * 5 / 25, 10),
            (75.0, 10),
            (90.0, 10),
        ]
        return sum(achievement * weight for achievement, weight in achievements) / 100

    def test_weighted_score_and_freeze(self):
        march = self.generate(date(2026, 3, 17))
        self.assertEqual(march.month, date(2026, 3, 1))
        self.assertEqual(march.line_ids.metric_id, self.letter.line_ids.metric_id)
        self.assertEqual((march.estate_id, march.team_id), (self.estate, self.team))
        # the generation is idempotent
        self.assertFalse(self.generate(date(2026, 3, 1)))
        manual = march.line_ids.filtered(lambda line: line.metric_id == self.safety)
        manual.manual_value = 90
        self.assertAlmostEqual(march.live_score, self.expected_march_score(), places=2)
        sla = march.line_ids.filtered(lambda line: line.metric_id == self.sla_met)
        self.assertAlmostEqual(sla.live_actual, 75.0)
        # the employee does not assess himself
        with self.assertRaises(UserError):
            march.with_user(self.technician).action_freeze()
        march.action_freeze()
        self.assertEqual(march.state, "frozen")
        self.assertAlmostEqual(march.total_score, self.expected_march_score(), places=2)
        self.assertAlmostEqual(sla.actual, 75.0)
        self.assertAlmostEqual(sla.achievement, 100 * 75 / 90)

        # later data: a late request of 李 in March; the frozen figures stay
        late = self.closed_ticket(self.technician, at("2026-03-20 01:00"), 50, 60, 0, self.env.user)
        self.set_sla(late, late=True)
        self.assertAlmostEqual(self.value(self.sla_met, self.tech_employee), 60.0)
        march.invalidate_recordset()
        march.line_ids.invalidate_recordset()
        self.assertAlmostEqual(sla.live_actual, 75.0)
        self.assertAlmostEqual(march.live_score, self.expected_march_score(), places=2)
        self.assertAlmostEqual(march.total_score, self.expected_march_score(), places=2)
        with self.assertRaises(UserError):
            manual.manual_value = 100
        # nor with the context key that once stored the figures
        with self.assertRaises(UserError):
            manual.with_context(property_kpi_figures=True).write({"manual_value": 100})

        # the manager comments; only the employee acknowledges
        march.manager_comment = "响应速度需提高"
        with self.assertRaises(UserError):
            march.action_acknowledge()
        march.with_user(self.technician).action_acknowledge()
        self.assertEqual(march.state, "acknowledged")
        march.action_done()
        self.assertEqual(march.state, "done")

    def test_month_without_activity(self):
        """February: no request nor round; only the manual line is measured and
        counts for the whole score."""
        february = self.generate(date(2026, 2, 1))
        february.line_ids.filtered(lambda line: line.metric_id == self.safety).manual_value = 80
        february.action_freeze()
        self.assertAlmostEqual(february.total_score, 80.0)
        self.assertEqual(february.line_ids.filtered("has_data").metric_id, self.safety)

    def test_half_year_review(self):
        assessments = self.generate(date(2026, 2, 1)) | self.generate(date(2026, 3, 1))
        for assessment, safety in zip(assessments, (80, 90), strict=True):
            assessment.line_ids.filtered(
                lambda line: line.metric_id == self.safety
            ).manual_value = safety
        assessments.action_freeze()
        self.env.flush_all()  # the reviews are an SQL view
        Review = self.env["property.kpi.review.report"].with_user(self.hr_officer)
        domain = [("employee_id", "=", self.tech_employee.id)]
        by_half = dict(Review._read_group(domain, ["half_year"], ["average_score:avg"]))
        self.assertAlmostEqual(by_half["2026 H1"], (80 + self.expected_march_score()) / 2, places=2)
        by_year = dict(Review._read_group(domain, ["year"], ["average_score:avg"]))
        self.assertAlmostEqual(by_year["2026"], by_half["2026 H1"])
        # per metric: the months it was measured
        by_metric = {
            metric: (actual, achievement)
            for metric, actual, achievement in Review._read_group(
                domain, ["metric_id"], ["actual:avg", "achievement:avg"]
            )
        }
        self.assertAlmostEqual(by_metric[self.sla_met][0], 75.0)
        self.assertAlmostEqual(by_metric[self.sla_met][1], 100 * 75 / 90)
        self.assertAlmostEqual(by_metric[self.safety][0], 85.0)
        # the dashboard of the lines: points per person and month add up to the score
        points = dict(
            self.env["property.kpi.assessment.line"]._read_group(
                [("employee_id", "=", self.tech_employee.id)], ["month:month"], ["score:sum"]
            )
        )
        self.assertAlmostEqual(points[date(2026, 3, 1)], self.expected_march_score(), places=2)

    # ------------------------------------------------------------ access

    def test_access(self):
        march = self.env["property.kpi.assessment"]._generate(date(2026, 3, 1))
        mine = march.filtered(lambda a: a.letter_id == self.letter)
        desk = march.filtered(lambda a: a.letter_id == self.desk_letter)
        # 李 reads his own, not his colleagues'
        mine.with_user(self.technician).check_access("read")
        mine.with_user(self.technician).read(["name", "live_score"])
        for user, assessment in [
            (self.technician_2, mine),
            (self.technician, desk),
            (self.desk, mine),
        ]:
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                assessment.with_user(user).read(["name"])
        Assessment = self.env["property.kpi.assessment"]
        self.assertEqual(
            Assessment.with_user(self.technician).search([("month", "=", date(2026, 3, 1))]),
            mine,
        )
        self.assertFalse(
            self.env["property.kpi.letter"].with_user(self.technician_2).search([])
            & (self.letter | self.desk_letter)
        )
        # he cannot write his assessment; his manager can; HR sees all
        with self.assertRaises(AccessError):
            mine.with_user(self.technician).write({"manager_comment": "很好"})
        mine.with_user(self.lead).write({"manager_comment": "继续努力"})
        self.assertEqual(Assessment.with_user(self.lead).search([("id", "in", march.ids)]), mine)
        self.assertEqual(
            Assessment.with_user(self.hr_officer).search([("id", "in", march.ids)]), march
        )
        # reviews follow the same rule
        mine.with_user(self.lead).action_freeze()
        self.env.flush_all()  # the reviews are an SQL view
        Review = self.env["property.kpi.review.report"]
        self.assertTrue(Review.with_user(self.technician).search([]))
        self.assertFalse(Review.with_user(self.technician_2).search([]))

    def test_managers_see_the_whole_hierarchy_below_them(self):
        """项目经理 吴 → 工程主管 周 → 李: 吴 reads and assesses 李's assessment, 吴's other
        report 钱 (a peer of 周) does not; so does the head of the department two levels
        above 工程部."""
        Employee = self.env["hr.employee"]
        director, peer, head = (
            new_test_user(self.env, login, groups="base.group_user", name=login)
            for login in ("pk_director", "pk_peer", "pk_head")
        )
        director_employee = Employee.create({"name": "项目经理 吴", "user_id": director.id})
        Employee.create(
            {"name": "秩序主管 钱", "user_id": peer.id, "parent_id": director_employee.id}
        )
        self.lead_employee.parent_id = director_employee
        company_department = self.env["hr.department"].create(
            {
                "name": "物业公司",
                "manager_id": Employee.create({"name": "总经理", "user_id": head.id}).id,
            }
        )
        self.department.parent_id = self.env["hr.department"].create(
            {"name": "工程中心", "parent_id": company_department.id}
        )
        march = self.env["property.kpi.assessment"]._generate(date(2026, 3, 1))
        mine = march.filtered(lambda a: a.letter_id == self.letter)
        Assessment = self.env["property.kpi.assessment"]
        for user in (director, head):
            with self.subTest(user=user.login):
                self.assertIn(mine, Assessment.with_user(user).search([("id", "in", march.ids)]))
                mine.with_user(user).read(["name"])
                mine.line_ids.with_user(user).read(["metric_id"])
                self.assertIn(
                    self.letter, self.env["property.kpi.letter"].with_user(user).search([])
                )
                mine.with_user(user).write({"manager_comment": "继续努力"})
        self.assertFalse(Assessment.with_user(peer).search([("id", "in", march.ids)]))
        with self.assertRaises(AccessError):
            mine.with_user(peer).read(["name"])
        mine.with_user(director).action_freeze()
        self.assertEqual(mine.state, "frozen")

    def test_generate_wizard(self):
        wizard = (
            self.env["property.kpi.assessment.generate"]
            .with_user(self.hr_officer)
            .create({"month": date(2026, 4, 12)})
        )
        action = wizard.action_generate()
        created = self.env["property.kpi.assessment"].search(action["domain"])
        # all the letters in force (the demo database has one more)
        in_force = self.env["property.kpi.letter"].search(
            [
                ("state", "=", "active"),
                ("date_from", "<=", "2026-04-01"),
                ("date_to", ">=", "2026-04-30"),
            ]
        )
        self.assertLessEqual(self.letter | self.desk_letter, in_force)
        self.assertEqual(created.letter_id, in_force)
        self.assertIn("help", wizard.action_generate())  # a second time: nothing new
        # outside the letters' half-year: nothing
        ours = self.letter | self.desk_letter
        self.assertFalse(self.env["property.kpi.assessment"]._generate(date(2026, 7, 1), ours))

    def test_generate_queries_do_not_grow_with_letters(self):
        """The monthly cron makes hundreds of assessments: their teams are looked up
        once, not letter by letter."""
        tech2_letter = self.make_letter(self.tech2_employee, [(self.safety, 100, 100)])
        Assessment = self.env["property.kpi.assessment"].with_user(self.hr_officer)

        def generate(month, letters):
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.env.cr.sql_log_count
            created = Assessment._generate(month, letters)
            self.env.flush_all()
            return created, self.env.cr.sql_log_count - queries

        generate(date(2026, 3, 1), self.letter)  # warm the caches
        one, one_count = generate(date(2026, 4, 1), self.letter)
        three, three_count = generate(
            date(2026, 5, 1), self.letter | self.desk_letter | tech2_letter
        )
        self.assertEqual(len(three), 3)
        self.assertEqual(three_count, one_count)
        # each the first team of its user: 李 and 赵 are members, the desk clerk none
        self.assertEqual(one.team_id, self.team)
        self.assertEqual(
            {a.letter_id: a.team_id for a in three},
            {self.letter: self.team, self.desk_letter: self.team[:0], tech2_letter: self.team},
        )
        self.assertEqual(three.mapped("estate_id"), self.estate)

    def test_department_assessment(self):
        """A department's letter: scored on the department's figures, submitted by HR
        (not by its own manager), acknowledged by the department manager."""
        letter = (
            self.env["property.kpi.letter"]
            .with_user(self.hr_officer)
            .create(
                {
                    "subject_type": "department",
                    "department_id": self.department.id,
                    "year": 2026,
                    "line_ids": [
                        Command.create({"metric_id": self.sla_met.id, "target": 100, "weight": 50}),
                        Command.create({"metric_id": self.safety.id, "target": 100, "weight": 50}),
                    ],
                }
            )
        )
        letter.action_sign()
        letter.action_activate()
        assessment = self.env["property.kpi.assessment"]._generate(date(2026, 3, 1), letter)
        self.assertFalse(assessment.team_id)
        assessment.line_ids.filtered(lambda line: line.metric_id == self.safety).manual_value = 100
        with self.assertRaises(UserError):
            assessment.with_user(self.lead).action_freeze()
        with self.assertRaises(AccessError):
            assessment.with_user(self.technician).read(["name"])
        assessment.with_user(self.hr_officer).action_freeze()
        self.assertAlmostEqual(assessment.total_score, (80 * 50 + 100 * 50) / 100)
        assessment.with_user(self.lead).action_acknowledge()
        self.assertEqual(assessment.state, "acknowledged")

    def test_plain_employee_opens_own_assessment(self):
        """Staff without property rights (cleaning, security…) read their assessment
        and acknowledge it."""
        cleaner = new_test_user(self.env, "pk_cleaner", groups="base.group_user", name="保洁 刘")
        employee = self.env["hr.employee"].create(
            {
                "name": "保洁 刘",
                "user_id": cleaner.id,
                "parent_id": self.lead_employee.id,
                "property_estate_ids": [Command.set(self.estate.ids)],
            }
        )
        letter = self.make_letter(employee, [(self.safety, 100, 100)])
        assessment = self.env["property.kpi.assessment"]._generate(date(2026, 3, 1), letter)
        assessment.line_ids.manual_value = 95
        assessment.with_user(self.lead).action_freeze()
        form = Form(assessment.with_user(cleaner))
        self.assertAlmostEqual(form.live_score, 95.0)
        assessment.with_user(cleaner).action_acknowledge()
        self.assertEqual(assessment.state, "acknowledged")
