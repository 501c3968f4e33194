from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.property_base.tests.test_translations import (
    LANGS,
    chinese_company,
    english_words,
    html_text,
    load_languages,
)

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestTakeover(OperationsCommon):
    """The takeover inspection (承接查验) of the estate from its developer, by
    engineering: plan → documents → inspection → rectification → confirmed →
    agreement → handed over, each step guarded; the problems to closure, the reminders
    to the developer, the equipment register made from the facilities inspected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Takeover = cls.env["property.takeover"]
        cls.Problem = cls.env["property.takeover.problem"]
        cls.developer = cls.env["res.partner"].create(
            {"name": "深圳阳光置业有限公司", "is_company": True}
        )
        cls.developer_contact = cls.env["res.partner"].create(
            {"name": "周经理", "parent_id": cls.developer.id, "email": "zhou@example.com"}
        )
        cls.developer_engineer = cls.env["res.partner"].create(
            {"name": "吴工", "parent_id": cls.developer.id}
        )
        cls.pump_room, cls.cctv = cls.env["property.facility"].create(
            [
                {"name": "二次供水泵房", "facility_type": "pump_room", "estate_id": cls.estate.id},
                {"name": "监控中心", "facility_type": "cctv", "estate_id": cls.estate.id},
            ]
        )

    def plan_takeover(self, user=None):
        """The takeover the engineer plans in the form."""
        with Form(self.Takeover.with_user(user or self.engineer)) as form:
            self.assertEqual(form.state, "plan")
            self.assertEqual(form.user_id, user or self.engineer)
            form.estate_id = self.estate
            form.developer_id = self.developer
            form.developer_contact_id = self.developer_contact
            form.scope = "A1、B1栋共用部位及共用设施设备"
            form.date_planned_start = "2026-03-02"
            form.date_planned_end = "2026-03-20"
            form.inspector_ids.add(self.engineer)
            form.developer_inspector_ids.add(self.developer_engineer)
            form.facility_ids.add(self.pump_room)
        return form.record

    def inspecting(self):
        """A takeover at the inspection, its documents all received."""
        takeover = self.plan_takeover()
        takeover.action_confirm_plan()
        takeover.document_ids.write({"received": True})
        takeover.action_start_inspection()
        return takeover

    def problem(self, takeover, severity, user=None, **values):
        """A problem the engineer records in the problem's form."""
        with Form(
            self.Problem.with_user(user or self.engineer).with_context(
                default_takeover_id=takeover.id
            )
        ) as form:
            self.assertEqual(form.estate_id, self.estate)
            form.location = values.pop("location", "A1栋地下车库")
            form.description = values.pop("description", "墙面渗水")
            form.severity = severity
            for name, value in values.items():
                setattr(form, name, value)
        return form.record

    def test_engineer_takes_the_estate_over(self):
        takeover = self.plan_takeover()
        self.assertRegex(takeover.name, r"^TO/\d{4}/\d{4}$")
        self.assertEqual(takeover.company_id, self.env.company)
        self.assertFalse(takeover.document_ids)
        # the state moves by the buttons only, in their order
        with self.assertRaises(UserError):
            takeover.write({"state": "inspection"})
        with self.assertRaisesRegex(UserError, "not possible now"):
            takeover.action_confirm()
        with self.assertRaises(ValidationError):
            takeover.date_planned_end = "2026-03-01"
        takeover.action_confirm_plan()
        self.assertEqual(takeover.state, "documents")
        items = self.env["property.takeover.document.item"].search([])
        self.assertEqual(takeover.document_ids.mapped("name"), items.mapped("name"))
        self.assertIn("消防验收合格证明", " ".join(takeover.document_ids.mapped("name")))
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            takeover.scope = "改写"
        with Form(takeover) as form:
            for index in range(len(takeover.document_ids)):
                with form.document_ids.edit(index) as line:
                    self.assertFalse(line.date_received)
                    line.received = True
                    self.assertEqual(line.date_received, self.env.company._property_today())
                    line.copies = 2
        takeover.action_start_inspection()
        self.assertEqual(takeover.state, "inspection")
        self.assertEqual(takeover.date_inspection, self.env.company._property_today())
        # no problem: nothing to send to the developer, the result is confirmed
        with self.assertRaisesRegex(UserError, "no open problem to rectify"):
            takeover.action_request_rectification()
        minor = self.problem(takeover, "minor", date_deadline="2026-04-30")
        takeover.action_request_rectification()
        self.assertEqual(takeover.state, "rectification")
        takeover.action_confirm()  # a minor problem is carried with its deadline
        self.assertEqual(takeover.state, "confirmed")
        self.assertEqual(minor.state, "open")
        with self.assertRaisesRegex(UserError, "agreement's reference"):
            takeover.action_sign_agreement()
        with Form(takeover) as form:
            form.agreement_ref = "YG-CJ-2026-01"
        takeover.action_sign_agreement()
        self.assertEqual(takeover.state, "agreement")
        self.assertEqual(takeover.date_agreement, self.env.company._property_today())
        takeover.action_hand_over()
        self.assertEqual(takeover.state, "handed_over")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            takeover.note = "改写"
        with self.assertRaisesRegex(UserError, "can no longer change"):
            takeover.document_ids[0].notes = "补交"
        with self.assertRaisesRegex(UserError, "not possible now"):
            takeover.action_cancel()
        # the carried problem is still followed to its closure
        minor.action_rectified()
        minor.action_verify()
        self.assertEqual(minor.state, "closed")
        self.assertEqual(takeover.open_problem_count, 0)

    def test_documents_gate(self):
        takeover = self.plan_takeover()
        takeover.inspector_ids = False
        with self.assertRaisesRegex(UserError, "complete the plan"):
            takeover.action_confirm_plan()
        takeover.inspector_ids = self.engineer
        takeover.action_confirm_plan()
        fire, other = takeover.document_ids.filtered(
            lambda d: "消防验收" in d.name or not d.required
        ).sorted(lambda d: d.required, reverse=True)
        self.assertTrue(fire.required)
        self.assertFalse(other.required)
        (takeover.document_ids - fire - other).write({"received": True})
        with self.assertRaisesRegex(UserError, "消防验收合格证明"):
            takeover.action_start_inspection()
        self.assertEqual(takeover.state, "documents")
        # the optional document may be missing; the required one with a note
        takeover.document_waiver = "消防验收证明办理中，开发商承诺4月15日前移交"
        takeover.action_start_inspection()
        self.assertEqual(takeover.state, "inspection")
        self.assertFalse(other.received)

    def test_an_edited_default_item_shapes_the_next_checklists(self):
        self.env["property.takeover.document.item"].search([]).write({"active": False})
        item = self.env["property.takeover.document.item"].create(
            {"name": "人防工程验收证明", "required": True}
        )
        takeover = self.plan_takeover()
        takeover.action_confirm_plan()
        self.assertEqual(takeover.document_ids.item_id, item)

    def test_problems_gate_the_confirmation(self):
        takeover = self.inspecting()
        major = self.problem(takeover, "major", facility_id=self.cctv, date_deadline="2026-03-25")
        minor = self.problem(takeover, "minor", location="大堂", date_deadline="2026-04-30")
        self.assertEqual(major.facility_id, self.cctv)
        with self.assertRaisesRegex(
            UserError, r"cannot be confirmed: 1 major or critical problem\(s\)"
        ):
            takeover.action_confirm()
        takeover.action_request_rectification()
        major.action_rectified()
        self.assertEqual(major.state, "rectified")
        self.assertEqual(major.date_rectified, self.env.company._property_today())
        # still not verified at the re-inspection
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            takeover.action_confirm()
        major.action_reopen()
        self.assertEqual(major.state, "reopened")
        self.assertEqual(major.reopen_count, 1)
        self.assertFalse(major.date_rectified)
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            takeover.action_confirm()
        with self.assertRaisesRegex(UserError, "not possible now"):
            major.action_verify()  # the fix is claimed first
        major.action_rectified()
        major.action_verify()
        self.assertEqual(major.state, "closed")
        self.assertEqual(major.verified_by_id, self.engineer)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            major.description = "改写"
        # a minor problem without a deadline is not carried
        minor.date_deadline = False
        with self.assertRaisesRegex(UserError, "needs the developer's deadline"):
            takeover.action_confirm()
        minor.date_deadline = "2026-04-30"
        takeover.action_confirm()
        self.assertEqual(takeover.state, "confirmed")

    def test_problems_only_while_inspecting_and_of_the_estate(self):
        takeover = self.plan_takeover()
        with self.assertRaisesRegex(UserError, "during the inspection and the rectification"):
            self.Problem.create(
                {"takeover_id": takeover.id, "location": "大堂", "description": "x"}
            )
        takeover = self.inspecting()
        estate_2 = self.env["property.estate"].create({"name": "滨江府", "code": "T-BJ2"})
        facility_2 = self.env["property.facility"].create(
            {"name": "滨江府泵房", "estate_id": estate_2.id}
        )
        with self.assertRaisesRegex(ValidationError, "is not in estate"):
            self.Problem.create(
                {
                    "takeover_id": takeover.id,
                    "location": "泵房",
                    "description": "x",
                    "facility_id": facility_2.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "must be those of estate"):
            takeover.facility_ids = facility_2

    def test_reminders_once_per_problem_and_deadline(self):
        takeover = self.inspecting()
        late = self.problem(takeover, "major", date_deadline="2026-03-10")
        later = self.problem(takeover, "minor", location="大堂", date_deadline="2026-03-20")
        takeover.action_request_rectification()
        Activity = self.env["mail.activity"]
        activity_type = self.env.ref("property_operations.mail_activity_takeover_overdue")

        def reminders(problem):
            return self.env["mail.message"].search(
                [
                    ("model", "=", problem._name),
                    ("res_id", "=", problem.id),
                    ("partner_ids", "in", self.developer_contact.ids),
                ]
            )

        def flags():
            return Activity.search(
                [
                    ("res_model", "=", takeover._name),
                    ("res_id", "=", takeover.id),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )

        with self.at("2026-03-10 12:00:00"):  # the deadline day itself: not late
            self.assertFalse(self.Problem._cron_remind_overdue())
        for _run in range(2):
            with self.at("2026-03-11 01:00:00"):  # 09:00 in Shanghai
                self.Problem._cron_remind_overdue()
            self.assertEqual(len(reminders(late)), 1)
            self.assertFalse(reminders(later))
            self.assertEqual(len(flags()), 1)
            self.assertEqual(flags().user_id, self.engineer)
        self.assertIn("2026-03-10", reminders(late).subject)
        self.assertEqual(late.reminded_deadline, late.date_deadline)
        with self.at("2026-03-21 01:00:00"):
            self.assertEqual(self.Problem._cron_remind_overdue(), later)
        self.assertEqual(len(reminders(later)), 1)
        self.assertEqual(len(reminders(late)), 1)
        self.assertEqual(len(flags()), 1, "one open activity per takeover")
        # a new deadline is reminded again once past; a closed problem never
        late.date_deadline = "2026-03-25"
        later.action_rectified()
        later.action_verify()
        for _run in range(2):
            with self.at("2026-03-26 01:00:00"):
                self.Problem._cron_remind_overdue()
        self.assertEqual(len(reminders(late)), 2)
        self.assertEqual(len(reminders(later)), 1)
        # the overdue filter
        with self.at("2026-03-26 01:00:00"):
            self.assertEqual(
                self.Problem.search([("takeover_id", "=", takeover.id), ("overdue", "=", True)]),
                late,
            )
            self.assertEqual(
                self.Problem.search([("takeover_id", "=", takeover.id), ("overdue", "=", False)]),
                later,
            )

    def test_handover_makes_the_equipment_register_once(self):
        takeover = self.inspecting()
        problem = self.problem(takeover, "major", facility_id=self.cctv, date_deadline="2026-03-25")
        elevator_problem = self.problem(
            takeover, "minor", facility_id=self.elevator, date_deadline="2026-03-25"
        )
        takeover.action_request_rectification()
        for p in problem | elevator_problem:
            p.action_rectified()
            p.action_verify()
        takeover.action_confirm()
        takeover.agreement_ref = "YG-CJ-2026-01"
        takeover.action_sign_agreement()
        with self.assertRaisesRegex(UserError, "not possible now"):
            takeover.action_register_equipment()
        takeover.action_hand_over()
        Equipment = self.env["maintenance.equipment"]
        before = Equipment.search_count([])
        action = takeover.action_register_equipment()
        self.assertTrue(takeover.equipment_registered)
        # the pump room and the CCTV get equipment; the elevator already had lift A
        new = Equipment.search([], order="id desc", limit=Equipment.search_count([]) - before)
        self.assertEqual(new.property_facility_id, self.pump_room | self.cctv)
        self.assertEqual(
            new.filtered(lambda e: e.property_facility_id == self.cctv).category_id,
            self.env.ref("property_operations.equipment_category_cctv"),
        )
        self.assertEqual(new.property_estate_id, self.estate)
        listed = Equipment.search(action["domain"])
        self.assertEqual(listed, new | self.lift_a)
        # done once: the register is engineering's from now on
        new[0].property_facility_id = False
        takeover.action_register_equipment()
        self.assertEqual(Equipment.search_count([]), before + 2)

    def test_property_staff_read_only(self):
        takeover = self.inspecting()
        problem = self.problem(takeover, "minor", date_deadline="2026-03-25")
        staff = takeover.with_user(self.staff)
        self.assertEqual(staff.name, takeover.name)
        self.assertEqual(problem.with_user(self.staff).severity, "minor")
        with self.assertRaises(AccessError):
            staff.note = "改写"
        with self.assertRaises(AccessError):
            problem.with_user(self.staff).description = "改写"
        with self.assertRaises(AccessError):
            self.Takeover.with_user(self.staff).create(
                {"estate_id": self.estate.id, "developer_id": self.developer.id}
            )
        with self.assertRaises(AccessError):
            staff.action_request_rectification()
        with self.assertRaises(AccessError):
            problem.with_user(self.staff).action_rectified()
        self.assertEqual(takeover.state, "inspection")
        # deleting: a started takeover stays, even for the managers
        with self.assertRaisesRegex(UserError, "still planned"):
            takeover.with_user(self.ops_manager).unlink()
        with self.assertRaises(AccessError):
            self.plan_takeover().with_user(self.engineer).unlink()

    def test_other_company_takeovers_invisible(self):
        company_2, estate_2, _unit_2 = self.second_company()
        takeover_2 = self.Takeover.create(
            {
                "estate_id": estate_2.id,
                "developer_id": self.developer.id,
                "inspector_ids": [Command.set(self.ops_manager.ids)],
            }
        )
        self.assertEqual(takeover_2.company_id, company_2)
        takeover = self.plan_takeover()
        engineer_2 = self.company_user(
            company_2, "pt_engineer_2", "property_operations.group_operations_engineer"
        )
        both = [("id", "in", (takeover | takeover_2).ids)]
        self.assertEqual(self.Takeover.with_user(self.engineer).search(both), takeover)
        self.assertEqual(self.Takeover.with_user(engineer_2).search(both), takeover_2)
        with self.assertRaises(AccessError):
            takeover_2.with_user(self.engineer).read(["scope"])
        takeover.action_confirm_plan()
        Document = self.env["property.takeover.document"]
        self.assertFalse(Document.with_user(engineer_2).search([("takeover_id", "=", takeover.id)]))
        # another company's estate cannot be given to a takeover
        with self.assertRaises(UserError):
            takeover_2.with_user(self.engineer).estate_id = self.estate

    def test_other_roles_cannot_plan(self):
        guard = new_test_user(
            self.env, "pt_guard", groups="property_base.group_property_user", name="保安"
        )
        takeover = self.plan_takeover()
        with self.assertRaisesRegex(AccessError, "Only engineering"):
            takeover.with_user(guard).action_confirm_plan()
        self.assertEqual(takeover.state, "plan")

    def test_report_lists_the_open_problems(self):
        takeover = self.inspecting()
        open_one = self.problem(
            takeover, "major", location="泵房", description="水泵漏水", date_deadline="2026-03-25"
        )
        closed_one = self.problem(
            takeover, "minor", location="大堂", description="墙面起皮", date_deadline="2026-03-25"
        )
        takeover.action_request_rectification()
        closed_one.action_rectified()
        closed_one.action_verify()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.engineer)
            ._render_qweb_html("property_operations.action_report_takeover", takeover.ids)[0]
            .decode()
        )
        self.assertIn(takeover.name, html)
        self.assertIn("消防验收合格证明", html)
        open_part, closed_part = html.split("Problems Closed")
        self.assertIn(open_one.description, open_part)
        self.assertNotIn(closed_one.description, open_part)
        self.assertIn(closed_one.description, closed_part)


@tagged("post_install", "-at_install")
class TestTakeoverInChinese(OperationsCommon):
    """The takeover inspection report and the reminder to the developer, in zh_CN and
    zh_TW: no English but the records' own values (Chinese here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        chinese_company(cls.env.company)
        cls.engineer.lang = "zh_CN"
        developer = cls.env["res.partner"].create(
            {"name": "深圳阳光置业有限公司", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "周经理", "parent_id": developer.id, "email": "zhou@example.com"}
        )
        Takeover = cls.env["property.takeover"].with_user(cls.engineer)
        cls.takeover = Takeover.create(
            {
                "estate_id": cls.estate.id,
                "developer_id": developer.id,
                "developer_contact_id": cls.contact.id,
                "scope": "共用部位及共用设施设备",
                "date_planned_start": "2026-03-02",
                "inspector_ids": [Command.set(cls.engineer.ids)],
            }
        )
        cls.takeover.action_confirm_plan()
        cls.takeover.document_ids.write({"received": True})
        cls.takeover.action_start_inspection()
        cls.problem = (
            cls.env["property.takeover.problem"]
            .with_user(cls.engineer)
            .create(
                {
                    "takeover_id": cls.takeover.id,
                    "location": "二次供水泵房",
                    "description": "水泵漏水",
                    "severity": "major",
                    "date_deadline": "2026-03-10",
                }
            )
        )
        cls.takeover.action_request_rectification()

    def test_report_in_chinese(self):
        for lang in LANGS:
            self.engineer.lang = lang
            html = (
                self.env["ir.actions.report"]
                .with_user(self.engineer)
                .with_context(lang=lang)
                ._render_qweb_html("property_operations.action_report_takeover", self.takeover.ids)[
                    0
                ]
            )
            text = html_text(html.decode())
            self.assertIn("水泵漏水", text)
            self.assertEqual(english_words(text), [], f"{lang}: {text}")

    def test_reminder_in_the_contacts_language(self):
        for lang, words in (("zh_CN", "整改完成后请告知我们"), ("zh_TW", "整改完成後請告知我們")):
            self.contact.lang = lang
            self.problem.sudo().write({"reminded_deadline": False})
            with self.at("2026-03-11 01:00:00"):
                self.env["property.takeover.problem"]._cron_remind_overdue()
            message = self.env["mail.message"].search(
                [
                    ("model", "=", self.problem._name),
                    ("res_id", "=", self.problem.id),
                    ("partner_ids", "in", self.contact.ids),
                ],
                limit=1,
            )
            self.assertIn(words, message.body)
            self.assertEqual(english_words(html_text(message.body)), [], message.body)
