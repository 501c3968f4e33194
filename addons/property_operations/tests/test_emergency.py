from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import OperationsCommon


@tagged("post_install", "-at_install")
class TestEmergency(OperationsCommon):
    """Emergency plans (应急预案) written by the operations managers and read by every
    property staff member; their drills scheduled and recorded, findings given out as
    corrective actions; incidents logged by the staff; overdue drills flagged once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engineer.partner_id.mobile = "139 0000 1111"
        cls.EmergencyPlan = cls.env["property.emergency.plan"]
        cls.Drill = cls.env["property.emergency.drill"]
        cls.Incident = cls.env["property.emergency.incident"]
        cls.drill_due_type = cls.env.ref("property_operations.mail_activity_emergency_drill_due")
        cls.corrective_type = cls.env.ref("property_operations.mail_activity_emergency_corrective")
        cls.fire_plan = cls.EmergencyPlan.create(
            {
                "name": "阳光花园 火灾应急预案",
                "kind": "fire",
                "estate_id": cls.estate.id,
                "date_approved": "2026-01-10",
                "user_id": cls.ops_manager.id,
                "role_ids": [
                    (0, 0, {"name": "总指挥", "user_id": cls.ops_manager.id}),
                    (0, 0, {"name": "消防控制室", "phone": "0755-86001234"}),
                ],
                "step_ids": [(0, 0, {"name": "确认火情"}), (0, 0, {"name": "报警119"})],
            }
        )

    def activities(self, records, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    def drill(self, plan=None, **values):
        return self.Drill.create(
            {
                "plan_id": (plan or self.fire_plan).id,
                "date_scheduled": "2026-03-20 02:00:00",
                **values,
            }
        )

    def flag_overdue(self, when):
        """The test's plans flagged at `when` (UTC), not the demo's."""
        with self.at(when):
            flagged = self.EmergencyPlan._cron_flag_overdue_drills()
        return flagged.filtered(lambda p: p.estate_id in (self.estate, False))

    def test_manager_writes_a_plan_and_schedules_a_drill(self):
        """The kind gives the drill rhythm (fire every 6 months, the others yearly); a
        role's contact and phone come from its user; the first drill is due from the
        approval; a drill takes its plan's estate and a number of the company."""
        with self.at("2026-03-01 02:00:00"):
            with Form(self.EmergencyPlan.with_user(self.ops_manager)) as form:
                self.assertEqual(form.company_id, self.env.company)
                self.assertEqual(form.date_approved, date(2026, 3, 1))
                self.assertEqual(form.user_id, self.ops_manager)
                form.name = "阳光花园 电梯困人应急预案"
                form.kind = "fire"
                self.assertEqual(form.drill_interval_months, 6)
                form.kind = "elevator"
                self.assertEqual(form.drill_interval_months, 12)
                form.estate_id = self.estate
                form.version = "2026-1"
                with form.role_ids.new() as role:
                    role.name = "现场负责人"
                    role.user_id = self.engineer
                    self.assertEqual(role.partner_id, self.engineer.partner_id)
                    self.assertEqual(role.phone, "139 0000 1111")
                with form.role_ids.new() as role:
                    role.name = "维保单位救援"
                    role.partner_id = self.contractor
                    role.phone = "400-888-0000"
                with form.step_ids.new() as step:
                    step.name = "安抚被困人员"
                with form.step_ids.new() as step:
                    step.name = "通知维保单位"
            plan = form.record
            self.assertEqual(plan.role_ids.mapped("phone"), ["139 0000 1111", "400-888-0000"])
            self.assertEqual(plan.step_ids.mapped("name"), ["安抚被困人员", "通知维保单位"])
            self.assertEqual(plan.next_drill_due, date(2027, 3, 1))
            self.assertFalse(plan.drill_planned)

            with Form(self.Drill.with_user(self.ops_manager)) as form:
                form.plan_id = plan
                self.assertEqual(form.estate_id, self.estate)
                self.assertEqual(form.kind, "elevator")
                form.date_scheduled = datetime(2026, 4, 15, 2, 0)
            drill = form.record
        self.assertRegex(drill.name, r"^YL/2026/\d{4}$")
        self.assertEqual(drill.state, "planned")
        self.assertTrue(plan.drill_planned)
        self.assertEqual(plan.drill_count, 1)
        self.assertEqual(plan.action_view_drills()["domain"], [("plan_id", "=", plan.id)])
        # property managers manage plans too (they are operations managers)
        self.EmergencyPlan.with_user(self.manager).create(
            {"name": "停电应急预案", "kind": "power_cut"}
        )

    def test_drill_recorded_with_findings(self):
        """Done needs its duration; the findings' corrective actions become activities
        of their responsible, closed when they mark them done; the drill moves the
        plan's next due date and no longer changes."""
        drill = self.drill()
        with self.assertRaisesRegex(UserError, "record when it started and ended"):
            drill.with_user(self.ops_manager).action_done()
        with self.assertRaises(AccessError):
            drill.with_user(self.engineer).action_done()
        self.assertEqual(drill.state, "planned")
        with Form(drill.with_user(self.ops_manager)) as form:
            form.date_start = datetime(2026, 3, 20, 2, 0)
            form.date_end = datetime(2026, 3, 20, 3, 30)
            self.assertEqual(form.duration, 1.5)
            form.participant_ids.add(self.owner_zhang)
            form.participant_ids.add(self.owner_li)
            self.assertEqual(form.participant_count, 2)
            form.participant_count = 35
            with form.finding_ids.new() as finding:
                finding.name = "3栋消防广播音量不足"
                finding.corrective_action = "检修广播功放"
                finding.user_id = self.engineer
                finding.date_deadline = date(2026, 4, 5)
            with form.finding_ids.new() as finding:
                finding.name = "疏散用时6分钟"
        found, noted = drill.finding_ids.sorted("id")
        self.assertFalse(self.activities(found, self.corrective_type), "not before done")
        drill.with_user(self.ops_manager).action_done()
        self.assertEqual(drill.state, "done")
        self.assertEqual(drill.participant_count, 35)
        activity = self.activities(found, self.corrective_type)
        self.assertEqual(activity.user_id, self.engineer)
        self.assertEqual(activity.date_deadline, date(2026, 4, 5))
        self.assertEqual(activity.summary, "Corrective action: 3栋消防广播音量不足")
        self.assertFalse(self.activities(noted, self.corrective_type), "nothing to correct")
        # the drill of 20 March (Beijing): next one due in 6 months
        self.assertEqual(self.fire_plan.last_drill_date, date(2026, 3, 20))
        self.assertEqual(self.fire_plan.next_drill_due, date(2026, 9, 20))
        self.assertFalse(self.fire_plan.drill_planned)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            drill.with_user(self.ops_manager).duration = 3
        with self.assertRaises(UserError):
            drill.with_user(self.ops_manager).action_cancel()
        # a finding added afterwards is given out at once
        later = (
            self.env["property.emergency.finding"]
            .with_user(self.ops_manager)
            .create(
                {
                    "drill_id": drill.id,
                    "name": "2号楼梯间堆放杂物",
                    "corrective_action": "清理并告知业主",
                    "user_id": self.staff.id,
                }
            )
        )
        self.assertEqual(self.activities(later, self.corrective_type).user_id, self.staff)
        # given to someone else, by another deadline: their activity, not the first one's
        later.with_user(self.ops_manager).write(
            {"user_id": self.engineer.id, "date_deadline": "2026-04-30"}
        )
        activity = self.activities(later, self.corrective_type)
        self.assertEqual(activity.user_id, self.engineer)
        self.assertEqual(activity.date_deadline, date(2026, 4, 30))
        # closed by its responsible, not by someone else
        with self.assertRaises(AccessError):
            found.with_user(self.staff).action_done()
        found.with_user(self.engineer).action_done()
        self.assertEqual(found.state, "done")
        self.assertFalse(self.activities(found, self.corrective_type))
        with self.assertRaises(UserError):
            found.with_user(self.engineer).action_done()

    def test_overdue_drills_flagged_once(self):
        """The fire plan approved on 10 January is due on 10 July: flagged the next day
        (Beijing time) for its responsible, once; a plan with a drill planned is not;
        a plan without responsible goes to the estate's project manager. Done, the drill
        moves the due date, which is flagged again when it passes."""
        elevator_plan = self.EmergencyPlan.create(
            {
                "name": "电梯困人应急预案",
                "kind": "elevator",
                "estate_id": self.estate.id,
                "date_approved": "2025-07-01",
                "user_id": False,
            }
        )
        power_plan = self.EmergencyPlan.create(
            {"name": "停电应急预案", "kind": "power_cut", "date_approved": "2025-06-01"}
        )
        self.drill(power_plan, estate_id=self.estate.id, date_scheduled="2026-08-01 02:00:00")
        self.assertEqual(self.flag_overdue("2026-07-10 12:00:00"), elevator_plan)
        self.assertEqual(
            self.activities(elevator_plan, self.drill_due_type).user_id, self.estate.manager_id
        )
        flagged = self.flag_overdue("2026-07-10 16:30:00")  # 11 July 00:30 in Shanghai
        self.assertEqual(flagged, self.fire_plan)
        activity = self.activities(self.fire_plan, self.drill_due_type)
        self.assertEqual(activity.user_id, self.ops_manager)
        self.assertEqual(activity.date_deadline, date(2026, 7, 11))
        self.assertEqual(
            activity.summary, "Drill due on 2026-07-10 not done: 阳光花园 火灾应急预案"
        )
        # twice, the next day, after the activity is done: nothing more
        self.assertFalse(self.flag_overdue("2026-07-10 17:00:00"))
        self.assertFalse(self.flag_overdue("2026-07-12 01:00:00"))
        activity.with_user(self.ops_manager).action_feedback(feedback="已安排演练")
        self.assertFalse(self.flag_overdue("2026-07-13 01:00:00"))
        plans = self.fire_plan | elevator_plan | power_plan
        self.assertEqual(len(self.activities(plans, self.drill_due_type)), 1)
        # drilled on 20 July: due on 20 January, flagged again after it
        self.drill(
            date_scheduled="2026-07-20 02:00:00",
            date_start="2026-07-20 02:00:00",
            date_end="2026-07-20 03:00:00",
        ).with_user(self.ops_manager).action_done()
        self.assertEqual(self.fire_plan.next_drill_due, date(2027, 1, 20))
        self.assertFalse(self.flag_overdue("2027-01-20 01:00:00"))
        self.assertEqual(self.flag_overdue("2027-01-20 16:30:00"), self.fire_plan)
        self.assertEqual(len(self.activities(self.fire_plan, self.drill_due_type)), 1)

    def test_staff_read_plans_and_log_incidents(self):
        """A property staff member reads the plans, their roles and steps, and logs an
        incident; they change no plan and record no drill; an operations manager closes
        the incident once its actions are written, and it no longer changes."""
        plan = self.fire_plan.with_user(self.staff)
        self.assertEqual(plan.role_ids.mapped("name"), ["总指挥", "消防控制室"])
        self.assertEqual(plan.step_ids.mapped("name"), ["确认火情", "报警119"])
        with self.assertRaises(AccessError):
            plan.name = "改名"
        with self.assertRaises(AccessError):
            plan.role_ids[0].phone = "110"
        with self.assertRaises(AccessError):
            self.EmergencyPlan.with_user(self.staff).create({"name": "新预案", "kind": "fire"})
        with self.assertRaises(AccessError):
            self.Drill.with_user(self.staff).create(
                {"plan_id": plan.id, "date_scheduled": "2026-03-20 02:00:00"}
            )
        with self.at("2026-03-05 06:00:00"):
            with Form(self.Incident.with_user(self.staff)) as form:
                form.estate_id = self.estate
                form.plan_id = self.fire_plan
                self.assertEqual(form.kind, "fire")
                self.assertEqual(form.reported_by_id, self.staff)
                form.location = "3栋地下车库"
                form.description = "电动车充电起火，烟感报警"
            incident = form.record
        self.assertRegex(incident.name, r"^YJ/2026/\d{4}$")
        self.assertEqual(incident.date_occurred, datetime(2026, 3, 5, 6, 0))
        self.assertEqual(self.fire_plan.incident_count, 1)
        with self.assertRaises(AccessError):
            incident.action_close()
        with self.assertRaisesRegex(UserError, "actions taken"):
            incident.with_user(self.ops_manager).action_close()
        incident.actions_taken = "灭火器扑灭，切断充电桩电源，通知业主"
        incident.with_user(self.ops_manager).action_close()
        self.assertEqual(incident.state, "closed")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            incident.with_user(self.staff).lessons = "禁止地下车库充电"
        with self.assertRaises(AccessError):
            incident.with_user(self.staff).unlink()

    def test_each_company_its_plans(self):
        """Another company's plans, drills and incidents are not seen."""
        company_2, estate_2, _unit = self.second_company()
        manager_2 = self.company_user(
            company_2, "po_manager_2", "property_operations.group_operations_manager"
        )
        plan_2 = self.EmergencyPlan.with_user(manager_2).create(
            {"name": "滨江府 地震应急预案", "kind": "earthquake"}
        )
        self.assertEqual(plan_2.company_id, company_2)
        drill_2 = self.Drill.with_user(manager_2).create(
            {
                "plan_id": plan_2.id,
                "estate_id": estate_2.id,
                "date_scheduled": "2026-05-12 02:00:00",
            }
        )
        self.assertEqual(drill_2.company_id, company_2)
        self.assertEqual(self.EmergencyPlan.with_user(manager_2).search([]), plan_2)
        self.assertNotIn(plan_2, self.EmergencyPlan.with_user(self.staff).search([]))
        self.assertIn(self.fire_plan, self.EmergencyPlan.with_user(self.staff).search([]))
        with self.assertRaises(AccessError):
            plan_2.with_user(self.staff).read(["name"])
        with self.assertRaises(AccessError):
            drill_2.with_user(self.ops_manager).read(["name"])
        with self.assertRaises(UserError):
            # a drill of the first company on the second's plan
            self.Drill.with_user(self.ops_manager).create(
                {
                    "plan_id": plan_2.id,
                    "estate_id": self.estate.id,
                    "date_scheduled": "2026-05-12 02:00:00",
                }
            )


# the overdue-drill job's queries: the companies and their time zones, the plans to flag,
# the open activities, the activities' insert and their people subscribed (per person),
# the flags written, what remains
DRILL_FLAG_QUERIES = 25


@tagged("post_install", "-at_install")
class TestEmergencyPerformance(OperationsCommon):
    def plans(self, count, approved):
        responsibles = self.engineer | self.ops_manager
        return self.env["property.emergency.plan"].create(
            [
                {
                    "name": f"预案 {approved} {i}",
                    "kind": "power_cut",
                    "estate_id": self.estate.id,
                    "date_approved": approved,
                    "user_id": responsibles[i % 2].id,
                }
                for i in range(count)
            ]
        )

    def flag(self, when):
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(when), self.assertQueryCount(DRILL_FLAG_QUERIES):
            flagged = self.env["property.emergency.plan"]._cron_flag_overdue_drills()
            self.env.flush_all()
        return flagged.filtered(lambda p: p.estate_id == self.estate)

    def test_overdue_drill_flags_do_not_grow_with_plans(self):
        """20 plans overdue, then 40: the same queries (two responsibles)."""
        warm = self.plans(1, "2024-12-01")
        with freeze_time("2025-12-05 01:00:00"):
            self.assertIn(warm, self.env["property.emergency.plan"]._cron_flag_overdue_drills())
        first = self.plans(20, "2025-01-01")
        second = self.plans(40, "2025-03-01")
        self.assertEqual(self.flag("2026-01-05 01:00:00"), first)
        self.assertEqual(self.flag("2026-03-05 01:00:00"), second)
