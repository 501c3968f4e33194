import zlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL, format_date

from .property_billing_schedule import CYCLES

# The payers of a run are split into shares (by their id), each invoiced by a cron job
# of its own, so that a run uses as many cores as the server's cron workers give it
# (two by default: `propctl cron --processes`). Shares never overlap: no payer is
# invoiced by two workers.
SHARE_CRONS = (
    "property_billing.ir_cron_process_billing_runs",
    "property_billing.ir_cron_process_billing_runs_share_2",
)
BILLING_SHARES = len(SHARE_CRONS)


class BillingBusy(UserError):
    """Another worker holds the lock this step needs: the step waits for later."""


class PropertyBillingRun(models.Model):
    """A billing run: the charges of one period turned into posted invoices, one per
    payer. It charges the schedules of the period (each fee once per unit and period,
    enforced by the database), then invoices the pending charges payer by payer in
    chunks. *Run* only queues it: the cron does the work in the background, committing
    chunk by chunk, so that the progress shows to everyone and a run cut short by a
    crash resumes where it stopped (only pending charges are invoiced). Charging holds
    the company's lock alone; invoicing holds it shared with the workers of the other
    shares of the payers, and its own share's lock: nothing is charged while a company
    is invoiced, and no payer's charges are picked up by two workers, of one run or of
    two."""

    _name = "property.billing.run"
    _description = "Billing Run"
    _inherit = ["mail.thread", "property.workflow.mixin"]
    _order = "period_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    cycle = fields.Selection(CYCLES, required=True, default="monthly")
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", check_company=True, help="Empty: every estate."
    )
    invoice_date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        check_company=True,
        domain="[('type', '=', 'sale')]",
        default=lambda self: self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.env.company.id)], limit=1
        ),
    )
    chunk_size = fields.Integer(default=200, help="Payers invoiced per transaction.")
    state = fields.Selection(
        [("draft", "Draft"), ("queued", "Queued"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    charge_ids = fields.One2many("property.charge", "billing_run_id", string="Charges")
    progress = fields.Float(
        compute="_compute_progress", help="Share of the run's charges already invoiced."
    )
    invoice_ids = fields.Many2many("account.move", compute="_compute_invoices")
    invoice_count = fields.Integer(compute="_compute_invoices")

    _sql_constraints = [
        (
            "period_ordered",
            "CHECK(period_end >= period_start)",
            "A billing period cannot end before it starts.",
        ),
        ("chunk_positive", "CHECK(chunk_size > 0)", "A chunk holds at least one payer."),
    ]

    @api.depends("period_start", "period_end")
    def _compute_name(self):
        for run in self:
            if not (run.period_start and run.period_end):
                run.name = False
                continue
            run.name = self.env._(
                "Billing %(start)s – %(end)s",
                start=format_date(self.env, run.period_start),
                end=format_date(self.env, run.period_end),
            )

    @api.depends("state", "charge_ids")
    def _compute_progress(self):
        Charge = self.env["property.charge"]
        for run in self:
            if run.state != "running":
                run.progress = 100.0 if run.state == "done" else 0.0
                continue
            done = Charge.search_count([("billing_run_id", "=", run.id)])
            pending = Charge.search_count(run._pending_charges_domain())
            run.progress = 100.0 * done / (done + pending) if done + pending else 0.0

    @api.depends("charge_ids.move_id")
    def _compute_invoices(self):
        for run in self:
            run.invoice_ids = run.charge_ids.move_id
            run.invoice_count = len(run.invoice_ids)

    @api.model_create_multi
    def create(self, vals_list):
        """A company whose accounting is not set up has no sales journal to bill in:
        say so, rather than fail on a missing journal."""
        default_journal = self.default_get(["journal_id"]).get("journal_id")
        if not default_journal and not all(vals.get("journal_id") for vals in vals_list):
            raise UserError(
                self.env._(
                    "%(company)s has no sales journal to bill in: set up its accounting "
                    "first (a chart of accounts, in the Accounting settings).",
                    company=self.env.company.name,
                )
            )
        return super().create(vals_list)

    # ------------------------------------------------------------------ steps

    def _lock_key(self, share=None):
        key = f"property.billing.run/{self.company_id.id}"
        return zlib.crc32((key if share is None else f"{key}/{share}").encode())

    def _try_lock(self):
        """Whether this transaction has the company's billing lock to itself (until it
        ends): to charge."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [self._lock_key()])
        return self.env.cr.fetchone()[0]

    def _try_lock_shares(self, shares):
        """Whether this transaction has the company's billing lock shared and the lock
        of each share of `shares` to itself (until it ends): to invoice them."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock_shared(%s)", [self._lock_key()])
        taken = self.env.cr.fetchone()[0]
        for share in shares if taken else ():
            self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [self._lock_key(share)])
            taken = taken and self.env.cr.fetchone()[0]
        return taken

    def _busy_error(self):
        return BillingBusy(
            self.env._("Another billing run of this company is in progress; try again later.")
        )

    def _schedules(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("cycle", "=", self.cycle),
            ("date_start", "<=", self.period_end),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", self.period_start),
        ]
        if self.estate_ids:
            domain.append(("estate_id", "in", self.estate_ids.ids))
        return self.env["property.billing.schedule"].search(domain)

    def _create_late_fee_charges(self):
        """Charge the late fees of overdue notices up to the invoice date (they go on
        this run's invoices with the period's fees)."""
        Move = self.env["account.move"]
        domain = Move._property_late_fee_domain(self.company_id, self.invoice_date)
        if self.estate_ids:
            domain.append(("property_estate_id", "in", self.estate_ids.ids))
        return Move.search(domain)._property_charge_late_fees(self.invoice_date)

    def _create_charges(self):
        """Charge the schedules of the period, skipping what is already charged."""
        self._create_late_fee_charges()
        values = self._schedules()._charge_values(self.period_start, self.period_end)
        if not values:
            return self.env["property.charge"]

        def key(unit_id, product_id, period_start, tier_id):
            return unit_id, product_id, period_start, tier_id or False

        existing = {
            key(c.unit_id.id, c.product_id.id, c.period_start, c.rate_tier_id.id)
            for c in self.env["property.charge"].search(
                [
                    ("unit_id", "in", list({v["unit_id"] for v in values})),
                    ("rate_plan_id", "!=", False),
                    ("state", "!=", "cancelled"),
                    ("period_start", ">=", self.period_start),
                    ("period_start", "<=", self.period_end),
                ]
            )
        }
        todo, seen = [], set()
        for vals in values:
            vals_key = key(
                vals["unit_id"], vals["product_id"], vals["period_start"], vals.get("rate_tier_id")
            )
            if vals_key in existing:
                continue
            if vals_key in seen:
                raise UserError(
                    self.env._(
                        "Unit %(unit)s is charged %(fee)s twice for the period by the rate "
                        "plans of its billing schedule: keep one plan of this fee.",
                        unit=self.env["property.unit"].browse(vals["unit_id"]).display_name,
                        fee=self.env["product.product"].browse(vals["product_id"]).display_name,
                    )
                )
            seen.add(vals_key)
            todo.append(vals)
        missing_payer = [v for v in todo if not v["partner_id"]]
        if missing_payer:
            unit = self.env["property.unit"].browse(missing_payer[0]["unit_id"])
            raise UserError(
                self.env._("Unit %(unit)s has no payer: set one first.", unit=unit.display_name)
            )
        return self.env["property.charge"].create(todo)

    def _pending_charges_domain(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "=", "pending"),
            ("date", "<=", self.period_end),
        ]
        if self.estate_ids:
            domain.append(("estate_id", "in", self.estate_ids.ids))
        return domain

    def _next_payers(self, shares):
        """The next `chunk_size` payers of `shares` with charges pending."""
        self.env["property.charge"].flush_model()
        query = self.env["property.charge"]._search(self._pending_charges_domain())
        if len(shares) < BILLING_SHARES:
            query.add_where(
                SQL(
                    "mod(%s, %s) IN %s",
                    SQL.identifier(query.table, "partner_id"),
                    BILLING_SHARES,
                    tuple(shares),
                )
            )
        partner = SQL.identifier(query.table, "partner_id")
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT %s FROM %s WHERE %s ORDER BY 1 LIMIT %s",
                partner,
                query.from_clause,
                query.where_clause or SQL("TRUE"),
                self.chunk_size,
            )
        )
        return self.env["res.partner"].browse(row[0] for row in self.env.cr.fetchall())

    def _invoice_chunk(self, shares=range(BILLING_SHARES)):
        """Invoice the pending charges of the next `chunk_size` payers of `shares`;
        return how many invoices were made (0: nothing left)."""
        Charge = self.env["property.charge"]
        payers = self._next_payers(shares)
        if not payers:
            return 0
        charges = Charge.search(
            [*self._pending_charges_domain(), ("partner_id", "in", payers.ids)],
            order="partner_id, unit_id, date, id",
        )
        # Odoo reads each payer's fiscal position through a record of its own (one
        # query per invoice): read them for the chunk at once.
        payers.with_company(self.company_id).fetch(["property_account_position_id"])
        # grouped() keeps the chunk's prefetching: the charges' units are read at once
        moves = self.env["account.move"].create(
            [
                self._invoice_values(payer, payer_charges)
                for payer, payer_charges in charges.grouped("partner_id").items()
            ]
        )
        moves.action_post()
        charges._write_workflow({"state": "invoiced", "billing_run_id": self.id})
        # Write the chunk at once, the invoices' lines first, before anything searches
        # them: a search writes only the fields it reads (the charges' invoice is
        # recomputed through such a search), and each write is one more version of
        # every line and of each of its indexes.
        self.env["account.move.line"].flush_model()
        self.env.flush_all()
        self._apply_credits(moves)
        return len(moves)

    def _apply_credits(self, moves):
        """Carry prepayments and over-payments forward: set the payers' open credit
        against their new invoices."""
        credits = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "in", moves.commercial_partner_id.ids),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("balance", "<", 0),
            ],
            order="date, id",
        )
        if not credits:
            return
        by_partner = credits.grouped("partner_id")
        for move in moves:
            partner_credits = by_partner.get(move.commercial_partner_id)
            if partner_credits:
                receivable = move.line_ids.filtered(
                    lambda line: line.account_type == "asset_receivable"
                )
                (receivable + partner_credits).reconcile()

    def _invoice_values(self, payer, charges):
        return {
            "move_type": "out_invoice",
            "partner_id": payer.id,
            "journal_id": self.journal_id.id,
            "invoice_date": self.invoice_date,
            # Prepaid: due the day before the period starts (DOMAIN §8).
            "invoice_date_due": max(self.invoice_date, self.period_start - timedelta(days=1)),
            "invoice_payment_term_id": False,
            "property_cycle": self.cycle,
            "invoice_origin": self.name,
            "invoice_line_ids": [
                Command.create(charge._invoice_line_values()) for charge in charges
            ],
        }

    def _process(self, max_chunks=None, commit=False, shares=range(BILLING_SHARES)):
        """Charge (once), then invoice the payers of `shares` chunk after chunk; return
        how many invoices were made. With `commit`, the charges and then each chunk are
        committed on their own, so that an interrupted run keeps what it did and resumes
        from there. The run is done when no charge of it is left to invoice, in any
        share."""
        self.ensure_one()
        # The charges' and invoices' own chatter would repeat, record by record, what
        # the run says once (about 5 messages and 2 tracking values per invoice).
        untracked = self.with_context(tracking_disable=True)
        if self.state in ("draft", "queued"):
            if not self._try_lock():
                raise self._busy_error()
            self._write_workflow({"state": "running"})
            untracked._create_charges()
            # the other shares' workers start as the charges are committed
            self._trigger_workers(set(range(BILLING_SHARES)) - set(shares))
            self._commit_step(commit)
        if not self._try_lock_shares(shares):
            raise self._busy_error()
        chunks = invoices = 0
        while max_chunks is None or chunks < max_chunks:
            made = untracked._invoice_chunk(shares)
            if not made:
                self._finish()
                break
            chunks += 1
            invoices += made
            self._commit_step(commit, shares)
            # Keep the cache (and its prefetch sets) to one chunk's records.
            self.env.invalidate_all()
        return invoices

    def _finish(self):
        """Done, once no charge is left to invoice in any share. Of the workers that
        find so at the same moment, the one holding the lock writes it (a run found
        unfinished by both is done at the cron's next pass)."""
        pending = self.env["property.charge"].search_count(self._pending_charges_domain(), limit=1)
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [self._lock_key("finish")])
        if not pending and self.env.cr.fetchone()[0]:
            self._write_workflow({"state": "done"})

    def _commit_step(self, commit, shares=()):
        if commit:
            # Each step stands on its own: a crash later loses nothing before it.
            self.env.cr.commit()  # pylint: disable=invalid-commit
            if shares and not self._try_lock_shares(shares):
                raise self._busy_error()

    def _trigger_workers(self, shares):
        """Have the cron jobs of `shares` work now."""
        for share in sorted(shares):
            self.env.ref(SHARE_CRONS[share]).sudo()._trigger()

    def action_start(self):
        """Queue the runs: the cron bills them in the background at once, so that the
        request returns now and a long run survives the browser and the server."""
        for run in self:
            if run.state == "done":
                raise UserError(self.env._("Billing run %(run)s is done.", run=run.name))
        self.filtered(lambda run: run.state == "draft")._write_workflow({"state": "queued"})
        self._trigger_workers([0])
        return True

    @api.model
    def _cron_process(self, max_chunks=20, share=0):
        """Bill the queued runs and go on with those running (cut short by a crash or
        by `max_chunks`), a bounded number of chunks at a time: the cron is called again
        while some are left. Each share of the payers has its cron job (`share`): the
        worker that finds a run queued charges it, then each invoices its own share. A
        run whose company is being charged, or whose share is being invoiced by another
        worker, waits for the next call. The scheduler calls again at once while
        invoices are made and some of this share are left."""
        invoices = remaining = 0
        for run in self.search([("state", "in", ("queued", "running"))], order="id"):
            try:
                invoices += run._process(max_chunks=max_chunks, commit=True, shares=[share])
            except BillingBusy:
                self.env.cr.rollback()  # pylint: disable=invalid-commit
                continue
            except UserError as error:
                self.env.cr.rollback()  # pylint: disable=invalid-commit
                # Drop the failed step; the run goes back to draft with the reason, for
                # its users to fix and start again (nothing was invoiced by that step).
                run._write_workflow({"state": "draft"})
                run.message_post(body=error.args[0])
                self.env.cr.commit()  # pylint: disable=invalid-commit
            remaining += run.state != "done" and bool(run._next_payers([share]))
        self.env["ir.cron"]._notify_progress(done=invoices, remaining=remaining)

    def action_send_notices(self):
        """E-mail the payment notices of the run (Odoo sends them in the background)."""
        self.ensure_one()
        if not self.invoice_ids:
            raise UserError(self.env._("Billing run %(run)s has no invoices.", run=self.name))
        return self.invoice_ids.action_send_and_print()

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice")
        action["domain"] = [("id", "in", self.invoice_ids.ids)]
        return action
