from datetime import date

from odoo.tests import tagged

from .common import TicketCommon


@tagged("post_install", "-at_install")
class TestFollowupDueDates(TicketCommon):
    """DOMAIN §4: safety-facility repairs within 2 days, leaks within 3 days after the
    leak test, other repairs within 2 days (company settings)."""

    def accept(self, ticket, when="2026-03-02 02:00:00"):
        self.run_to_done(ticket)
        self.sign(ticket)
        with self.at(when):  # 10:00 in Shanghai
            ticket.with_user(self.desk).action_accept()
        return ticket.followup_ids

    def test_named_after_its_request(self):
        """The visit's mail subject and breadcrumb name its request (回访 WO/...)."""
        ticket = self.ticket()
        followup = self.accept(ticket)
        self.assertEqual(followup.display_name, f"Follow-up {ticket.name}")
        self.env["res.lang"]._activate_lang("zh_CN")
        followup.invalidate_recordset(["display_name"])
        self.assertEqual(followup.with_context(lang="zh_CN").display_name, f"回访 {ticket.name}")
        self.assertEqual(
            self.env["property.ticket.followup"].name_search(ticket.name),
            [(followup.id, followup.display_name)],
        )

    def test_safety_facility_repair(self):
        ticket = self.ticket(category_id=self.category_power.id, receiver_id=self.technician.id)
        followup = self.accept(ticket)
        self.assertEqual((followup.kind, followup.date_due), ("safety", date(2026, 3, 4)))
        # received by a technician: the desk that accepted it calls back
        self.assertEqual(followup.user_id, self.desk)
        desk_ticket = self.ticket(receiver_id=self.lead.id)
        self.assertEqual(self.accept(desk_ticket).user_id, self.lead, "the first receiver")

    def test_leak_after_the_leak_test(self):
        ticket = self.ticket(category_id=self.category_leak.id, leak_test_date=date(2026, 3, 5))
        followup = self.accept(ticket)
        self.assertEqual((followup.kind, followup.date_due), ("leak", date(2026, 3, 8)))

    def test_leak_without_a_test_date_counts_from_the_acceptance(self):
        followup = self.accept(self.ticket(category_id=self.category_leak.id))
        self.assertEqual(followup.date_due, date(2026, 3, 5))

    def test_other_repair_and_the_local_date(self):
        # accepted at 23:30 in Shanghai (15:30 UTC): due two days after the local date
        followup = self.accept(self.ticket(), when="2026-03-02 15:30:00")
        self.assertEqual((followup.kind, followup.date_due), ("other", date(2026, 3, 4)))

    def test_sub_category_inherits_the_kind_and_settings_apply(self):
        self.env.company.ticket_followup_safety_days = 1
        sub = self.env["property.ticket.category"].create(
            {"name": "配电箱", "parent_id": self.category_power.id}
        )
        self.assertEqual(sub.display_name, "Electricity / 配电箱")
        followup = self.accept(self.ticket(category_id=sub.id))
        self.assertEqual((followup.kind, followup.date_due), ("safety", date(2026, 3, 3)))

    def test_complaints_are_revisited_public_areas_are_not(self):
        complaint = self.ticket(ticket_type="complaint", complaint_tier="minor")
        self.assertEqual(len(self.accept(complaint)), 1)
        public = self.ticket(ticket_type="public_area", unit_id=False, estate_id=self.estate.id)
        self.assertFalse(self.accept(public))
