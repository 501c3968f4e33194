from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_supervision import SupervisionCommon


@tagged("post_install", "-at_install")
class TestRenovationPermit(SupervisionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.permit = cls.issue(cls.renovation)
        cls.worker = cls.env["property.renovation.pass"].create(
            {
                "renovation_id": cls.renovation.id,
                "name": "刘建国",
                "id_number": "440301198001011234",
                "trade": "mason",
            }
        )

    def test_rules_shown_to_the_applicant(self):
        html = str(self.renovation.rules_html)
        self.assertIn("08:00–12:00, 14:00–18:00", html)
        self.assertIn("08:30–11:30, 14:30–17:30", html)
        self.assertIn("午休时间禁止噪音施工", html)
        self.assertIn(self.rule_structure.name, html)
        self.assertIn("No works on public holidays.", html)
        # a rule of another estate is not shown here
        other_estate = self.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        rule = self.env["property.renovation.rule"].create(
            {"name": "电梯内禁止运输超长材料", "estate_ids": [(6, 0, other_estate.ids)]}
        )
        (self.estate | other_estate).invalidate_recordset(["renovation_rule_ids"])
        self.assertIn(rule, other_estate.renovation_rule_ids)
        self.assertNotIn(rule, self.estate.renovation_rule_ids)
        self.renovation.invalidate_recordset(["rules_html"])
        self.assertNotIn("电梯内禁止运输超长材料", str(self.renovation.rules_html))

    def test_estate_hours_validated(self):
        with self.assertRaises(ValidationError):
            self.estate.renovation_morning_to = 7.0

    def test_rules_accepted_and_permit_dates(self):
        renovation = self.env["property.renovation"].create(
            {
                "unit_id": self.unit_a2.id,
                "applicant_id": self.owner_li.id,
                "date_start": self.today,
                "date_end": self.today + timedelta(days=30),
            }
        )
        self.assertFalse(renovation.prohibited_items_accepted)
        renovation.with_user(self.reno_desk).action_accept_rules()
        self.assertTrue(renovation.prohibited_items_accepted)
        renovation.date_end = False
        with self.assertRaisesRegex(UserError, "planned start and end"):
            renovation._issue_permit_documents()
        self.assertFalse(renovation.permit_ids)

    def test_permit_issued_once_with_validity(self):
        self.assertTrue(self.permit.name.startswith("ZX/"))
        self.assertEqual(self.renovation.permit_id, self.permit)
        self.assertEqual(self.permit.date_from, self.today)
        self.assertEqual(self.permit.date_to, self.today + timedelta(days=60))
        self.assertEqual(self.permit.state, "valid")
        self.assertFalse(self.renovation._issue_permit_documents())
        self.assertEqual(len(self.renovation.permit_ids), 1)

    def test_permit_report(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "property_renovation.action_report_renovation_permit", self.permit.ids
            )[0]
            .decode()
        )
        for text in (
            self.permit.name,
            "A1-1203",
            "张伟",
            "美家装饰工程有限公司",
            "08:00–12:00",
            self.rule_structure.name,
            "Walls, Floors",
            "阳光花园",
        ):
            self.assertIn(text, html)

    def test_pass_runs_with_the_permit(self):
        self.assertEqual(self.worker.permit_id, self.permit)
        self.assertEqual(self.worker.date_to, self.permit.date_to)
        self.assertTrue(self.worker.is_valid)
        self.assertIn(
            self.worker, self.env["property.renovation.pass"].search([("is_valid", "=", True)])
        )
        self.assertTrue(self.worker.number.startswith(self.permit.name))
        with self.assertRaisesRegex(ValidationError, "at most"):
            self.worker.date_to = self.permit.date_to + timedelta(days=1)
        with self.assertRaises(ValidationError):
            self.env["property.renovation.pass"].create(
                {
                    "renovation_id": self.renovation.id,
                    "name": "陈小明",
                    "id_number": "440301199001011234",
                    "date_to": self.permit.date_to + timedelta(days=10),
                }
            )

    def test_extending_the_permit_extends_the_passes(self):
        short = self.env["property.renovation.pass"].create(
            {
                "renovation_id": self.renovation.id,
                "name": "陈小明",
                "id_number": "440301199001011234",
                "trade": "electrician",
                "date_to": self.today + timedelta(days=10),
            }
        )
        new_end = self.permit.date_to + timedelta(days=15)
        with self.assertRaisesRegex(AccessError, "engineering"):
            self.permit.with_user(self.reno_desk)._extend(new_end, "工期延误")
        with self.assertRaisesRegex(UserError, "must come after"):
            self.permit.with_user(self.engineer)._extend(self.permit.date_to, "工期延误")
        wizard = (
            self.env["property.renovation.permit.extend.wizard"]
            .with_user(self.engineer)
            .create({"permit_id": self.permit.id, "date_to": new_end, "reason": "材料延期到货"})
        )
        wizard.action_confirm()
        self.assertEqual(self.permit.date_to, new_end)
        self.assertEqual(self.permit.extension_count, 1)
        self.assertEqual(self.renovation.date_end, new_end)
        self.assertEqual(self.worker.date_to, new_end)
        self.assertEqual(short.date_to, self.today + timedelta(days=10))

    def test_pass_cards_report(self):
        second = self.env["property.renovation.pass"].create(
            {
                "renovation_id": self.renovation.id,
                "name": "陈小明",
                "id_number": "440301199001011234",
                "photo": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
            }
        )
        passes = self.worker | second
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_renovation.action_report_renovation_pass", passes.ids)[0]
            .decode()
        )
        self.assertIn("刘建国", html)
        self.assertIn("陈小明", html)
        self.assertEqual(html.count("Worker Pass"), 2)
