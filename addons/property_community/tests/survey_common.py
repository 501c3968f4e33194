from datetime import date

from odoo.tests import new_test_user

from .common import CommunityCommon


class SurveyCommon(CommunityCommon):
    """CommunityCommon's estate with a satisfaction survey of two scale questions
    (1 to 5) and a text question. The owners 张伟 (A1-1203) and 李娜 (A1-1204) have portal
    accounts; 王芳 owns B1-0301 without one. A tenant 赵 of A1-1204 and a former owner
    周 of A1-1203 have portal accounts too, and are not to be invited."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.tenant_zhao = Partner.create({"name": "赵磊", "email": "zhao@example.com"})
        cls.former_zhou = Partner.create({"name": "周敏", "email": "zhou@example.com"})
        cls.occupy(cls.unit_a2, cls.tenant_zhao, role="tenant", date_from=date(2021, 1, 1))
        former = cls.occupy(cls.unit_a1, cls.former_zhou, date_from=date(2015, 1, 1))
        former.action_end(date(2019, 12, 31))
        cls.user_zhang = cls.portal_user(cls.owner_zhang, "pc_owner_zhang")
        cls.user_li = cls.portal_user(cls.owner_li, "pc_owner_li")
        cls.user_zhao = cls.portal_user(cls.tenant_zhao, "pc_tenant_zhao")
        cls.user_zhou = cls.portal_user(cls.former_zhou, "pc_former_zhou")
        cls.office_user = new_test_user(
            cls.env, "pc_office", groups="property_base.group_property_office", name="前台 何"
        )
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "2026年第二季度满意度调查",
                "access_mode": "token",
                "users_login_required": True,
                "property_estate_id": cls.estate.id,
                "property_purpose": "satisfaction",
                "property_date_from": date(2026, 4, 1),
                "property_date_to": date(2026, 6, 30),
            }
        )
        Question = cls.env["survey.question"]
        cls.q_overall, cls.q_repair = Question.create(
            [
                {
                    "survey_id": cls.survey.id,
                    "title": title,
                    "question_type": "scale",
                    "scale_min": 1,
                    "scale_max": 5,
                    "sequence": sequence,
                }
                for sequence, title in ((1, "总体满意度"), (2, "报修维修"))
            ]
        )
        cls.q_comment = Question.create(
            {
                "survey_id": cls.survey.id,
                "title": "意见和建议",
                "question_type": "text_box",
                "sequence": 3,
            }
        )

    @classmethod
    def answer(cls, survey, partner, ratings, done=True):
        """`partner`'s answer to `survey` with `ratings` {question: value}."""
        answer = survey.user_input_ids.filtered(lambda a: a.partner_id == partner)[:1]
        if not answer:
            answer = survey._create_answer(partner=partner, check_attempts=False)
        for question, value in ratings.items():
            answer._save_lines(question, value)
        if done:
            answer._mark_done()
        return answer
