from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TicketCommon

# 2026-03-02 is a Monday; 10:00 in Shanghai
MONDAY = "2026-03-02 02:00:00"
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5"
    "ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestInspection(TicketCommon):
    """DOMAIN §10: inspection plans (巡查 / 巡检), their rounds and the requests raised
    by failed checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Template = cls.env["property.inspection.template"]
        cls.Round = cls.env["property.inspection.round"]

    def plan(self, **values):
        return self.Template.create(
            {
                "name": "A栋 电梯巡检",
                "estate_id": self.estate.id,
                "building_id": self.building_a.id,
                "facility_id": self.elevator.id,
                "location": "A栋 电梯机房",
                "team_id": self.team.id,
                "user_id": self.technician.id,
                "item_ids": [
                    Command.create(
                        {"sequence": 1, "name": "轿厢照明", "category_id": self.category_power.id}
                    ),
                    Command.create(
                        {
                            "sequence": 2,
                            "name": "运行噪音",
                            "category_id": self.category_elevator.id,
                            "instructions": "无异响、无抖动",
                        }
                    ),
                    Command.create({"sequence": 3, "name": "应急电话"}),
                ],
                **values,
            }
        )

    def run_cron(self, when):
        with self.at(when):
            self.Template._cron_inspection()
        return self.Round.search([("template_id.estate_id", "=", self.estate.id)])

    def rounds_of(self, template):
        return self.Round.search([("template_id", "=", template.id)], order="date")

    def test_rounds_due_on_their_dates(self):
        with self.at(MONDAY):
            daily = self.plan(name="每日巡检")
            weekly = self.plan(name="每周巡检", recurrence="weekly", weekday="2")
            monthly = self.plan(name="每月巡检", recurrence="monthly", month_day=31)
        self.assertEqual(daily.next_date, date(2026, 3, 2))
        self.assertEqual(weekly.next_date, date(2026, 3, 4), "the Wednesday")
        self.assertEqual(monthly.next_date, date(2026, 3, 31))

        self.run_cron(MONDAY)
        self.assertEqual(self.rounds_of(daily).mapped("date"), [date(2026, 3, 2)])
        self.assertFalse(self.rounds_of(weekly) | self.rounds_of(monthly))
        self.assertEqual(daily.next_date, date(2026, 3, 3))

        # Wednesday: the scheduler did not run on Tuesday, its round is created (missed)
        self.run_cron("2026-03-04 01:00:00")
        self.assertEqual(
            self.rounds_of(daily).mapped("date"),
            [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)],
        )
        self.assertEqual(self.rounds_of(daily).mapped("state"), ["missed", "missed", "planned"])
        self.assertEqual(self.rounds_of(weekly).mapped("date"), [date(2026, 3, 4)])
        self.assertEqual(weekly.next_date, date(2026, 3, 11))

        self.run_cron("2026-03-31 01:00:00")
        self.assertEqual(self.rounds_of(monthly).mapped("date"), [date(2026, 3, 31)])
        self.assertEqual(monthly.next_date, date(2026, 4, 30), "the last day of April")

        # the checklist is copied, in its order, with the category to raise
        round_ = self.rounds_of(weekly)[0]
        self.assertEqual(round_.line_ids.mapped("name"), ["轿厢照明", "运行噪音", "应急电话"])
        self.assertEqual(round_.line_ids[1].category_id, self.category_elevator)
        self.assertEqual(round_.line_ids[1].instructions, "无异响、无抖动")
        self.assertEqual(
            (round_.estate_id, round_.building_id, round_.facility_id, round_.user_id),
            (self.estate, self.building_a, self.elevator, self.technician),
        )

    def test_the_day_is_the_companys(self):
        with self.at(MONDAY):
            daily = self.plan()
        # 01:00 on Tuesday in Shanghai, still Monday in UTC
        self.run_cron("2026-03-02 17:00:00")
        self.assertEqual(self.rounds_of(daily).mapped("date"), [date(2026, 3, 2), date(2026, 3, 3)])
        self.assertEqual(self.rounds_of(daily)[0].state, "missed")

    def test_running_twice_creates_nothing_more(self):
        with self.at(MONDAY):
            daily = self.plan()
            self.plan(name="每周巡检", recurrence="weekly", weekday="0")
        first = self.run_cron(MONDAY)
        self.assertEqual(len(first), 2)
        self.assertEqual(self.run_cron(MONDAY), first)
        # even with the next date set back by hand
        daily.next_date = date(2026, 3, 2)
        self.assertEqual(self.run_cron("2026-03-02 08:00:00"), first)
        self.assertEqual(daily.next_date, date(2026, 3, 3))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Round.create(
                {"template_id": daily.id, "date": date(2026, 3, 2), "estate_id": self.estate.id}
            )

    def test_archived_plans_have_no_rounds(self):
        with self.at(MONDAY):
            daily = self.plan(active=False)
        self.run_cron(MONDAY)
        self.assertFalse(self.rounds_of(daily))

    def test_failed_check_raises_one_request(self):
        with self.at(MONDAY):
            template = self.plan()
        round_ = self.run_cron(MONDAY)
        light, noise, phone = round_.line_ids
        patrols = self.env["property.ticket"].search_count([("channel", "=", "patrol")])
        tech_round = round_.with_user(self.technician)
        with self.at("2026-03-02 03:00:00"):
            light.with_user(self.technician).action_ok()
            self.assertEqual(round_.state, "in_progress")
            noise.with_user(self.technician).write({"note": "运行时异响", "photo": PIXEL})
            noise.with_user(self.technician).action_failed()
            phone.with_user(self.technician).action_na()
            tech_round.action_done()
        self.assertEqual(round_.state, "done")
        self.assertEqual(round_.done_by_id, self.technician)
        ticket = noise.ticket_id
        self.assertEqual(len(ticket), 1)
        self.assertEqual(round_.ticket_ids, ticket)
        self.assertFalse((light | phone).ticket_id)
        self.assertEqual(
            (
                ticket.ticket_type,
                ticket.category_id,
                ticket.estate_id,
                ticket.building_id,
                ticket.facility_id,
                ticket.channel,
                ticket.state,
                ticket.receiver_id,
            ),
            (
                "public_area",
                self.category_elevator,
                self.estate,
                self.building_a,
                self.elevator,
                "patrol",
                "new",
                self.technician,
            ),
        )
        self.assertFalse(ticket.unit_id)
        self.assertIn(round_.name, ticket.description)
        self.assertIn("运行噪音", ticket.description)
        self.assertIn("运行时异响", ticket.description)
        self.assertIn(template.name, round_.name)
        self.assertEqual(len(ticket.photo_ids), 1)
        # once only: a done round cannot be completed again
        with self.assertRaises(UserError):
            tech_round.action_done()
        with self.assertRaises(UserError):
            noise.with_user(self.technician).action_ok()
        self.assertEqual(
            self.env["property.ticket"].search_count([("channel", "=", "patrol")]), patrols + 1
        )

    def test_missing_results_are_refused(self):
        with self.at(MONDAY):
            self.plan()
        round_ = self.run_cron(MONDAY)
        round_.line_ids[0].with_user(self.technician).action_failed()
        with self.assertRaisesRegex(UserError, "运行噪音, 应急电话"):
            round_.with_user(self.technician).action_done()
        self.assertEqual(round_.state, "in_progress")
        self.assertFalse(round_.line_ids.ticket_id)
        with self.assertRaises(UserError):
            round_.with_user(self.lead).write({"state": "done"})

    def test_missed_rounds_are_marked(self):
        with self.at(MONDAY):
            self.plan()
            self.plan(name="每日巡检 B")
        planned, started = self.run_cron(MONDAY).sorted("id")
        started.with_user(self.technician).action_start()
        self.assertEqual(started.user_id, self.technician)
        # still Monday at 23:30 in Shanghai
        self.run_cron("2026-03-02 15:30:00")
        self.assertEqual((planned | started).mapped("state"), ["planned", "in_progress"])
        rounds = self.run_cron("2026-03-03 01:00:00")
        self.assertEqual((planned | started).mapped("state"), ["missed", "missed"])
        tuesday = rounds - planned - started
        self.assertEqual(tuesday.mapped("state"), ["planned", "planned"])
        with self.assertRaises(UserError):
            planned.with_user(self.technician).action_done()

    def test_access_rights(self):
        with self.at(MONDAY):
            template = self.plan()
        round_ = self.run_cron(MONDAY)
        # technicians and the desk do the rounds, they do not plan them
        for user in (self.technician, self.desk):
            self.assertEqual(
                self.Template.with_user(user).search([("id", "=", template.id)]), template
            )
            with self.assertRaises(AccessError):
                self.Template.with_user(user).create({"name": "巡检", "estate_id": self.estate.id})
            with self.assertRaises(AccessError):
                template.with_user(user).write({"name": "改名"})
            with self.assertRaises(AccessError):
                self.Round.with_user(user).create(
                    {
                        "template_id": template.id,
                        "date": date(2026, 3, 9),
                        "estate_id": self.estate.id,
                    }
                )
        round_.line_ids.with_user(self.desk).action_ok()
        round_.with_user(self.desk).action_done()
        self.assertEqual(round_.state, "done")
        # team leads and managers plan
        lead_plan = self.Template.with_user(self.lead).create(
            {
                "name": "地下车库 安全巡查",
                "estate_id": self.estate.id,
                "recurrence": "weekly",
                "weekday": "4",
                "item_ids": [Command.create({"name": "消防通道畅通"})],
            }
        )
        lead_plan.with_user(self.ticket_manager).item_ids.name = "消防通道无堵塞"
        # each company sees its own
        company_2, estate_2, _unit_2 = self.second_company()
        lead_2 = self.company_user(company_2, "pt_lead_2", "property_ticket.group_ticket_lead")
        plan_2 = self.Template.with_user(lead_2).create(
            {
                "name": "滨江府 巡查",
                "estate_id": estate_2.id,
                "item_ids": [Command.create({"name": "门岗"})],
            }
        )
        self.assertEqual(self.Template.with_user(lead_2).search([]), plan_2)
        with self.assertRaises(AccessError):
            round_.with_user(lead_2).read(["name"])
        with self.assertRaises(AccessError):
            round_.line_ids.with_user(lead_2).read(["name"])
        self.assertNotIn(plan_2, self.Template.with_user(self.lead).search([]))

    def test_batches(self):
        with self.at(MONDAY):
            first, second = self.plan(), self.plan(name="每日巡检 B")
            self.Template._cron_inspection(batch_size=1)
            self.assertEqual(len(self.rounds_of(first) | self.rounds_of(second)), 1)
            self.Template._cron_inspection(batch_size=1)
            self.assertEqual(len(self.rounds_of(first) | self.rounds_of(second)), 2)

    def test_views_open_for_every_role(self):
        for user in (self.technician, self.desk, self.lead, self.ticket_manager):
            rounds = self.Round.with_user(user).get_views(
                [(False, "kanban"), (False, "list"), (False, "calendar"), (False, "form")]
            )
            self.assertIn("action_failed", rounds["views"]["form"]["arch"])
            self.Template.with_user(user).get_views([(False, "list"), (False, "form")])
