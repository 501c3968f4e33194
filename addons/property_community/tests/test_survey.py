from datetime import date

from freezegun import freeze_time
from lxml import html

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .survey_common import SurveyCommon


@tagged("post_install", "-at_install")
class TestSurvey(SurveyCommon):
    def send(self, survey, user):
        """Press Send to Owners as `user` and send survey's invite wizard."""
        action = survey.with_user(user).action_property_send_to_owners()
        self.assertEqual(action["res_model"], "survey.invite")
        wizard_form = Form(
            self.env["survey.invite"].with_user(user).with_context(**action["context"])
        )
        wizard = wizard_form.save()
        wizard.action_invite()
        return wizard

    def test_clerk_sets_up_an_estate_survey(self):
        with Form(self.env["survey.survey"].with_user(self.community_clerk)) as survey_form:
            survey_form.title = "2026年度业主意见征询表"
            survey_form.property_estate_id = self.estate
            survey_form.property_purpose = "opinion"
        survey = survey_form.record
        self.assertEqual(survey.property_estate_id, self.estate)
        self.assertEqual(survey.property_owner_count, 0)
        survey_form = Form(survey.with_user(self.community_clerk))
        survey_form.property_date_from = date(2026, 12, 31)
        survey_form.property_date_to = date(2026, 1, 1)
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            survey_form.save()
        # an office clerk without Community Affairs runs no survey
        with self.assertRaises(AccessError):
            self.env["survey.survey"].with_user(self.office_user).create({"title": "x"})

    def test_sent_to_current_owners_once(self):
        wizard = self.send(self.survey, self.community_clerk)
        # the current owners with a portal account: not the tenant, not the former owner,
        # not 王芳 (no account: the survey requires to log in)
        self.assertEqual(wizard.partner_ids, self.owner_zhang | self.owner_li)
        answers = self.survey.user_input_ids
        self.assertEqual(answers.partner_id, self.owner_zhang | self.owner_li)
        self.assertEqual(len(answers), 2)
        self.assertEqual(self.survey.property_owner_count, 2)
        # sent again: each owner keeps the one answer
        self.send(self.survey, self.community_clerk)
        self.assertEqual(self.survey.user_input_ids, answers)
        # without login required, 王芳 is invited too (by the e-mail link)
        self.survey.users_login_required = False
        self.send(self.survey, self.community_clerk)
        self.assertEqual(
            self.survey.user_input_ids.partner_id,
            self.owner_zhang | self.owner_li | self.tenant_wang,
        )
        self.assertEqual(len(self.survey.user_input_ids), 3)

    def test_send_needs_an_estate_with_owners(self):
        self.survey.property_estate_id = False
        with self.assertRaisesRegex(UserError, "set the estate"):
            self.survey.with_user(self.community_clerk).action_property_send_to_owners()
        empty_estate = self.env["property.estate"].create({"name": "空置苑", "code": "T-KZ"})
        self.survey.property_estate_id = empty_estate
        with self.assertRaisesRegex(UserError, "no current owner"):
            self.survey.with_user(self.community_clerk).action_property_send_to_owners()

    def test_satisfaction_figure(self):
        """张伟 rates 5 and 4 (both satisfied), 李娜 3 and 2 (neither); 王芳's answer of 5
        is not completed: 2 of 4 ratings satisfied (50 %), mean score (4 + 3 + 2 + 1) /
        (4 × 4) = 62.5 %."""
        with freeze_time("2026-05-10 04:00:00"):
            self.answer(self.survey, self.owner_zhang, {self.q_overall: 5, self.q_repair: 4})
            self.answer(
                self.survey,
                self.owner_li,
                {self.q_overall: 3, self.q_repair: 2, self.q_comment: "电梯常坏"},
            )
            self.answer(self.survey, self.tenant_wang, {self.q_overall: 5}, done=False)
        Report = self.env["property.survey.satisfaction.report"].with_user(self.community_clerk)
        rows = Report._read_group(
            [("estate_id", "=", self.estate.id)],
            ["date:quarter"],
            ["rating_count:sum", "satisfied_count:sum", "satisfaction_rate:avg", "score_rate:avg"],
        )
        self.assertEqual(len(rows), 1)
        __, ratings, satisfied, rate, score = rows[0]
        self.assertEqual((ratings, satisfied), (4, 2))
        self.assertAlmostEqual(rate, 50.0)
        self.assertAlmostEqual(score, 62.5)
        # 王芳 completes it with a 4: her 5 and 4 count, 4 of 6 satisfied
        with freeze_time("2026-05-11 04:00:00"):
            self.answer(self.survey, self.tenant_wang, {self.q_repair: 4})
        [(rate,)] = Report._read_group(
            [("estate_id", "=", self.estate.id)], [], ["satisfaction_rate:avg"]
        )
        self.assertAlmostEqual(rate, 100 * 4 / 6)
        # an opinion survey's ratings are no satisfaction
        self.survey.property_purpose = "opinion"
        self.assertFalse(Report.search_count([("estate_id", "=", self.estate.id)]))

    def test_satisfaction_is_per_company(self):
        company, estate, __ = self.second_company()
        other = self.survey.copy({"property_estate_id": estate.id})
        with freeze_time("2026-05-10 04:00:00"):
            self.answer(other, self.owner_zhang, {other.question_ids[0]: 5})
            self.answer(self.survey, self.owner_li, {self.q_overall: 2})
        Report = self.env["property.survey.satisfaction.report"]
        self.assertEqual(Report.with_user(self.community_clerk).search([]).estate_id, self.estate)
        other_clerk = self.company_user(
            company, "pc_clerk_2", "property_community.group_community_user"
        )
        self.assertEqual(Report.with_user(other_clerk).search([]).estate_id, estate)
        # the other company's survey is not seen by this company's clerk
        surveys = self.env["survey.survey"].with_user(self.community_clerk).search([])
        self.assertIn(self.survey, surveys)
        self.assertNotIn(other, surveys)
        answers = self.env["survey.user_input"].with_user(self.community_clerk).search([])
        self.assertIn(self.owner_li, answers.partner_id)
        self.assertNotIn(other, answers.survey_id)

    def test_portal_user_cannot_send(self):
        with self.assertRaises(AccessError):
            self.survey.with_user(self.user_zhang).action_property_send_to_owners()
        plain = new_test_user(self.env, "pc_plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.survey.with_user(plain).action_property_send_to_owners()


@tagged("post_install", "-at_install")
class TestSurveyPortal(SurveyCommon, HttpCase):
    """张伟 finds the survey sent to him on his portal and answers it at survey's own
    page; the tenant 赵 finds nothing."""

    def test_owner_finds_and_answers_his_survey(self):
        answers = self.survey._create_answer(
            partner=self.owner_zhang | self.owner_li, check_attempts=False
        )
        mine = answers.filtered(lambda answer: answer.partner_id == self.owner_zhang)
        self.authenticate("pc_owner_zhang", "pc_owner_zhang_pw1")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_survey_count"]}
        )
        self.assertEqual(counters["property_survey_count"], 1)
        page = html.fromstring(self.url_open("/my/surveys").content)
        links = page.xpath("//div[hasclass('o_property_surveys')]/a/@href")
        self.assertEqual(links, [mine.get_start_url()])
        # survey's own page, logged in
        response = self.url_open(mine.get_start_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.survey.title, response.text)
        # answered: no longer listed
        mine._mark_done()
        page = html.fromstring(self.url_open("/my/surveys").content)
        self.assertFalse(page.xpath("//div[hasclass('o_property_surveys')]/a"))

    def test_nothing_for_who_was_not_sent_it(self):
        self.survey._create_answer(partner=self.owner_zhang, check_attempts=False)
        self.authenticate("pc_tenant_zhao", "pc_tenant_zhao_pw1")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_survey_count"]}
        )
        self.assertEqual(counters["property_survey_count"], 0)
        page = html.fromstring(self.url_open("/my/surveys").content)
        self.assertFalse(page.xpath("//div[hasclass('o_property_surveys')]/a"))
