from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.pdf_text import pdf_text

from .common import BillingCommon


class DunningCommon(BillingCommon):
    """Unit A1 billed monthly (246.25 a month), A2 quarterly, B1 half-yearly, all from
    July 2026 and all unpaid: the dunning calendar of DOMAIN §8, late fees at 3 ‰."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        cls.schedule(cls.unit_a1, management, cycle="monthly")
        cls.schedule(cls.unit_a2, management, cycle="quarterly")
        cls.schedule(cls.unit_b1, management, cycle="half_yearly")
        # Notices: 15 June for July (monthly), 1 June for the quarter and half-year.
        cls.monthly = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        cls.quarterly = cls.bill(
            date(2026, 7, 1), date(2026, 9, 30), cycle="quarterly", invoice_date=date(2026, 6, 1)
        )
        cls.half_yearly = cls.bill(
            date(2026, 7, 1),
            date(2026, 12, 31),
            cycle="half_yearly",
            invoice_date=date(2026, 6, 1),
        )
        cls.Dunning = cls.env["property.dunning"]

    def dun(self, day):
        return self.Dunning._generate(self.env.company, day)


@tagged("post_install", "-at_install")
class TestDunning(DunningCommon):
    def test_notices_are_due_before_the_period(self):
        for notice in self.monthly | self.quarterly | self.half_yearly:
            self.assertEqual(notice.invoice_date_due, date(2026, 6, 30))
        self.assertEqual(self.monthly.amount_total, 246.25)

    def test_monthly_reminder_final_and_demand(self):
        self.assertFalse(self.dun(date(2026, 6, 30)))
        reminders = self.dun(date(2026, 7, 1))
        reminder = reminders.filtered(lambda d: d.partner_id == self.owner_zhang)
        self.assertEqual(reminder.level, "reminder")
        self.assertEqual(reminder.move_ids, self.monthly)
        self.assertEqual(reminder.deadline, date(2026, 7, 8))
        self.assertAlmostEqual(reminder.amount_due, 246.25)
        self.assertAlmostEqual(reminder.late_fee, 0.74)  # 1 day × 246.25 × 3 ‰
        self.assertEqual(self.monthly.property_dunning_level, "reminder")
        # Nothing twice, nothing before its day.
        self.assertFalse(self.dun(date(2026, 7, 1)))
        self.assertFalse(self.dun(date(2026, 7, 7)))
        final = self.dun(date(2026, 7, 8)).filtered(lambda d: d.partner_id == self.owner_zhang)
        self.assertEqual(final.level, "final")
        self.assertEqual(final.deadline, date(2026, 7, 13))
        self.assertAlmostEqual(final.late_fee, 5.91)  # 8 days
        self.assertFalse(self.dun(date(2026, 9, 30)))
        demand = self.dun(date(2026, 10, 1)).filtered(lambda d: d.partner_id == self.owner_zhang)
        self.assertEqual(demand.level, "demand")
        self.assertEqual(demand.activity_ids.summary, "Formal demand letter: 3 months unpaid")
        self.assertEqual(self.monthly.property_dunning_ids, reminder | final | demand)

    def test_quarterly_and_half_yearly_reminders_due_within_a_month(self):
        letters = self.dun(date(2026, 7, 1))
        for payer in (self.owner_li, self.tenant_wang):
            letter = letters.filtered(lambda d, payer=payer: d.partner_id == payer)
            self.assertEqual(letter.level, "reminder")
            self.assertEqual(letter.deadline, date(2026, 8, 1))
        finals = self.dun(date(2026, 7, 8))
        self.assertEqual(len(finals), 3)
        self.assertEqual(set(finals.mapped("deadline")), {date(2026, 7, 13)})

    def test_the_calendar_is_the_companys_setting(self):
        """A company that dunns later and asks sooner, set on the settings screen."""
        settings = Form(self.env["res.config.settings"])
        settings.property_reminder_due_days_monthly = 10
        settings.property_reminder_due_months = 2
        settings.property_final_notice_after_days = 14
        settings.property_final_notice_due_days = 3
        settings.property_formal_demand_after_months = 2
        settings.save().execute()
        letters = self.dun(date(2026, 7, 1))
        deadline = {letter.partner_id: letter.deadline for letter in letters}
        self.assertEqual(deadline[self.owner_zhang], date(2026, 7, 11))  # monthly: 10 days
        self.assertEqual(deadline[self.owner_li], date(2026, 9, 1))  # quarterly: 2 months
        self.assertFalse(self.dun(date(2026, 7, 14)))
        finals = self.dun(date(2026, 7, 15))
        self.assertEqual(set(finals.mapped("level")), {"final"})
        self.assertEqual(set(finals.mapped("deadline")), {date(2026, 7, 18)})
        self.assertFalse(self.dun(date(2026, 8, 31)))
        demands = self.dun(date(2026, 9, 1))
        self.assertEqual(set(demands.mapped("level")), {"demand"})
        self.assertEqual(demands[:1].activity_ids.summary, "Formal demand letter: 2 months unpaid")

    def test_calendar_settings_are_bounded(self):
        with self.assertRaisesRegex(ValidationError, "between 1 and 90"):
            self.env.company.property_final_notice_due_days = 0

    def test_late_letters_are_due_after_their_date(self):
        """The cron did not run for months: the letters generated on 2 December are due
        per the calendar counted from that day, not from the day they were due."""
        letters = self.dun(date(2026, 12, 2))
        self.assertEqual(set(letters.mapped("level")), {"reminder"})
        deadlines = {letter.partner_id: letter.deadline for letter in letters}
        self.assertEqual(deadlines[self.owner_zhang], date(2026, 12, 9))  # monthly: 7 days
        self.assertEqual(deadlines[self.owner_li], date(2027, 1, 2))  # a month
        self.assertEqual(deadlines[self.tenant_wang], date(2027, 1, 2))
        finals = self.dun(date(2026, 12, 9))
        self.assertEqual(set(finals.mapped("level")), {"final"})
        self.assertEqual(set(finals.mapped("deadline")), {date(2026, 12, 14)})  # 5 days
        for letter in letters | finals:
            self.assertGreater(letter.deadline, letter.date)

    def test_late_final_notice_is_due_after_its_date(self):
        """Reminders on 1 July (due 8 July); the final notices generated on 13 August
        are due 5 days later, not on 13 July."""
        self.dun(date(2026, 7, 1))
        finals = self.dun(date(2026, 8, 13))
        self.assertEqual(len(finals), 3)
        self.assertEqual(set(finals.mapped("level")), {"final"})
        self.assertEqual(set(finals.mapped("deadline")), {date(2026, 8, 18)})

    def pay(self, notice, day, amount=None):
        values = {"payment_date": day}
        if amount is not None:
            values["amount"] = amount
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=notice.ids
        ).create(values)._create_payments()

    def test_unsent_letters_follow_their_notices(self):
        letters = self.dun(date(2026, 7, 1))
        zhang = letters.filtered(lambda d: d.partner_id == self.owner_zhang)
        li = letters.filtered(lambda d: d.partner_id == self.owner_li)
        self.assertEqual(set(letters.mapped("state")), {"draft"})
        # Partly paid two days later: the letter to send asks for what is left.
        self.pay(self.monthly, date(2026, 7, 3), 100.0)
        self.assertAlmostEqual(zhang.amount_due, 146.25)
        self.assertAlmostEqual(zhang.late_fee, 0.74)  # to the letter's date
        self.assertAlmostEqual(zhang.amount_total, 146.99)
        self.assertEqual(zhang.state, "draft")
        # Paid in full: the letter is not sent any more.
        self.pay(self.quarterly, date(2026, 7, 5))
        self.assertEqual(li.state, "cancelled")
        self.assertAlmostEqual(li.amount_due, 0.0)
        # A letter sent keeps the figures it was sent with.
        zhang.action_mark_sent()
        self.pay(self.monthly, date(2026, 7, 6))
        self.assertEqual(zhang.state, "sent")
        self.assertAlmostEqual(zhang.amount_due, 146.25)
        # Nothing more for the paid notices.
        self.assertFalse(self.dun(date(2026, 7, 8)).move_ids & (self.monthly | self.quarterly))

    def test_paid_notices_are_not_dunned(self):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.monthly.ids
        ).create({"payment_date": date(2026, 6, 28)})._create_payments()
        letters = self.dun(date(2026, 7, 1))
        self.assertNotIn(self.owner_zhang, letters.partner_id)

    def test_late_fee_charged_on_the_next_notice(self):
        """Arrears from 1 July; 100 paid on 20 July: the late fee counts each day on
        what was unpaid that day, and is charged once."""
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        late = august.invoice_line_ids.property_charge_id.filtered(
            lambda c: c.late_fee_move_id == self.monthly
        )
        self.assertAlmostEqual(late.amount, 11.08)  # 15 days × 0.73875
        self.assertEqual(late.period_start, date(2026, 7, 1))
        self.assertEqual(late.period_end, date(2026, 7, 15))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.monthly.ids
        ).create({"payment_date": date(2026, 7, 20), "amount": 100.0})._create_payments()
        september = self.bill(date(2026, 9, 1), date(2026, 9, 30), invoice_date=date(2026, 8, 15))
        late = september.invoice_line_ids.property_charge_id.filtered(
            lambda c: c.late_fee_move_id == self.monthly
        )
        # 16-19 July on 246.25, then 20 July - 15 August (27 days) on 146.25.
        self.assertAlmostEqual(late.amount, 14.80)
        self.assertEqual(late.period_start, date(2026, 7, 16))
        # No late fee on late fees: August's own arrears count its fees only.
        late_on_august = september.invoice_line_ids.property_charge_id.filtered(
            lambda c: (
                c.late_fee_move_id == august.filtered(lambda m: m.partner_id == self.owner_zhang)
            )
        )
        self.assertAlmostEqual(late_on_august.amount, 11.08)  # 1-15 Aug on 246.25

    def test_late_fee_states_the_days_charged(self):
        """Paid on 11 July: 10 days of arrears are charged, and the late fee says so (not
        "1 July - 15 July")."""
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.monthly.ids
        ).create({"payment_date": date(2026, 7, 11)})._create_payments()
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        late = august.invoice_line_ids.property_charge_id.filtered(
            lambda c: c.late_fee_move_id == self.monthly
        )
        self.assertEqual(late.amount, 7.39)
        self.assertIn("246.25 × 3‰ × 10 day(s) (07/01/2026 – 07/10/2026)", late.name)
        self.assertEqual(
            (late.period_start, late.period_end), (date(2026, 7, 1), date(2026, 7, 10))
        )

    def test_waiver_needs_a_manager_and_a_reason(self):
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 15))
        zhang = august.filtered(lambda m: m.partner_id == self.owner_zhang)
        late = zhang.invoice_line_ids.property_charge_id.filtered(
            lambda c: c.fee_kind == "late_fee"
        )
        staff = new_test_user(
            self.env, "pb_staff_waive", groups="property_base.group_property_user"
        )
        with self.assertRaises(UserError):
            late.with_user(staff)._waive("Bank delay")
        manager = self.manager.with_context(allowed_company_ids=self.env.company.ids)
        with self.assertRaises(UserError):
            late.with_user(manager)._waive("  ")
        self.assertEqual(late.state, "invoiced")
        residual = zhang.amount_residual
        late.with_user(manager)._waive("Bank delay proven by the payer")
        self.assertEqual(late.state, "waived")
        self.assertEqual(late.waived_by_id, self.manager)
        self.assertEqual(late.refund_id.state, "posted")
        self.assertAlmostEqual(late.refund_id.amount_total, 11.08)
        self.assertAlmostEqual(zhang.amount_residual, residual - 11.08)

    def test_pending_late_fee_waived_is_not_billed(self):
        late = self.monthly._property_charge_late_fees(date(2026, 7, 10))
        self.assertAlmostEqual(late.amount, 7.39)  # 10 days
        late.with_user(self.manager)._waive("Goodwill after the leak")
        august = self.bill(date(2026, 8, 1), date(2026, 8, 31), invoice_date=date(2026, 7, 10))
        self.assertNotIn(late, august.invoice_line_ids.property_charge_id)
        # The waived days are not charged again.
        self.assertFalse(
            august.invoice_line_ids.property_charge_id.filtered(
                lambda c: c.late_fee_move_id == self.monthly
            )
        )


@tagged("post_install", "-at_install")
class TestDunningEmail(DunningCommon, HttpCase):
    """The letters as payers get them: printed by wkhtmltopdf (an HttpCase: it loads
    the stylesheets from the running server) and e-mailed in the background."""

    def send_queued(self, **kwargs):
        """The e-mailing cron's call, printing as a server does (Odoo's tests print
        HTML otherwise); return the progress it reported."""
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as notify:
            self.Dunning.with_context(force_report_rendering=True)._cron_send(**kwargs)
        return notify.call_args.kwargs

    def test_letters_sent_by_email_with_the_letter(self):
        """*Send* queues the letters; the background job e-mails them a batch at a time,
        the batch's letters printed by one wkhtmltopdf call and cut into one PDF each."""
        letters = self.dun(date(2026, 7, 1))
        self.assertEqual(len(letters), 3)
        cron = self.env.ref("property_billing.ir_cron_property_dunning_send")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        letters.action_send()
        self.assertEqual(set(letters.mapped("state")), {"draft"}, "sent in the background")
        self.assertEqual(set(letters.mapped("send_queued")), {True})
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1)
        Report = type(self.env["ir.actions.report"])
        with patch.object(
            Report, "_run_wkhtmltopdf", autospec=True, side_effect=Report._run_wkhtmltopdf
        ) as wkhtmltopdf:
            self.assertEqual(self.send_queued(batch_size=2), {"done": 2, "remaining": 1})
            self.assertEqual(wkhtmltopdf.call_count, 1, "one call for the batch")
            self.assertEqual(self.send_queued(batch_size=2), {"done": 1, "remaining": 0})
        self.assertEqual(set(letters.mapped("state")), {"sent"})
        self.assertEqual(set(letters.mapped("send_queued")), {False})
        for letter in letters:
            message = letter.message_ids.filtered(lambda m: m.attachment_ids)
            self.assertEqual(message.partner_ids, letter.partner_id)
            self.assertEqual(len(message.attachment_ids), 1)
            text = pdf_text(message.attachment_ids.raw)
            self.assertIn(letter.move_ids.name, text, "its own letter")
            for other in letters - letter:
                self.assertNotIn(other.move_ids.name, text)

    def test_a_letter_that_cannot_be_emailed_leaves_the_queue_with_the_reason(self):
        letters = self.dun(date(2026, 7, 1))
        letters.action_send()
        broken = letters[1]
        post = type(self.Dunning).message_post

        def message_post(letter, **values):
            if letter == broken and values.get("attachments"):
                raise ValueError("mail server refused")
            return post(letter, **values)

        with (
            patch.object(type(self.Dunning), "message_post", message_post),
            self.assertLogs("odoo.addons.property_billing.models.property_dunning", "ERROR"),
        ):
            self.assertEqual(self.send_queued(), {"done": 3, "remaining": 0})
        self.assertEqual((letters - broken).mapped("state"), ["sent", "sent"])
        self.assertEqual((broken.state, broken.send_queued), ("draft", False))
        self.assertIn("mail server refused", broken.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestDunningQueries(BillingCommon):
    """Generating the letters costs at most three queries per letter: its number (the
    company's sequence: two) and its notice's taxes (the late fee's base); the notices
    are marked in one write per level and their payments read at once (Issue 20: 9
    queries per notice before)."""

    def queries_for(self, payers):
        plan = self.plan(self.fee_management, "building_area", 2.5)
        for index in range(payers):
            unit = self.env["property.unit"].create(
                {"code": f"Q{payers}-{index}", "estate_id": self.estate.id, "building_area": 80}
            )
            payer = self.env["res.partner"].create({"name": f"业主 {payers}-{index}"})
            self.occupy(unit, payer, is_payer=True)
            self.schedule(unit, plan)
        self.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        with self.env.cr.savepoint(flush=False) as savepoint:
            letters = self.env["property.dunning"]._generate(self.env.company, date(2026, 7, 2))
            self.env.flush_all()
            queries = self.env.cr.sql_log_count - before
            self.assertTrue(letters)
            self.assertEqual(set(letters.move_ids.mapped("property_dunning_level")), {"reminder"})
            self.assertEqual(letters.move_ids.property_dunning_ids, letters)
            savepoint.rollback()
        return len(letters), queries

    def test_per_letter_only_its_number(self):
        small_letters, small = self.queries_for(2)
        large_letters, large = self.queries_for(10)
        self.assertEqual(large_letters - small_letters, 10)
        self.assertLessEqual(large - small, 3 * (large_letters - small_letters))
