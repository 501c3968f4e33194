from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from odoo.addons.property_community.tests.survey_common import SurveyCommon

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@tagged("post_install", "-at_install")
class TestKpiSurvey(SurveyCommon):
    """March 2026 in the estate: 张伟 rates 5 and 4, 李娜 3 and 2 (2 of 4 ratings
    satisfied: 50 %); 王芳's 5 is completed in April. The other estate 翠湖苑 has one
    rating of 1 in March."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.metric = cls.env.ref("property_community_hr.kpi_metric_survey_satisfaction")
        cls.other_estate = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        other_survey = cls.survey.copy({"property_estate_id": cls.other_estate.id})
        Employee = cls.env["hr.employee"]
        cls.department = cls.env["hr.department"].create({"name": "客服中心"})
        cls.butler = Employee.create(
            {
                "name": "管家 林",
                "department_id": cls.department.id,
                "property_estate_ids": [Command.set(cls.estate.ids)],
            }
        )
        cls.butler_both = Employee.create(
            {
                "name": "管家 高",
                "property_estate_ids": [Command.set((cls.estate | cls.other_estate).ids)],
            }
        )
        cls.nobody = Employee.create({"name": "出纳 钱"})
        cls.team = cls.env["property.team"].create(
            {"name": "客服部", "estate_ids": [Command.set(cls.estate.ids)]}
        )
        with freeze_time("2026-03-10 04:00:00"):
            cls.answer(cls.survey, cls.owner_zhang, {cls.q_overall: 5, cls.q_repair: 4})
            cls.answer(other_survey, cls.owner_zhang, {other_survey.question_ids[0]: 1})
        with freeze_time("2026-03-20 04:00:00"):
            cls.answer(cls.survey, cls.owner_li, {cls.q_overall: 3, cls.q_repair: 2})
        with freeze_time("2026-04-02 04:00:00"):
            cls.answer(cls.survey, cls.tenant_wang, {cls.q_overall: 5})

    def value(self, scope, period=MARCH):
        return self.metric._compute_value(scope, *period)

    def test_metric_of_the_catalogue(self):
        self.assertEqual(self.metric.source, "survey")
        self.assertTrue(self.metric.is_computed)
        # a survey metric needs its computation
        metric_form = Form(self.env["property.kpi.metric"])
        metric_form.name = "满意度"
        metric_form.code = "survey_satisfaction_copy"
        metric_form.source = "survey"
        with self.assertRaises(ValidationError):
            metric_form.save()

    def test_figure_of_each_scope(self):
        for scope in (self.estate, self.butler, self.department, self.team):
            with self.subTest(scope=scope.display_name):
                self.assertAlmostEqual(self.value(scope), 50.0)
        # both estates: 2 of 5 ratings
        self.assertAlmostEqual(self.value(self.butler_both), 40.0)
        self.assertAlmostEqual(self.value(self.other_estate), 0.0)
        # no estate, or no survey completed in the period: no figure
        self.assertIsNone(self.value(self.nobody))
        self.assertIsNone(self.value(self.estate, (date(2026, 2, 1), date(2026, 2, 28))))
        # April: 王芳's 5
        self.assertAlmostEqual(
            self.value(self.estate, (date(2026, 4, 1), date(2026, 4, 30))), 100.0
        )
        # the quarter: 3 of 5
        self.assertAlmostEqual(self.value(self.estate, (date(2026, 1, 1), date(2026, 6, 30))), 60.0)
