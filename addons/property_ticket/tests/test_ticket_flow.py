from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.property_ticket.models.property_ticket import TICKET_STATES

from .common import TicketCommon


@tagged("post_install", "-at_install")
class TestTicketFlow(TicketCommon):
    def test_intake_defaults_from_the_unit(self):
        """The desk types the unit: estate, building, requester and phone follow."""
        with Form(self.env["property.ticket"].with_user(self.desk)) as form:
            form.unit_id = self.unit_a1
            form.subject = "卫生间下水道堵塞"
            form.category_id = self.category_water
        ticket = form.save()
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.building_id, self.building_a)
        # owner and tenant both live there: the tenant is who calls
        self.assertEqual(ticket.partner_id, self.tenant_wang)
        self.assertEqual(ticket.contact_phone, "13800138000")
        self.assertEqual(ticket.receiver_id, self.desk)
        self.assertEqual(ticket.state, "new")
        self.assertRegex(ticket.name, r"^WO/\d{4}/\d{5}$")
        self.assertEqual(ticket.access_url, f"/my/tickets/{ticket.id}")

    def test_public_area_issue_from_the_facility(self):
        ticket = (
            self.env["property.ticket"]
            .with_user(self.technician)
            .create(
                {
                    "subject": "电梯异响",
                    "ticket_type": "public_area",
                    "facility_id": self.elevator.id,
                    "channel": "patrol",
                }
            )
        )
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.building_id, self.building_a)
        self.assertEqual(ticket.team_id, self.team)
        self.assertFalse(ticket.unit_id)
        self.assertEqual(ticket.receiver_id, self.technician, "the first receiver owns it")

    def test_full_flow_with_timestamps(self):
        with self.at("2026-03-02 01:00:00"):
            ticket = self.ticket(user_id=self.technician.id)
        with self.at("2026-03-02 01:05:00"):
            ticket.with_user(self.desk).action_dispatch()
        with self.at("2026-03-02 01:10:00"):
            ticket.with_user(self.desk).action_reply()
        with self.at("2026-03-02 01:20:00"):
            ticket.with_user(self.technician).action_take()
        with self.at("2026-03-02 02:00:00"):
            ticket.with_user(self.technician).action_start()
        with self.at("2026-03-02 03:00:00"):
            ticket.with_user(self.technician).action_done()
        self.sign(ticket)
        with self.at("2026-03-02 03:10:00"):
            ticket.with_user(self.desk).action_accept()
        followup = ticket.followup_ids
        followup.satisfaction = "5"
        with self.at("2026-03-03 02:00:00"):
            followup.with_user(self.desk).action_done()
        self.assertEqual(ticket.state, "followed_up")
        with self.at("2026-03-03 02:05:00"):
            ticket.with_user(self.desk).action_close()
        self.assertEqual(ticket.state, "closed")
        self.assertEqual(
            [
                str(ticket[field])
                for field in (
                    "date_received",
                    "date_dispatched",
                    "date_replied",
                    "date_first_response",
                    "date_on_site",
                    "date_done",
                    "date_accepted",
                    "date_followed_up",
                    "date_closed",
                )
            ],
            [
                "2026-03-02 01:00:00",
                "2026-03-02 01:05:00",
                "2026-03-02 01:10:00",
                "2026-03-02 01:20:00",
                "2026-03-02 02:00:00",
                "2026-03-02 03:00:00",
                "2026-03-02 03:10:00",
                "2026-03-03 02:00:00",
                "2026-03-03 02:05:00",
            ],
        )
        self.assertEqual(ticket.satisfaction, "5")
        self.assertFalse(ticket.sla_failed)
        self.assertEqual(str(ticket.signed_on), "2026-03-02 03:10:00")

    # ------------------------------------------------------------------ permissions

    def test_only_the_desk_dispatches(self):
        ticket = self.ticket()
        with self.assertRaisesRegex(AccessError, "Only the service desk dispatches"):
            ticket.with_user(self.technician).action_dispatch()
        ticket.with_user(self.desk).action_dispatch()
        self.assertEqual(ticket.state, "dispatched")

    def test_dispatch_needs_a_team_and_a_complaint_tier(self):
        ticket = self.ticket(team_id=False, category_id=False)
        with self.assertRaisesRegex(UserError, "choose the team"):
            ticket.with_user(self.desk).action_dispatch()
        complaint = self.ticket(ticket_type="complaint")
        with self.assertRaisesRegex(UserError, "set its tier"):
            complaint.with_user(self.desk).action_dispatch()

    def test_work_steps_are_the_technicians(self):
        """The desk, or another technician, cannot work on a request assigned to
        somebody; its team leader can."""
        ticket = self.ticket(user_id=self.technician.id)
        ticket.with_user(self.desk).action_dispatch()
        for intruder in (self.desk, self.technician_2):
            with self.assertRaisesRegex(AccessError, "only they, or their team leader"):
                ticket.with_user(intruder).action_take()
            with self.assertRaisesRegex(AccessError, "only they, or their team leader"):
                ticket.with_user(intruder).action_start()
        ticket.with_user(self.lead).action_start()
        self.assertEqual(ticket.state, "in_progress")
        self.assertEqual(ticket.user_id, self.technician)

    def test_unassigned_request_taken_by_a_team_member(self):
        ticket = self.ticket()
        ticket.with_user(self.desk).action_dispatch()
        outsider = self.env["res.users"].create(
            {
                "name": "保安 钱",
                "login": "pt_guard",
                "groups_id": [(6, 0, self.env.ref("property_ticket.group_ticket_technician").ids)],
            }
        )
        self.work_for(outsider, self.estate)
        with self.assertRaisesRegex(AccessError, "only they, or their team leader"):
            ticket.with_user(outsider).action_take()
        ticket.with_user(self.technician_2).action_take()
        self.assertEqual(ticket.user_id, self.technician_2)
        self.assertTrue(ticket.date_first_response)
        with self.assertRaisesRegex(UserError, "already taken over"):
            ticket.with_user(self.technician_2).action_take()

    def test_acceptance_by_the_desk_with_the_signature(self):
        ticket = self.run_to_done(self.ticket())
        with self.assertRaisesRegex(AccessError, "Only the service desk records the acceptance"):
            ticket.with_user(self.technician).action_accept()
        with self.assertRaisesRegex(UserError, "signs the work order"):
            ticket.with_user(self.desk).action_accept()
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        self.assertEqual(ticket.state, "accepted")

    def test_wrong_states(self):
        ticket = self.ticket(user_id=self.technician.id)
        with self.assertRaisesRegex(UserError, "“Received”; this action is not possible"):
            ticket.with_user(self.technician).action_start()
        with self.assertRaisesRegex(UserError, "not possible"):
            ticket.with_user(self.technician).action_done()
        with self.assertRaisesRegex(UserError, "not possible"):
            ticket.with_user(self.desk).action_accept()
        with self.assertRaisesRegex(UserError, "not possible"):
            ticket.with_user(self.desk).action_close()
        with self.assertRaisesRegex(UserError, "not possible"):
            ticket.with_user(self.desk).action_reply()
        self.run_to_done(ticket)
        with self.assertRaisesRegex(UserError, "“Awaiting Acceptance”"):
            ticket.with_user(self.desk).action_dispatch()
        with self.assertRaisesRegex(UserError, "not possible"):
            ticket.with_user(self.desk).action_cancel(reason="x")
        with self.assertRaisesRegex(UserError, "not possible"):
            ticket.with_user(self.desk).action_close()

    def test_state_only_through_the_buttons(self):
        ticket = self.ticket()
        with self.assertRaisesRegex(UserError, "through its buttons"):
            ticket.with_user(self.ticket_manager).write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "through its buttons"):
            self.env["property.ticket"].with_user(self.desk).create(
                {"subject": "x", "unit_id": self.unit_a1.id, "state": "dispatched"}
            )

    def test_close_needs_the_follow_up_visit(self):
        ticket = self.run_to_done(self.ticket())
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        with self.assertRaisesRegex(UserError, "make the follow-up visit"):
            ticket.with_user(self.desk).action_close()
        ticket.followup_ids.with_user(self.lead).action_cancel()
        ticket.with_user(self.desk).action_close()
        self.assertEqual(ticket.state, "closed")

    def test_inquiry_closes_without_follow_up(self):
        ticket = self.run_to_done(
            self.ticket(ticket_type="inquiry", unit_id=False, estate_id=self.estate.id)
        )
        ticket.with_user(self.desk).action_accept()
        self.assertFalse(ticket.followup_ids)
        ticket.with_user(self.desk).action_close()
        self.assertEqual(ticket.state, "closed")
        with self.assertRaisesRegex(AccessError, "Only the service desk closes"):
            self.ticket().with_user(self.technician).action_close()

    # ------------------------------------------------------------------ rework

    def test_refusal_is_rework_and_escalates_the_second_time(self):
        ticket = self.run_to_done(self.ticket())
        with self.assertRaisesRegex(AccessError, "Only the service desk records a refusal"):
            ticket.with_user(self.technician).action_refuse(reason="还在漏")
        wizard = ticket.with_user(self.desk).action_refuse()
        self.assertEqual(wizard["res_model"], "property.reason.wizard")
        self.assertEqual(ticket.state, "done", "nothing happens before the reason is given")
        self.env["property.reason.wizard"].with_user(self.desk).with_context(
            **wizard["context"]
        ).create({"reason": "还在漏"}).action_confirm()
        self.assertEqual(ticket.state, "in_progress")
        self.assertEqual(ticket.rework_count, 1)
        self.assertEqual(ticket.refuse_reason, "还在漏")
        self.assertFalse(ticket.date_done)
        self.assertEqual(ticket.escalation_level, "none")
        ticket.with_user(self.technician).action_done()
        ticket.with_user(self.desk).action_refuse(reason="阀门松动")
        self.assertEqual(ticket.rework_count, 2)
        self.assertEqual(ticket.escalation_level, "lead")
        self.assertEqual(ticket.escalated_to_id, self.lead)
        self.assertEqual(ticket.escalated_by_id, self.desk)
        self.assertIn(
            self.lead,
            ticket.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("property_ticket.mail_activity_ticket_escalation")
                )
            ).user_id,
        )
        ticket.with_user(self.technician).action_done()
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        self.assertEqual(ticket.rework_count, 2)

    def test_refusals_before_escalation_are_the_company_s(self):
        ticket = self.run_to_done(self.ticket())
        ticket.company_id.ticket_rework_escalation = 3
        for _round in (1, 2):
            ticket.with_user(self.desk).action_refuse(reason="还在漏")
            ticket.with_user(self.technician).action_done()
        self.assertEqual(ticket.rework_count, 2)
        self.assertEqual(ticket.escalation_level, "none")
        ticket.with_user(self.desk).action_refuse(reason="还在漏")
        self.assertEqual(ticket.escalation_level, "lead")

    def test_dissatisfied_rating_is_the_company_s(self):
        ticket = self.run_to_done(self.ticket())
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        ticket.company_id.ticket_dissatisfied_rating = 3
        ticket.followup_ids.satisfaction = "3"
        ticket.followup_ids.with_user(self.desk).action_done()
        self.assertEqual(ticket.state, "in_progress", "a 3 is dissatisfied here")
        self.assertEqual(ticket.rework_count, 1)

    def test_dissatisfied_follow_up_reopens_as_rework(self):
        ticket = self.run_to_done(self.ticket())
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        followup = ticket.followup_ids
        followup.write({"satisfaction": "2", "comment": "门还是关不严"})
        with self.assertRaisesRegex(AccessError, "Only the service desk records follow-up"):
            followup.with_user(self.technician).action_done()
        followup.with_user(self.desk).action_done()
        self.assertEqual(ticket.state, "in_progress")
        self.assertEqual(ticket.rework_count, 1)
        self.assertEqual(ticket.satisfaction, "2")
        # redone and accepted again: a new visit, the customer satisfied this time
        ticket.with_user(self.technician).action_done()
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        second = ticket.followup_ids - followup
        self.assertEqual(len(second), 1)
        second.satisfaction = "4"
        second.with_user(self.desk).action_done()
        self.assertEqual(ticket.state, "followed_up")
        self.assertEqual(ticket.satisfaction, "4")

    def test_dissatisfied_follow_up_with_corrective_action(self):
        ticket = self.run_to_done(self.ticket())
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        followup = ticket.followup_ids
        followup.write(
            {"satisfaction": "1", "comment": "态度差", "dissatisfied_action": "corrective"}
        )
        followup.with_user(self.desk).action_done()
        self.assertEqual(ticket.state, "followed_up")
        self.assertEqual(ticket.rework_count, 0)
        corrective = ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("property_ticket.mail_activity_ticket_corrective")
            )
        )
        self.assertEqual(corrective.user_id, self.lead)
        self.assertIn("态度差", corrective.summary)
        with self.assertRaisesRegex(UserError, "already recorded"):
            followup.with_user(self.desk).action_done()

    # ------------------------------------------------------------------ cancel, escalate

    def test_cancel_with_a_reason(self):
        ticket = self.ticket()
        with self.assertRaisesRegex(AccessError, "Only the service desk cancels"):
            ticket.with_user(self.technician).action_cancel(reason="重复报修")
        action = ticket.with_user(self.desk).action_cancel()
        self.assertEqual(action["context"]["default_method"], "action_cancel")
        ticket.with_user(self.desk).action_cancel(reason="重复报修")
        self.assertEqual(ticket.state, "cancelled")
        self.assertEqual(ticket.cancel_reason, "重复报修")
        self.assertEqual(ticket.cancelled_by_id, self.desk)
        self.assertTrue(ticket.date_cancelled)
        self.assertFalse(ticket.is_declined)

    def test_work_in_progress_cancelled_by_a_lead(self):
        ticket = self.ticket(user_id=self.technician.id)
        ticket.with_user(self.desk).action_dispatch()
        ticket.with_user(self.technician).action_start()
        with self.assertRaisesRegex(AccessError, "cancelled by a team lead"):
            ticket.with_user(self.desk).action_cancel(reason="业主取消")
        ticket.with_user(self.lead).action_cancel(reason="业主取消")
        self.assertEqual(ticket.state, "cancelled")

    def test_escalation_by_hand(self):
        ticket = self.ticket()
        with self.assertRaisesRegex(AccessError, "Only the service desk escalates"):
            ticket.with_user(self.technician).action_escalate()
        with self.at("2026-03-02 01:00:00"):
            ticket.with_user(self.desk).action_escalate()
        self.assertEqual(ticket.escalation_level, "lead")
        self.assertEqual(ticket.escalated_to_id, self.lead)
        self.assertEqual(ticket.escalated_by_id, self.desk)
        self.assertEqual(str(ticket.date_escalated), "2026-03-02 01:00:00")
        ticket.with_user(self.desk).action_escalate()
        self.assertEqual(ticket.escalation_level, "manager")
        self.assertEqual(ticket.escalated_to_id, self.ticket_manager)
        with self.assertRaisesRegex(UserError, "already with the project manager"):
            ticket.with_user(self.desk).action_escalate()
        self.assertEqual(
            ticket.activity_ids.user_id, self.lead | self.ticket_manager, "both were told"
        )

    def test_team_without_leader_escalates_to_the_project_manager(self):
        self.team.leader_id = False
        ticket = self.ticket()
        ticket.with_user(self.desk).action_escalate()
        self.assertEqual(ticket.escalation_level, "manager")
        self.assertEqual(ticket.escalated_to_id, self.ticket_manager)

    def test_kanban_quick_create_in_a_later_column_starts_at_received(self):
        """The kanban's quick create sends its column's state as a default: a new request
        still starts at the beginning of its flow."""
        Ticket = self.env["property.ticket"].with_user(self.desk)
        view = "property_ticket.property_ticket_view_form_quick_create"
        with Form(Ticket.with_context(default_state="done"), view=view) as form:
            form.unit_id = self.unit_a1
            form.subject = "门禁卡失灵"
        ticket = form.save()
        self.assertEqual(ticket.state, "new")
        with self.assertRaisesRegex(UserError, "through its buttons"):
            Ticket.create({"unit_id": self.unit_a1.id, "subject": "x", "state": "closed"})

    def test_kanban_columns_in_flow_order(self):
        groups = self.env["property.ticket"].web_read_group([], ["state"], ["state"])["groups"]
        states = [group["state"] for group in groups]
        self.assertEqual(states, [key for key, _label in TICKET_STATES])

    def test_client_cannot_date_the_work(self):
        """The time of each step is the server's: a client's context cannot backdate
        the work done to meet the deadline (the SLA cron's clock is no context key)."""
        ticket = self.ticket().with_context(sla_now=datetime(2020, 1, 1))
        with self.at("2026-06-01 10:00:00"):
            self.run_to_done(ticket)
        self.assertEqual(ticket.date_done, datetime(2026, 6, 1, 10, 0))
