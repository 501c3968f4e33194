from datetime import date
from unittest.mock import patch

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.pdf_text import pdf_text
from odoo.addons.property_billing.models.property_billing_run import BILLING_SHARES, SHARE_CRONS

from .common import BillingCommon


class TestBillingRun(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        parking = cls.plan(cls.fee_parking, "fixed", 300.0)
        cls.schedule(cls.unit_a1, management | parking)
        cls.schedule(cls.unit_a2, management)
        cls.schedule(cls.unit_b1, management)
        cls.service_charge = cls.env["property.charge"].create(
            {
                "unit_id": cls.unit_a1.id,
                "partner_id": cls.owner_zhang.id,
                "product_id": cls.env.ref("property_billing.product_fee_service").id,
                "price_unit": 80.0,
                "origin": "WO/2026/00042",
                "date": date(2026, 6, 12),
            }
        )

    def new_run(self, **values):
        return self.env["property.billing.run"].create(
            {
                "period_start": date(2026, 6, 1),
                "period_end": date(2026, 6, 30),
                "estate_ids": [(6, 0, self.estate.ids)],
                **values,
            }
        )

    def start(self, run):
        """Press *Run*, then do what the cron does in the background."""
        run.action_start()
        run._process()

    def schedule_of(self, unit):
        return self.env["property.billing.schedule"].search([("unit_id", "=", unit.id)])

    def test_one_posted_invoice_per_payer(self):
        run = self.new_run()
        self.start(run)
        self.assertEqual(run.state, "done")
        invoices = run.invoice_ids
        self.assertEqual(len(invoices), 3)
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        zhang = invoices.filtered(lambda m: m.partner_id == self.owner_zhang)
        # 98.5 m² × 2.5 + parking 300 + the paid service of the work order
        self.assertEqual(zhang.amount_total, 626.25)
        labels = zhang.invoice_line_ids.mapped("name")
        self.assertTrue(any("WO/2026/00042" in label for label in labels), labels)
        self.assertTrue(all(label.startswith("A1-1203") for label in labels), labels)
        self.assertEqual(self.service_charge.state, "invoiced")
        self.assertEqual(self.service_charge.move_id, zhang)
        li = invoices.filtered(lambda m: m.partner_id == self.owner_li)
        self.assertEqual(li.amount_total, 300.0)

    def test_the_run_writes_no_message_per_invoice_or_charge(self):
        """The run says what it did; its invoices and charges do not repeat it one by
        one (Issue 20: 9,602 messages and 3,601 tracking values for 2,000 invoices)."""
        # with the chatter the users have (the tests' environment has it off)
        run = self.new_run().with_context(
            tracking_disable=False, mail_create_nolog=False, mail_notrack=False
        )
        Message = self.env["mail.message"].sudo()
        last = Message.search([], order="id desc", limit=1).id
        self.start(run)
        self.env.cr.precommit.run()  # the tracking, written as the transaction commits
        self.assertEqual(run.invoice_count, 3)
        made = Message.search([("id", ">", last)])
        self.assertFalse(made.filtered(lambda m: m.model in ("account.move", "property.charge")))
        self.assertEqual(run.invoice_ids.partner_id, run.invoice_ids.message_partner_ids)

    def test_running_the_period_again_bills_nothing_twice(self):
        self.start(self.new_run())
        again = self.new_run()
        self.start(again)
        self.assertFalse(again.invoice_ids)
        charges = self.env["property.charge"].search([("unit_id", "=", self.unit_a1.id)])
        self.assertEqual(len(charges), 3)
        self.assertEqual(len(charges.move_id), 1)

    def test_interrupted_run_resumes(self):
        run = self.new_run(chunk_size=1)
        run._process(max_chunks=1)
        self.assertEqual(run.state, "running")
        self.assertEqual(run.invoice_count, 1)
        # ...the process dies; later the cron picks the run up again
        run._process()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 3)
        charges = self.env["property.charge"].search([("billing_run_id", "=", run.id)])
        self.assertEqual(len(charges), 5)
        self.assertEqual(sum(len(c.move_line_ids) for c in charges), 5, "each charge once")

    def test_unit_without_payer_is_refused(self):
        self.unit_b1.current_occupancy_ids.is_payer = False
        with self.assertRaisesRegex(UserError, "has no payer"):
            self.start(self.new_run())

    def test_a_company_without_accounting_is_told_so(self):
        """A company whose chart of accounts is not loaded has no sales journal: the
        manager is told what to set up, not shown a missing journal."""
        bare = self.env["res.company"].create({"name": "尚未建账物业"})
        self.env.user.company_ids |= bare
        runs = self.env["property.billing.run"].with_company(bare)
        with self.assertRaisesRegex(UserError, "尚未建账物业 has no sales journal"):
            runs.create({"period_start": date(2026, 6, 1), "period_end": date(2026, 6, 30)})

    def test_done_run_cannot_start_again(self):
        run = self.new_run()
        self.start(run)
        with self.assertRaisesRegex(UserError, "is done"):
            run.action_start()

    def test_two_runs_of_a_company_never_work_at_once(self):
        """Nothing is charged while another worker charges or invoices the company."""
        for lock in ("pg_advisory_lock", "pg_advisory_lock_shared"):
            run = self.new_run()
            # another worker is billing this company (its own database connection)
            with sql_db.db_connect(self.env.cr.dbname).cursor() as other:
                other.execute(f"SELECT {lock}(%s)", [run._lock_key()])
                try:
                    with self.assertRaises(UserError) as caught:
                        self.start(run)
                finally:
                    other.execute("SELECT pg_advisory_unlock_all()")
            self.assertIn("in progress", str(caught.exception))
            self.assertEqual(run.state, "draft")
            self.assertFalse(self.env["property.charge"].search([("rate_plan_id", "!=", False)]))
        self.start(run)
        self.assertEqual(run.invoice_count, 3)

    def test_each_share_of_the_payers_is_invoiced_by_its_own_job(self):
        """Two cron workers invoice a run side by side, each its share of the payers:
        the first to come charges the run and wakes the other; neither invoices a payer
        of the other's share; the run is done when both are."""
        run = self.new_run()
        run.action_start()
        share = self.owner_li.id % BILLING_SHARES
        other_share = next(s for s in range(BILLING_SHARES) if s != share)
        Trigger = self.env["ir.cron.trigger"]
        other_cron = self.env.ref(SHARE_CRONS[other_share])
        triggers = Trigger.search_count([("cron_id", "=", other_cron.id)])
        progress = self.cron(share=share)
        self.assertEqual(progress, {"done": 1, "remaining": 0})
        self.assertEqual(run.state, "running", "the other share is left")
        self.assertEqual(run.invoice_ids.partner_id, self.owner_li)
        self.assertEqual(
            Trigger.search_count([("cron_id", "=", other_cron.id)]),
            triggers + 1,
            "the other share's worker is woken once the run is charged",
        )
        self.cron(share=other_share)
        self.assertEqual(run.state, "done")
        self.assertEqual(
            sorted(run.invoice_ids.partner_id.ids),
            sorted((self.owner_zhang | self.owner_li | self.tenant_wang).ids),
        )

    def test_a_share_invoiced_by_another_worker_waits_for_it(self):
        run = self.new_run()
        run.action_start()
        share = self.owner_li.id % BILLING_SHARES
        with sql_db.db_connect(self.env.cr.dbname).cursor() as other:
            other.execute("SELECT pg_advisory_lock(%s)", [run._lock_key(share)])
            try:
                progress = self.cron(share=share)
            finally:
                other.execute("SELECT pg_advisory_unlock_all()")
        # the worker holding it goes on: this job does not come back at once
        self.assertEqual(progress, {"done": 0, "remaining": 0})
        self.assertEqual(run.state, "running", "charged, not invoiced")
        self.assertFalse(run.invoice_ids)
        self.cron()
        self.assertEqual((run.state, run.invoice_count), ("done", 3))

    def test_tiered_water_meter_is_billed_tier_by_tier(self):
        """A reading crossing two tiers is two charges of the same fee, unit and period."""
        tiered = self.tiered_water(self.unit_a2)
        self.schedule_of(self.unit_a2).rate_plan_ids |= tiered
        run = self.new_run()
        self.start(run)
        li = run.invoice_ids.filtered(lambda m: m.partner_id == self.owner_li)
        # 120 m² × 2.5 + 20 m³ × 3.00 + 10 m³ × 4.50
        self.assertEqual(li.amount_total, 405.0)
        again = self.new_run()
        self.start(again)
        self.assertFalse(again.invoice_ids, "each tier is billed once")

    def test_a_fee_charged_twice_names_the_unit(self):
        """Two plans of one fee on a unit: the run says which unit, not a database error."""
        other_management = self.plan(self.fee_management, "fixed", 10.0)
        self.schedule_of(self.unit_b1).rate_plan_ids |= other_management
        with self.assertRaisesRegex(UserError, "B1-0301"):
            self.start(self.new_run())

    def cron(self, share=None, **kwargs):
        """The cron job of a share of the payers (of every share in turn by default),
        its commits kept inside the test's transaction; return the progress reported to
        the scheduler."""
        self.patch(self.env.cr, "commit", lambda: None)
        self.patch(self.env.cr, "rollback", lambda: None)
        progress = {"done": 0, "remaining": 0}
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as notify:
            for job_share in range(BILLING_SHARES) if share is None else [share]:
                self.env["property.billing.run"]._cron_process(share=job_share, **kwargs)
                for key in progress:
                    progress[key] += notify.call_args.kwargs[key]
        self.env.invalidate_all()
        return progress

    def test_run_button_queues_the_run_for_the_cron(self):
        run = self.new_run()
        Trigger = self.env["ir.cron.trigger"]
        cron = self.env.ref("property_billing.ir_cron_process_billing_runs")
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        run.action_start()
        self.assertEqual(run.state, "queued")
        self.assertFalse(run.invoice_ids, "the request does not bill")
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1)
        self.cron()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 3)

    def test_finance_runs_billing_and_sends_the_notices(self):
        cashier = new_test_user(
            self.env, "pb_cashier", groups="property_billing.group_property_finance"
        )
        run = self.new_run().with_user(cashier)
        run.action_start()
        self.assertEqual(run.state, "queued")
        self.cron()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 3)
        action = run.action_send_notices()
        self.assertEqual(action["res_model"], "account.move.send.batch.wizard")

    def test_cron_resumes_a_run_cut_short_with_no_payer_missing_or_twice(self):
        run = self.new_run(chunk_size=1)
        run.action_start()
        # 张伟 and 王芳 (consecutive ids) are of one share of the payers, 李娜 of the other
        share = self.owner_zhang.id % BILLING_SHARES
        self.assertEqual(self.tenant_wang.id % BILLING_SHARES, share)
        progress = self.cron(share=share, max_chunks=1)
        self.assertEqual((run.state, run.invoice_count), ("running", 1))
        # work done and work left: the scheduler calls again at once, not in 5 minutes
        self.assertEqual(progress, {"done": 1, "remaining": 1})
        # the first payer's 3 charges of the 5
        self.assertAlmostEqual(run.progress, 60.0, msg="the share of the charges invoiced")
        # the server dies in the middle of the next chunk: its transaction is lost
        Run = type(self.env["property.billing.run"])
        with (
            patch.object(Run, "_apply_credits", side_effect=RuntimeError("killed")),
            self.assertRaises(RuntimeError),
            self.env.cr.savepoint(),
        ):
            self.cron(share=share, max_chunks=1)
        self.env.invalidate_all()
        self.assertEqual(run.invoice_count, 1)
        self.cron()
        self.assertEqual(run.state, "done")
        invoices = run.invoice_ids
        self.assertEqual(
            sorted(invoices.partner_id.ids),
            sorted((self.owner_zhang | self.owner_li | self.tenant_wang).ids),
            "one invoice per payer",
        )
        charges = self.env["property.charge"].search([("billing_run_id", "=", run.id)])
        self.assertEqual(sum(len(c.move_line_ids) for c in charges), 5, "each charge once")

    def test_a_run_failing_in_the_background_returns_to_draft_with_the_reason(self):
        self.unit_b1.current_occupancy_ids.is_payer = False
        run = self.new_run()
        run.action_start()
        self.cron()
        self.assertEqual(run.state, "draft")
        self.assertIn("has no payer", run.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestRunNoticesPdf(BillingCommon, HttpCase):
    """The notices of a run as payers get them: printed by wkhtmltopdf (an HttpCase: it
    loads the stylesheets from the running server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        management = cls.plan(cls.fee_management, "building_area", 2.5)
        for unit in (cls.unit_a1, cls.unit_a2, cls.unit_b1):
            cls.schedule(unit, management)

    def new_run(self):
        return self.env["property.billing.run"].create(
            {
                "period_start": date(2026, 6, 1),
                "period_end": date(2026, 6, 30),
                "estate_ids": [(6, 0, self.estate.ids)],
            }
        )

    def test_the_notices_of_a_run_are_printed_in_one_call_when_sent(self):
        """Odoo sends the invoices of a batch (its background job) printed in one
        wkhtmltopdf call of several files, which Debian's wkhtmltopdf refuses: the
        notices are printed in one call, cut by notice."""
        run = self.new_run()
        run._process()
        notices = run.invoice_ids
        self.assertEqual(len(notices), 3)
        Report = type(self.env["ir.actions.report"])
        with patch.object(
            Report, "_run_wkhtmltopdf", autospec=True, side_effect=Report._run_wkhtmltopdf
        ) as wkhtmltopdf:
            # printed as on a server (Odoo's tests print HTML otherwise)
            self.env["account.move.send"].with_context(
                force_report_rendering=True
            )._generate_and_send_invoices(notices, sending_methods=["email"])
        self.assertEqual(wkhtmltopdf.call_count, 1)
        for notice in notices:
            text = pdf_text(notice.invoice_pdf_report_id.raw)
            self.assertIn(notice.name, text)
            for other in notices - notice:
                self.assertNotIn(other.name, text)
