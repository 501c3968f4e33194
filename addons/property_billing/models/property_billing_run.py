import zlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import format_date

from .property_billing_schedule import CYCLES


class PropertyBillingRun(models.Model):
    """A billing run: the charges of one period turned into posted invoices, one per
    payer. It charges the schedules of the period (each fee once per unit and period,
    enforced by the database), then invoices the pending charges payer by payer in
    chunks. *Run* only queues it: the cron does the work in the background, committing
    chunk by chunk, so that the progress shows to everyone and a run cut short by a
    crash resumes where it stopped (only pending charges are invoiced). Two runs of the
    same company never work at the same time (they could otherwise both pick up the
    same one-off charge)."""

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

    def _lock_key(self):
        return zlib.crc32(f"property.billing.run/{self.company_id.id}".encode())

    def _try_lock(self):
        """One run per company at a time (until the transaction ends): whether this
        transaction has the company's lock."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [self._lock_key()])
        return self.env.cr.fetchone()[0]

    def _lock(self):
        if not self._try_lock():
            raise UserError(
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

    def _invoice_chunk(self):
        """Invoice the pending charges of the next `chunk_size` payers; return how many
        invoices were made (0: nothing left)."""
        Charge = self.env["property.charge"]
        groups = Charge._read_group(
            self._pending_charges_domain(),
            ["partner_id"],
            order="partner_id",
            limit=self.chunk_size,
        )
        payers = self.env["res.partner"].union(*(partner for (partner,) in groups))
        if not payers:
            return 0
        charges = Charge.search(
            [*self._pending_charges_domain(), ("partner_id", "in", payers.ids)],
            order="partner_id, unit_id, date, id",
        )
        by_payer = {}
        for charge in charges:
            by_payer.setdefault(charge.partner_id, Charge)
            by_payer[charge.partner_id] |= charge
        moves = self.env["account.move"].create(
            [
                self._invoice_values(payer, payer_charges)
                for payer, payer_charges in by_payer.items()
            ]
        )
        moves.action_post()
        charges._write_workflow({"state": "invoiced", "billing_run_id": self.id})
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

    def _process(self, max_chunks=None, commit=False):
        """Charge, then invoice chunk after chunk; return how many invoices were made.
        With `commit`, the charges and then each chunk are committed on their own, so
        that an interrupted run keeps what it did and resumes from there."""
        self.ensure_one()
        self._lock()
        if self.state in ("draft", "queued"):
            self._write_workflow({"state": "running"})
            self._create_charges()
            self._commit_step(commit)
        chunks = invoices = 0
        while max_chunks is None or chunks < max_chunks:
            made = self._invoice_chunk()
            if not made:
                self._write_workflow({"state": "done"})
                break
            chunks += 1
            invoices += made
            self._commit_step(commit)
            # Keep the cache (and its prefetch sets) to one chunk's records.
            self.env.invalidate_all()
        return invoices

    def _commit_step(self, commit):
        if commit:
            # Each step stands on its own: a crash later loses nothing before it.
            self.env.cr.commit()  # pylint: disable=invalid-commit
            self._lock()

    def action_start(self):
        """Queue the runs: the cron bills them in the background at once, so that the
        request returns now and a long run survives the browser and the server."""
        for run in self:
            if run.state == "done":
                raise UserError(self.env._("Billing run %(run)s is done.", run=run.name))
        self.filtered(lambda run: run.state == "draft")._write_workflow({"state": "queued"})
        self.env.ref("property_billing.ir_cron_process_billing_runs").sudo()._trigger()
        return True

    @api.model
    def _cron_process(self, max_chunks=20):
        """Bill the queued runs and go on with those running (cut short by a crash or
        by `max_chunks`), a bounded number of chunks at a time: the cron is called again
        while some are left. A run whose company is being billed by another worker waits
        for the next call. The scheduler calls again at once while invoices are made
        and runs are left."""
        invoices = 0
        for run in self.search([("state", "in", ("queued", "running"))], order="id"):
            if not run._try_lock():
                continue
            try:
                invoices += run._process(max_chunks=max_chunks, commit=True)
            except UserError as error:
                # Drop the failed step; the run goes back to draft with the reason, for
                # its users to fix and start again (nothing was invoiced by that step).
                self.env.cr.rollback()  # pylint: disable=invalid-commit
                run._write_workflow({"state": "draft"})
                run.message_post(body=error.args[0])
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env["ir.cron"]._notify_progress(
            done=invoices, remaining=self.search_count([("state", "in", ("queued", "running"))])
        )

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
