from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS


class PropertyCharge(models.Model):
    """A pending charge (待收费用): something a payer owes for a unit, waiting to be put
    on their next invoice. The billing schedules create them for recurring fees; any
    other addon creates them too (a paid service, a renovation fee), citing its origin
    (e.g. the work-order number), which the invoice line repeats."""

    _name = "property.charge"
    _description = "Pending Charge"
    _inherit = ["property.company.mixin", "mail.thread", "property.workflow.mixin"]
    _company_from = "unit_id"
    _order = "date desc, id desc"
    _check_company_auto = True
    # billed, waived or cancelled, a charge is history: a correction is a credit note or
    # a new charge
    _workflow_locked = {"invoiced": ALL_FIELDS, "waived": ALL_FIELDS, "cancelled": ALL_FIELDS}

    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
    )
    unit_id = fields.Many2one(
        "property.unit",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Payer",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    product_id = fields.Many2one(
        "product.product",
        string="Fee",
        required=True,
        ondelete="restrict",
        check_company=True,
        domain="[('property_fee_kind', '!=', False)]",
        tracking=True,
        index=True,
    )
    fee_kind = fields.Selection(related="product_id.property_fee_kind", store=True)
    rate_plan_id = fields.Many2one(
        "property.rate.plan", index=True, ondelete="restrict", check_company=True
    )
    rate_tier_id = fields.Many2one(
        "property.rate.tier",
        ondelete="restrict",
        readonly=True,
        help="The tier of a metered rate this charge bills: a reading crossing tiers is "
        "charged tier by tier.",
    )
    quantity = fields.Float(
        required=True, default=1.0, digits="Product Unit of Measure", tracking=True
    )
    price_unit = fields.Float(
        string="Unit Price", required=True, digits="Product Price", tracking=True
    )
    amount = fields.Monetary(compute="_compute_amount", store=True, aggregator="sum")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    period_start = fields.Date(tracking=True)
    period_end = fields.Date(tracking=True)
    origin = fields.Char(help="Reference of what caused the charge, e.g. a work-order number.")
    state = fields.Selection(
        [
            ("pending", "Pending"),
            ("invoiced", "Invoiced"),
            ("waived", "Waived"),
            ("cancelled", "Cancelled"),
        ],
        default="pending",
        required=True,
        index=True,
        copy=False,
        tracking=True,
    )
    move_line_ids = fields.One2many(
        "account.move.line", "property_charge_id", string="Invoice Lines", readonly=True
    )
    billing_run_id = fields.Many2one(
        "property.billing.run", readonly=True, copy=False, index="btree_not_null"
    )
    move_id = fields.Many2one(
        "account.move", compute="_compute_move_id", store=True, index=True, string="Invoice"
    )
    late_fee_move_id = fields.Many2one(
        "account.move",
        string="Late Fee On",
        readonly=True,
        index="btree_not_null",
        help="The overdue notice this late fee is charged on.",
    )
    waive_reason = fields.Text(readonly=True, copy=False)
    waived_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    refund_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False, index="btree_not_null"
    )

    _sql_constraints = [
        (
            "period_ordered",
            "CHECK(period_end IS NULL OR period_end >= period_start)",
            "A charge's period cannot end before it starts.",
        ),
        # A recurring fee is billed once per unit and period (and tier of a metered
        # rate), whoever asks and however many billing runs start at once.
        (
            "recurring_once_per_period",
            "EXCLUDE (unit_id WITH =, product_id WITH =, period_start WITH =, "
            "(COALESCE(rate_tier_id, 0)) WITH =) "
            "WHERE (rate_plan_id IS NOT NULL AND state != 'cancelled')",
            "This fee has already been charged to this unit for this period.",
        ),
    ]

    @api.constrains("quantity", "price_unit")
    def _check_signs(self):
        # A charge is what a payer owes; what is owed back is a credit note.
        for charge in self:
            if charge.quantity < 0 or charge.price_unit < 0:
                raise ValidationError(
                    self.env._(
                        "Charge %(name)s: the quantity and the unit price cannot be negative "
                        "(a refund is a credit note on the invoice).",
                        name=charge.name,
                    )
                )

    @api.depends("quantity", "price_unit", "currency_id")
    def _compute_amount(self):
        for charge in self:
            currency = charge.currency_id or self.env.company.currency_id
            charge.amount = currency.round(charge.quantity * charge.price_unit)

    @api.depends("move_line_ids.move_id")
    def _compute_move_id(self):
        for charge in self:
            charge.move_id = charge.move_line_ids[:1].move_id

    @api.depends("product_id")
    def _compute_name(self):
        for charge in self:
            if not charge.name:
                charge.name = charge.product_id.display_name

    @api.model
    def _create_for_document(self, vals_list):
        """The charges that an action of another flow bills (a paid service accepted,
        a renovation's fees, the move-in fees), created whatever the billing rights of
        the staff running it: the action checked who may."""
        return self.sudo().create(vals_list).sudo(False)

    @api.model_create_multi
    def create(self, vals_list):
        # A charge just cancelled must reach the database before the insert, or the
        # recurring_once_per_period constraint would still count it.
        self.flush_model(["state"])
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_pending(self):
        if any(charge.state == "invoiced" for charge in self):
            raise UserError(self.env._("An invoiced charge cannot be deleted."))

    def action_waive(self):
        """Open the waiver form (a manager waives a late fee, giving a reason)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Waive Late Fee"),
            "res_model": "property.charge.waive",
            "view_mode": "form",
            "target": "new",
            "context": {"default_charge_ids": self.ids},
        }

    def _waive(self, reason):
        """Waive these late fees: a pending one is not billed; an invoiced one is
        credited (credit note on the notice that billed it)."""
        if not self.env.user.has_group("property_base.group_property_manager"):
            raise UserError(self.env._("Only a property manager can waive a late fee."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for waiving the late fee."))
        if any(charge.fee_kind != "late_fee" for charge in self):
            raise UserError(self.env._("Only late fees can be waived."))
        if any(charge.state not in ("pending", "invoiced") for charge in self):
            raise UserError(self.env._("Only a pending or invoiced late fee can be waived."))
        for charge in self.filtered(lambda c: c.state == "invoiced"):
            charge._write_workflow({"refund_id": charge._credit_invoiced(reason).id})
        self._write_workflow(
            {"state": "waived", "waive_reason": reason, "waived_by_id": self.env.uid}
        )
        for charge in self:
            charge.message_post(
                body=self.env._("Late fee waived: %(reason)s", reason=reason),
            )
        return True

    def _credit_invoiced(self, reason):
        self.ensure_one()
        line = self.move_line_ids.filtered(lambda line: line.move_id.state == "posted")[:1]
        invoice = line.move_id
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "journal_id": invoice.journal_id.id,
                "invoice_date": fields.Date.context_today(self),
                "reversed_entry_id": invoice.id,
                "ref": self.env._("Late fee waived: %(reason)s", reason=reason),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "name": line.name,
                            "quantity": line.quantity,
                            "price_unit": line.price_unit,
                            "tax_ids": [Command.set(line.tax_ids.ids)],
                        }
                    )
                ],
            }
        )
        refund.action_post()
        if invoice.payment_state in ("not_paid", "partial"):
            (refund + invoice).line_ids.filtered(
                lambda ml: ml.account_type == "asset_receivable" and not ml.reconciled
            ).reconcile()
        return refund

    def action_cancel(self):
        if any(charge.state != "pending" for charge in self):
            raise UserError(self.env._("Only a pending charge can be cancelled."))
        self._write_workflow({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------ immediate invoice

    def _invoice_line_values(self):
        """The invoice line of this charge, as every property invoice shows it: unit,
        description and origin, linked back to the charge."""
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": " / ".join(
                part for part in (self.unit_id.code, self.name, self.origin) if part
            ),
            "quantity": self.quantity,
            "price_unit": self.price_unit,
            "property_charge_id": self.id,
        }

    def _invoice_now(self, origin=None, invoice_date=None):
        """Invoice these pending charges at once, without waiting for the next billing
        run: one posted invoice per payer, due the day it is issued (fees collected on
        the spot, e.g. a renovation's deposit and fees). Returns the invoices.

        The staff who trigger it (desk, engineers) need no accounting rights: the
        invoice is made as superuser; the cashier registers the payment."""
        if any(charge.state != "pending" for charge in self):
            raise UserError(self.env._("Only pending charges can be invoiced."))
        date = invoice_date or fields.Date.context_today(self)
        Move = self.env["account.move"].sudo()
        values = []
        for (company, payer), charges in self.grouped(
            lambda c: (c.company_id, c.partner_id)
        ).items():
            journal = Move.env["account.journal"].search(
                [
                    ("type", "=", "sale"),
                    *Move.env["account.journal"]._check_company_domain(company),
                ],
                limit=1,
            )
            values.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": payer.id,
                    "journal_id": journal.id,
                    "company_id": company.id,
                    "invoice_date": date,
                    "invoice_date_due": date,
                    "invoice_payment_term_id": False,
                    "invoice_origin": origin
                    or ", ".join(filter(None, set(charges.mapped("origin")))),
                    "invoice_line_ids": [
                        Command.create(charge._invoice_line_values()) for charge in charges
                    ],
                }
            )
        invoices = Move.with_company(self.company_id[:1]).create(values)
        invoices.action_post()
        self.sudo()._write_workflow({"state": "invoiced"})
        return invoices.sudo(False)

    # ------------------------------------------------ credit and settle (for other addons)
    # Billing keeps the books: the addons whose documents charge fees (a renovation's
    # deposit) ask billing to credit or settle them, and post no entry themselves.

    def _check_may_credit(self):
        """Raise AccessError unless the user may have billing credit these charges:
        billing staff may; an addon lets its own staff credit the charges of its
        documents by extending this."""
        self.check_access("read")
        if (
            self
            and not self.env.su
            and not self.env.user.has_group("property_billing.group_property_finance")
        ):
            raise AccessError(
                self.env._("Only billing staff can credit the invoice of these charges.")
            )

    def _credit_invoice(self, reason):
        """Credit in full the unpaid invoices that billed these charges (e.g. fees of an
        application withdrawn before paying): each is reversed and cancelled. Returns the
        credit notes."""
        self._check_may_credit()
        invoices = self.sudo().move_id.filtered(lambda move: move.state == "posted")
        for invoice in invoices:
            if invoice.payment_state != "not_paid":
                raise UserError(
                    self.env._(
                        "Invoice %(invoice)s is (partly) paid: refund the payment first.",
                        invoice=invoice.name,
                    )
                )
            if invoice.invoice_line_ids.property_charge_id - self:
                raise UserError(
                    self.env._(
                        "Invoice %(invoice)s bills other charges too: credit it from the invoice.",
                        invoice=invoice.name,
                    )
                )
        if not invoices:
            return self.env["account.move"]
        refunds = invoices._reverse_moves([{"ref": reason}] * len(invoices), cancel=True)
        for charge in self.sudo():
            charge._write_workflow(
                {
                    "refund_id": refunds.filtered(
                        lambda r, c=charge: r.reversed_entry_id == c.move_id
                    ).id
                }
            )
        return refunds.sudo(False)

    def _settle_deposit(self, label, deductions, ref):
        """Settle the deposits these charges billed, paid: one credit note to the payer
        gives each deposit back (a line `label` of its product: the deposit liability is
        debited) less the `deductions`, invoice line values with a product, a name and
        an amount the company keeps (income). The receivable is credited with the
        difference, which the cashier pays out (Register Payment on the credit note).
        Returns the credit note, posted."""
        self._check_may_credit()
        charges = self.sudo()
        invoice = charges.move_id
        if (
            len(invoice) != 1
            or len(charges.partner_id) != 1
            or any(charge.fee_kind != "deposit" for charge in charges)
        ):
            raise UserError(self.env._("Settle the deposits of one invoice and payer at once."))
        if invoice.payment_state not in ("paid", "in_payment"):
            raise UserError(
                self.env._(
                    "The deposit invoice %(invoice)s is not paid: nothing to give back.",
                    invoice=invoice.name,
                )
            )
        if sum(deduction["amount"] for deduction in deductions) > sum(charges.mapped("amount")):
            raise UserError(self.env._("The deductions exceed the deposit."))
        lines = [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "name": label,
                    "quantity": line.quantity,
                    "price_unit": line.price_unit,
                    "account_id": line.account_id.id,
                    "tax_ids": [Command.set(line.tax_ids.ids)],
                }
            )
            for line in charges.move_line_ids.filtered(lambda line: line.move_id == invoice)
        ]
        lines += [
            Command.create(
                {
                    "product_id": deduction["product_id"],
                    "name": deduction["name"],
                    "quantity": 1.0,
                    "price_unit": -deduction["amount"],
                    "tax_ids": [Command.clear()],
                }
            )
            for deduction in deductions
        ]
        today = fields.Date.context_today(self)
        refund = (
            self.env["account.move"]
            .sudo()
            .with_company(invoice.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": invoice.partner_id.id,
                    "journal_id": invoice.journal_id.id,
                    "company_id": invoice.company_id.id,
                    "invoice_date": today,
                    "invoice_date_due": today,
                    "invoice_payment_term_id": False,
                    "invoice_origin": invoice.invoice_origin,
                    "ref": ref,
                    "invoice_line_ids": lines,
                }
            )
        )
        refund.action_post()
        charges._write_workflow({"refund_id": refund.id})
        return refund.sudo(False)
