from datetime import datetime
from unittest.mock import patch

from odoo.tests import Form, tagged

from .common import TicketCommon

ESCALATION = "property_ticket.mail_activity_ticket_escalation"


@tagged("post_install", "-at_install")
class TestEscalationCron(TicketCommon):
    """The cron on fixed clocks, with the shipped policies (calendar hours)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Ticket = cls.env["property.ticket"]
        # the demo requests stay out of these counts
        cls.Ticket.search([])._write_workflow({"state": "cancelled"})

    def escalations(self, ticket):
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ESCALATION)
        )

    def test_overdue_water_fault_goes_to_the_team_leader_then_the_manager(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(category_id=self.category_leak.id)
            ticket.with_user(self.desk).action_dispatch()
            ticket.with_user(self.desk).action_reply()
        self.assertFalse(ticket.overdue)
        with self.at("2026-03-02 01:59:00"):
            self.Ticket._cron_check_sla()
        self.assertFalse(ticket.overdue)
        self.assertEqual(ticket.escalation_level, "none")

        # 1 h without response: overdue, up to the team leader
        with self.at("2026-03-02 02:01:00"):
            self.Ticket._cron_check_sla()
        self.assertTrue(ticket.overdue)
        self.assertTrue(ticket.sla_failed)
        self.assertEqual(ticket.escalation_level, "lead")
        self.assertEqual(ticket.escalated_to_id, self.lead)
        self.assertEqual(str(ticket.date_escalated), "2026-03-02 02:01:00")
        self.assertEqual(self.escalations(ticket).user_id, self.lead)
        self.assertEqual(str(ticket.sla_checked_on), "2026-03-02 02:01:00")

        # the same missed deadline does not escalate again
        with self.at("2026-03-02 05:00:00"):
            self.Ticket._cron_check_sla()
        self.assertEqual(ticket.escalation_level, "lead")
        self.assertEqual(len(self.escalations(ticket)), 1)

        # taken over late: no longer overdue, but the SLA was missed
        with self.at("2026-03-02 05:10:00"):
            ticket.with_user(self.technician).action_take()
        self.assertFalse(ticket.overdue)
        self.assertTrue(ticket.sla_failed)

    def test_each_missed_deadline_raises_a_level(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(
                ticket_type="public_area",
                unit_id=False,
                facility_id=self.elevator.id,
                category_id=self.category_elevator.id,
            )
        # on site (2 h) missed
        with self.at("2026-03-02 03:30:00"):
            self.Ticket._cron_check_sla()
        self.assertEqual(ticket.escalation_level, "lead")
        # then the 24 h first response: to the project manager
        with self.at("2026-03-03 01:30:00"):
            self.Ticket._cron_check_sla()
        self.assertEqual(ticket.escalation_level, "manager")
        self.assertEqual(ticket.escalated_to_id, self.ticket_manager)
        self.assertEqual(self.escalations(ticket).user_id, self.lead | self.ticket_manager)
        self.assertFalse(ticket.sla_next_check, "nothing left to watch")

    def test_important_complaint_escalated_after_an_hour(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(ticket_type="complaint", complaint_tier="important")
        with self.at("2026-03-02 01:30:00"):
            self.Ticket._cron_check_sla()
        self.assertEqual(ticket.escalation_level, "none")
        with self.at("2026-03-02 02:00:30"):
            self.Ticket._cron_check_sla()
        self.assertEqual(ticket.escalation_level, "lead")
        self.assertFalse(ticket.overdue, "an escalation is not a missed deadline")

    def test_major_complaint_goes_to_the_project_manager_when_classified(self):
        """Entered by the desk as major: with the project manager on saving, no cron."""
        with self.at("2026-03-02 01:00:00"), Form(self.Ticket.with_user(self.desk)) as form:
            form.subject = "保安态度恶劣"
            form.ticket_type = "complaint"
            form.complaint_tier = "major"
            form.unit_id = self.unit_a1
            form.team_id = self.team
        ticket = form.record
        self.assertEqual(ticket.escalation_level, "manager")
        self.assertEqual(ticket.escalated_to_id, self.ticket_manager)
        self.assertEqual(str(ticket.date_escalated), "2026-03-02 01:00:00")
        self.assertEqual(self.escalations(ticket).user_id, self.ticket_manager)
        self.assertEqual(ticket.sla_next_check, ticket.deadline_response, "the answer is next")

    def test_complaint_classified_major_later_goes_up_then(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(ticket_type="complaint", complaint_tier="minor")
        self.assertEqual(ticket.escalation_level, "none")
        with self.at("2026-03-02 03:00:00"), Form(ticket.with_user(self.desk)) as form:
            form.complaint_tier = "major"
        self.assertEqual(ticket.escalation_level, "manager")
        self.assertEqual(str(ticket.date_escalated), "2026-03-02 03:00:00")
        self.assertEqual(self.escalations(ticket).user_id, self.ticket_manager)
        # the cron has nothing more to escalate
        with self.at("2026-03-02 16:00:00"):
            self.Ticket._cron_check_sla()
        self.assertEqual(len(self.escalations(ticket)), 1)

    def test_met_deadlines_escalate_nothing(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(category_id=self.category_leak.id, user_id=self.technician.id)
            ticket.with_user(self.desk).action_dispatch()
        with self.at("2026-03-02 01:10:00"):
            ticket.with_user(self.technician).action_start()
        with self.at("2026-03-05 00:00:00"):
            self.Ticket._cron_check_sla()
        self.assertEqual(ticket.escalation_level, "none")
        self.assertFalse(ticket.overdue)
        self.assertFalse(ticket.sla_failed)

    def test_closed_requests_are_not_watched(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(category_id=self.category_leak.id)
            ticket.with_user(self.desk).action_cancel(reason="重复")
        with self.at("2026-03-05 00:00:00"):
            self.assertFalse(self.Ticket._cron_check_sla())
        self.assertFalse(ticket.overdue)

    def test_batches_and_progress(self):
        with self.at("2026-03-02 01:00:00"):
            tickets = self.Ticket.create(
                [
                    {
                        "subject": f"漏水 {i}",
                        "unit_id": self.unit_a1.id,
                        "category_id": self.category_leak.id,
                        "team_id": self.team.id,
                    }
                    for i in range(7)
                ]
            )
        progress = []

        def notify(cron, done, remaining, deactivate=False):
            progress.append((done, remaining))

        with (
            self.at("2026-03-02 03:00:00"),
            patch.object(type(self.env["ir.cron"]), "_notify_progress", notify),
        ):
            first = self.Ticket._cron_check_sla(batch_size=5)
            second = self.Ticket._cron_check_sla(batch_size=5)
            third = self.Ticket._cron_check_sla(batch_size=5)
        self.assertEqual((len(first), len(second), len(third)), (5, 2, 0))
        self.assertEqual(progress, [(5, 2), (2, 0), (0, 0)])
        self.assertEqual(set(tickets.mapped("escalation_level")), {"lead"})
        self.assertTrue(all(tickets.mapped("overdue")))

    def test_cron_queries_do_not_grow_with_the_batch(self):
        def make(count):
            with self.at("2026-03-02 01:00:00"):
                return self.Ticket.create(
                    [
                        {
                            "subject": f"停电 {i}",
                            "unit_id": self.unit_a1.id,
                            "category_id": self.category_power.id,
                            "team_id": self.team.id,
                        }
                        for i in range(count)
                    ]
                )

        def count_queries(tickets):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            with self.at("2026-03-02 03:00:00"):
                done = self.Ticket._cron_check_sla(now=datetime(2026, 3, 2, 3, 0))
            self.env.flush_all()
            self.assertEqual(done, tickets)
            return self.cr.sql_log_count - before

        small = count_queries(make(5))
        large = count_queries(make(50))
        # a few more for larger batches at most (ids lists, activity chunks), never 1 per request
        self.assertLess(large - small, 10, (small, large))
