from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_supervision import PNG, SupervisionCommon


@tagged("post_install", "-at_install")
class TestRenovationSupervision(SupervisionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.permit = cls.issue(cls.renovation)
        cls.workers = cls.env["property.renovation.pass"].create(
            [
                {
                    "renovation_id": cls.renovation.id,
                    "name": "刘建国",
                    "id_number": "440301198001011234",
                    "trade": "mason",
                },
                {
                    "renovation_id": cls.renovation.id,
                    "name": "陈小明",
                    "id_number": "440301199001011234",
                    "trade": "electrician",
                },
            ]
        )

    def notices(self, renovation, subject):
        return self.env["mail.message"].search(
            [
                ("model", "=", "property.renovation"),
                ("res_id", "=", renovation.id),
                ("subject", "ilike", subject),
            ]
        )

    def start(self, renovation):
        self.confirmed_entry(renovation)
        renovation.with_user(self.engineer).action_start_works()

    def patrol(self, renovation, user, findings):
        return (
            self.env["property.renovation.inspection"]
            .with_user(user)
            .create(
                {
                    "renovation_id": renovation.id,
                    "line_ids": [(0, 0, finding) for finding in findings],
                }
            )
        )

    def test_entry_inspection_guards_the_start(self):
        with self.assertRaisesRegex(UserError, "entry inspection"):
            self.renovation.with_user(self.engineer).action_start_works()
        self.assertEqual(self.renovation.state, "permit")
        entry = (
            self.env["property.renovation.entry"]
            .with_user(self.reno_desk)
            .create({"renovation_id": self.renovation.id})
        )
        self.assertEqual(
            set(entry.line_ids.mapped("area")),
            {"doors", "windows", "walls", "utilities", "protection"},
        )
        with self.assertRaisesRegex(UserError, "record the condition of every item"):
            entry.action_confirm()
        entry.line_ids.write({"result": "ok"})
        entry.line_ids[:1].write({"result": "damaged", "note": "入户门有划痕"})
        with self.assertRaisesRegex(UserError, "signs it too"):
            entry.action_confirm()
        entry.write({"applicant_signature": PNG, "applicant_signed_by": "张伟"})
        entry.with_user(self.reno_desk).action_confirm()
        self.assertEqual(entry.company_confirmed_by_id, self.reno_desk)
        self.assertTrue(self.renovation.entry_confirmed)
        self.renovation.with_user(self.engineer).action_start_works()
        self.assertEqual(self.renovation.state, "in_progress")

    def test_departments_notified_once(self):
        self.start(self.renovation)
        started = self.notices(self.renovation, "Renovation works start")
        self.assertEqual(len(started), 1)
        self.assertEqual(
            started.partner_ids,
            (self.technician | self.technician_2 | self.lead | self.guard).partner_id,
        )
        self.assertIn("A1-1203", started.body)
        self.assertTrue(self.renovation.date_start_notified)
        # back from the completion inspection to the works: no second notice
        self.renovation.with_user(self.reno_desk).action_request_inspection()
        self.renovation.with_user(self.engineer).action_refuse_acceptance(reason="踢脚线未完工")
        self.assertEqual(len(self.notices(self.renovation, "Renovation works start")), 1)
        # the end: passes revoked, permit ended, departments told once
        self.renovation.with_user(self.engineer).action_request_inspection()
        self.renovation.with_user(self.engineer).action_accept()
        self.assertEqual(len(self.notices(self.renovation, "Renovation works end")), 1)
        self.assertTrue(all(self.workers.mapped("revoked")))
        self.assertEqual(set(self.workers.mapped("revoke_reason")), {"ended"})
        self.assertEqual(self.permit.state, "ended")

    def test_patrol_finding_raises_a_request_for_the_right_team(self):
        self.start(self.renovation)
        inspection = self.patrol(
            self.renovation,
            self.guard,
            [
                {
                    "rule_id": self.rule_common_areas.id,
                    "description": "楼道堆放水泥沙袋",
                    "severity": "serious",
                    "photo": PNG,
                },
                {
                    "rule_id": self.rule_structure.id,
                    "description": "拆除承重墙",
                    "severity": "critical",
                },
                {"result": "ok", "description": "现场消防器材齐全"},
            ],
        )
        self.assertTrue(inspection.name.startswith("XC/"))
        self.assertEqual(inspection.violation_count, 2)
        hallway, wall, fine = inspection.line_ids
        self.assertEqual(hallway.team_kind, "security")
        self.assertEqual(wall.team_kind, "maintenance")
        tickets = (hallway | wall).with_user(self.guard).action_raise_ticket()
        self.assertEqual(len(tickets), 2)
        self.assertEqual(hallway.ticket_id.team_id, self.security_team)
        self.assertEqual(wall.ticket_id.team_id, self.team)
        self.assertEqual(hallway.ticket_id.ticket_type, "public_area")
        self.assertEqual(hallway.ticket_id.channel, "patrol")
        self.assertEqual(hallway.ticket_id.receiver_id, self.guard)
        self.assertEqual(hallway.ticket_id.priority, "1")
        self.assertEqual(len(hallway.ticket_id.photo_ids), 1)
        self.assertIn("楼道堆放水泥沙袋", str(hallway.ticket_id.description))
        # once per finding; an OK finding raises nothing
        self.assertFalse(hallway.action_raise_ticket())
        with self.assertRaisesRegex(UserError, "no violation"):
            fine.action_raise_ticket()
        inspection.with_user(self.guard).action_done()
        self.assertEqual(inspection.state, "done")
        self.assertEqual(self.renovation.violation_count, 2)

    def test_request_needs_the_team(self):
        renovation = self.new_renovation(unit=self.unit_a2)
        renovation.estate_id.renovation_security_team_id = False
        try:
            inspection = self.patrol(
                renovation,
                self.guard,
                [{"rule_id": self.rule_common_areas.id, "description": "楼道堆放杂物"}],
            )
            with self.assertRaisesRegex(UserError, "no Security team"):
                inspection.line_ids.with_user(self.guard).action_raise_ticket()
            self.assertFalse(inspection.line_ids.ticket_id)
        finally:
            renovation.estate_id.renovation_security_team_id = self.security_team

    def test_stop_and_resume_works(self):
        self.start(self.renovation)
        self.workers[1].action_revoke()
        inspection = self.patrol(
            self.renovation,
            self.guard,
            [
                {
                    "rule_id": self.rule_structure.id,
                    "description": "拆除承重墙",
                    "severity": "critical",
                }
            ],
        )
        inspection.line_ids.with_user(self.guard).action_stop_works()
        self.assertTrue(self.renovation.works_stopped)
        self.assertIn("拆除承重墙", self.renovation.stop_reason)
        self.assertEqual(self.renovation.stopped_by_id, self.guard)
        self.assertEqual(self.permit.state, "suspended")
        self.assertTrue(all(self.workers.mapped("revoked")))
        self.assertFalse(self.workers.filtered("is_valid"))
        with self.assertRaisesRegex(AccessError, "engineering"):
            self.renovation.with_user(self.guard).action_resume_works()
        with self.assertRaisesRegex(AccessError, "engineering"):
            self.renovation.with_user(self.reno_desk).action_resume_works()
        self.renovation.with_user(self.engineer).action_resume_works()
        self.assertFalse(self.renovation.works_stopped)
        self.assertEqual(self.permit.state, "valid")
        # the pass revoked by hand stays revoked
        self.assertFalse(self.workers[0].revoked)
        self.assertTrue(self.workers[1].revoked)
        with self.assertRaisesRegex(UserError, "not stopped"):
            self.renovation.with_user(self.engineer).action_resume_works()
        # from the application's form too, with a reason
        self.env["property.renovation.stop.wizard"].with_user(self.guard).create(
            {"renovation_id": self.renovation.id, "reason": "夜间施工扰民"}
        ).action_confirm()
        self.assertEqual(self.renovation.stop_reason, "夜间施工扰民")

    def test_patrol_due_today(self):
        Renovation = self.env["property.renovation"]
        self.start(self.renovation)
        self.assertTrue(self.renovation.patrol_due)
        self.assertIn(self.renovation, Renovation.search([("patrol_due", "=", True)]))
        inspection = self.patrol(
            self.renovation, self.guard, [{"result": "ok", "description": "正常"}]
        )
        inspection.date = inspection.date - timedelta(days=1)
        self.assertTrue(self.renovation.patrol_due)
        inspection.date = inspection.date + timedelta(days=1)
        self.assertFalse(self.renovation.patrol_due)
        self.assertNotIn(self.renovation, Renovation.search([("patrol_due", "=", True)]))
        self.assertIn(self.renovation, Renovation.search([("patrol_due", "=", False)]))

    def test_security_access(self):
        renovation = self.renovation.with_user(self.guard)
        self.assertEqual(renovation.permit_id, self.permit)
        self.assertEqual(len(renovation.pass_ids), 2)
        self.assertTrue(renovation.rules_html)
        with self.assertRaises(AccessError):
            renovation.date_end = self.today
        with self.assertRaises(AccessError):
            self.workers[0].with_user(self.guard).name = "王五"
        with self.assertRaises(AccessError):
            self.env["property.renovation.pass"].with_user(self.guard).create(
                {"renovation_id": self.renovation.id, "name": "王五", "id_number": "1"}
            )
        with self.assertRaises(AccessError):
            self.env["property.renovation.entry"].with_user(self.guard).create(
                {"renovation_id": self.renovation.id}
            )
        with self.assertRaises(AccessError):
            self.rule_structure.with_user(self.guard).name = "x"
        # desk issues passes; engineering records deductions
        self.env["property.renovation.pass"].with_user(self.reno_desk).create(
            {"renovation_id": self.renovation.id, "name": "王五", "id_number": "1"}
        )
        self.start(self.renovation)
        inspection = self.patrol(
            self.renovation, self.guard, [{"description": "未戴出入证", "deduction_amount": 100}]
        )
        with self.assertRaisesRegex(AccessError, "engineering"):
            inspection.line_ids.with_user(self.guard).action_add_deduction()

    def test_multi_company(self):
        self.start(self.renovation)
        inspection = self.patrol(
            self.renovation, self.guard, [{"description": "正常", "result": "ok"}]
        )
        entry = self.renovation.entry_ids
        company_b = self.env["res.company"].create({"name": "华南物业"})
        guard_b = new_test_user(
            self.env,
            "pr_guard_b",
            groups="property_renovation.group_renovation_security",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        env_b = self.env(user=guard_b, context={"allowed_company_ids": company_b.ids})
        for record in (self.permit, self.workers[0], inspection, inspection.line_ids, entry):
            with self.assertRaises(AccessError):
                env_b[record._name].browse(record.id).check_access("read")
        self.assertFalse(env_b["property.renovation.pass"].search([]))
        self.assertFalse(env_b["property.renovation.inspection"].search([]))
        # the shared rules and checklist are seen by both companies
        self.assertIn(self.rule_structure, env_b["property.renovation.rule"].search([]))
        self.assertTrue(env_b["property.renovation.entry.item"].search([]))
