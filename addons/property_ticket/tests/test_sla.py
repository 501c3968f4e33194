from datetime import datetime

from odoo import Command
from odoo.tests import tagged

from .common import TicketCommon

# 2026-03-06 is a Friday; times are UTC, Shanghai is UTC+8 (no DST).
FRIDAY_1730_CST = "2026-03-06 09:30:00"


@tagged("post_install", "-at_install")
class TestSlaDefaults(TicketCommon):
    """The policies shipped as data (DOMAIN §4-5), in calendar hours."""

    def test_water_fault_responds_within_the_hour_and_reply_after_dispatch(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(category_id=self.category_leak.id)
        self.assertEqual(str(ticket.deadline_response), "2026-03-02 02:00:00")
        self.assertFalse(ticket.deadline_reply, "no reply deadline before dispatch")
        self.assertEqual(
            ticket.sla_ids,
            self.env.ref("property_ticket.sla_every_request")
            | self.env.ref("property_ticket.sla_water_power"),
        )
        with self.at("2026-03-02 01:30:00"):
            ticket.with_user(self.desk).action_dispatch()
        self.assertEqual(str(ticket.deadline_reply), "2026-03-02 01:45:00")

    def test_other_request_responds_within_a_day(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket()
        self.assertEqual(str(ticket.deadline_response), "2026-03-03 01:00:00")
        self.assertFalse(ticket.deadline_onsite)
        self.assertFalse(ticket.deadline_resolve)

    def test_elevator_on_site_within_two_hours(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(
                ticket_type="public_area",
                unit_id=False,
                facility_id=self.elevator.id,
                category_id=self.category_elevator.id,
            )
        self.assertEqual(str(ticket.deadline_onsite), "2026-03-02 03:00:00")

    def test_complaint_tiers(self):
        with self.at("2026-03-02 01:00:00"):  # 09:00 in Shanghai
            major, important, minor = (
                self.ticket(ticket_type="complaint", complaint_tier=tier)
                for tier in ("major", "important", "minor")
            )
        # major: to the project manager at once, answer in 2 days (its own target, not
        # the 24 h first response of every request), resolved in 10 days
        self.assertEqual(str(major.deadline_escalate), "2026-03-02 01:00:00")
        self.assertEqual(major.sla_escalate_to, "manager")
        self.assertEqual(str(major.deadline_response), "2026-03-04 01:00:00")
        self.assertEqual(str(major.deadline_resolve), "2026-03-12 01:00:00")
        # important: to the department head within 1 hour, resolved in 3 days
        self.assertEqual(str(important.deadline_escalate), "2026-03-02 02:00:00")
        self.assertEqual(important.sla_escalate_to, "lead")
        self.assertEqual(str(important.deadline_resolve), "2026-03-05 01:00:00")
        # minor: resolved in 2 days
        self.assertFalse(minor.deadline_escalate)
        self.assertEqual(str(minor.deadline_resolve), "2026-03-04 01:00:00")

    def test_each_target_from_the_most_specific_policy_setting_it(self):
        """A major complaint: its policy answers within 2 days, looser than the 24 h of
        every request, and wins; it sets no reply target, so every request's 15 min
        still applies."""
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(ticket_type="complaint", complaint_tier="major")
            ticket.with_user(self.desk).action_dispatch()
        self.assertEqual(str(ticket.deadline_response), "2026-03-04 01:00:00")
        self.assertEqual(str(ticket.deadline_reply), "2026-03-02 01:15:00")
        # a water fault: its category's 1 h, and a sub-category's own target over it
        leak_policy = self.env["property.ticket.sla"].create(
            {
                "name": "漏水 2 小时响应",
                "category_ids": [Command.set(self.category_leak.ids)],
                "response_hours": 2,
            }
        )
        with self.at("2026-03-02 01:00:00"):
            leak, power = (
                self.ticket(category_id=self.category_leak.id),
                self.ticket(category_id=self.category_power.id),
            )
        self.assertEqual(str(leak.deadline_response), "2026-03-02 03:00:00")
        self.assertIn(leak_policy, leak.sla_ids)
        self.assertEqual(str(power.deadline_response), "2026-03-02 02:00:00")

    def test_deadlines_follow_the_category(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket()
            self.assertEqual(str(ticket.deadline_response), "2026-03-03 01:00:00")
            ticket.category_id = self.category_power
        self.assertEqual(str(ticket.deadline_response), "2026-03-02 02:00:00")


@tagged("post_install", "-at_install")
class TestSlaWorkingHours(TicketCommon):
    """Policies of their own (the shipped ones archived), in working hours of a
    Shanghai calendar Monday-Friday 8-12 and 13-17."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["property.ticket.sla"].search([]).active = False
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "物业标准工时", "tz": "Asia/Shanghai", "company_id": cls.env.company.id}
        )
        cls.env.company.resource_calendar_id = cls.calendar
        cls.policy = cls.env["property.ticket.sla"].create(
            {
                "name": "门窗维修（工作时间）",
                "category_ids": [Command.set(cls.category_doors.ids)],
                "time_basis": "working",
                "response_hours": 1,
                "resolve_hours": 16,
            }
        )

    def test_friday_evening_request_answered_on_monday(self):
        with self.at(FRIDAY_1730_CST):
            ticket = self.ticket()
        # Monday 9:00 in Shanghai: 1 working hour from Monday 8:00
        self.assertEqual(str(ticket.deadline_response), "2026-03-09 01:00:00")
        # 16 working hours: Monday and Tuesday, done Tuesday 17:00
        self.assertEqual(str(ticket.deadline_resolve), "2026-03-10 09:00:00")

    def test_within_the_day_and_across_lunch(self):
        with self.at("2026-03-02 03:30:00"):  # Monday 11:30
            ticket = self.ticket()
        # 30 min before lunch, 30 after: 13:30
        self.assertEqual(str(ticket.deadline_response), "2026-03-02 05:30:00")

    def test_public_holiday_is_not_counted(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "劳动节调休",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 8, 16, 0),  # Monday 00:00 in Shanghai
                "date_to": datetime(2026, 3, 9, 15, 59, 59),
            }
        )
        with self.at(FRIDAY_1730_CST):
            ticket = self.ticket()
        self.assertEqual(str(ticket.deadline_response), "2026-03-10 01:00:00")

    def test_strictest_of_calendar_and_working_policies(self):
        """Two policies as specific as each other: the strictest target applies."""
        self.env["property.ticket.sla"].create(
            {
                "name": "门窗维修 24 小时响应",
                "category_ids": [Command.set(self.category_doors.ids)],
                "response_hours": 24,
                "time_basis": "calendar",
            }
        )
        with self.at(FRIDAY_1730_CST):
            ticket = self.ticket()
        self.assertEqual(str(ticket.deadline_response), "2026-03-07 09:30:00", "Saturday")

    def test_less_specific_policy_does_not_override(self):
        """Every request in 24 calendar hours: the category's working hour wins."""
        self.env["property.ticket.sla"].create(
            {"name": "每项报修 24 小时响应", "response_hours": 24, "time_basis": "calendar"}
        )
        with self.at(FRIDAY_1730_CST):
            ticket = self.ticket()
        self.assertEqual(str(ticket.deadline_response), "2026-03-09 01:00:00", "Monday 9:00")

    def test_same_day_escalation_in_working_hours(self):
        """At once in working time; received after hours, when work starts again."""
        self.policy.write({"escalate_same_day": True, "escalate_to": "manager"})
        with self.at("2026-03-06 02:00:00"):  # Friday 10:00
            morning = self.ticket()
        with self.at(FRIDAY_1730_CST):
            evening = self.ticket()
        self.assertEqual(str(morning.deadline_escalate), "2026-03-06 02:00:00", "Friday 10:00")
        self.assertEqual(morning.escalation_level, "manager")
        self.assertEqual(str(evening.deadline_escalate), "2026-03-09 00:00:00", "Monday 8:00")
        self.assertEqual(evening.escalation_level, "none", "the cron's, on Monday")

    def test_long_resolution_reads_further_ahead(self):
        """A target beyond the first weeks of working time read at once."""
        self.policy.resolve_hours = 8 * 40  # forty working days
        with self.at("2026-03-02 00:00:00"):  # Monday 8:00
            ticket = self.ticket()
        self.assertEqual(str(ticket.deadline_resolve), "2026-04-24 09:00:00", "Friday 17:00")
