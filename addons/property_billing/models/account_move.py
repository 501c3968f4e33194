from collections import defaultdict
from datetime import timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from odoo.addons.account.tools import format_structured_reference_iso

from ..tools.money import exact, round_amount, show
from .property_billing_schedule import CYCLES

_lt = LazyTranslate(__name__)

# What account_payment tells a payer who cannot pay a notice online, in words its own
# catalogue leaves in English for Chinese: property_billing's catalogue says them.
ONLINE_PAYMENT_ERRORS = {
    "This invoice cannot be paid online.": _lt("This bill cannot be paid online."),
    "There is no amount to be paid.": _lt("There is no amount to be paid."),
    "This invoice isn't posted.": _lt("This bill is not issued yet."),
    "This invoice has already been paid.": _lt("This bill has already been paid."),
    "This is not an outgoing invoice.": _lt("This is not a bill to pay."),
    "There are pending transactions for this invoice.": _lt(
        "A payment of this bill is being processed."
    ),
}

DUNNING_LEVELS = [
    ("reminder", "Reminder"),
    ("final", "Final Notice"),
    ("demand", "Formal Demand"),
]


class AccountMove(models.Model):
    """A property invoice is the payment notice (付款通知书) of a payer: it knows the
    unit(s) and the period it bills, from the pending charges on its lines."""

    _inherit = "account.move"

    property_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        compute="_compute_property_fields",
        store=True,
        index="btree_not_null",
        help="The unit billed (the first one when the invoice bills several).",
    )
    property_estate_id = fields.Many2one(
        "property.estate",
        string="Estate",
        compute="_compute_property_fields",
        store=True,
        index="btree_not_null",
    )
    property_period_start = fields.Date(
        string="Billed From", compute="_compute_property_fields", store=True
    )
    property_period_end = fields.Date(
        string="Billed Until", compute="_compute_property_fields", store=True
    )
    property_unit_ids = fields.Many2many(
        "property.unit", string="Units", compute="_compute_property_unit_ids"
    )

    property_cycle = fields.Selection(CYCLES, string="Billing Cycle", readonly=True)
    property_dunning_level = fields.Selection(
        DUNNING_LEVELS, string="Dunning Level", readonly=True, copy=False, tracking=True
    )
    property_dunning_ids = fields.Many2many(
        "property.dunning", string="Dunning Letters", readonly=True, copy=False
    )
    property_late_fee_until = fields.Date(
        string="Late Fee Charged Until",
        readonly=True,
        copy=False,
        help="Last day of arrears already charged as a late fee.",
    )
    property_late_fee_closed = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Paid, and its late fee charged to the day of payment: nothing more to charge.",
    )
    property_arrears_move_ids = fields.Many2many(
        "account.move",
        string="Arrears Brought Forward",
        compute="_compute_property_arrears",
        help="Earlier notices of the payer still unpaid.",
    )
    property_arrears_amount = fields.Monetary(compute="_compute_property_arrears")
    property_credit_amount = fields.Monetary(
        string="Credit on Account",
        compute="_compute_property_arrears",
        help="Prepayments and over-payments of the payer not yet used.",
    )
    property_amount_to_pay = fields.Monetary(
        string="Total to Pay", compute="_compute_property_arrears"
    )
    property_amount_to_pay_words = fields.Char(
        string="Total to Pay in Words", compute="_compute_property_arrears"
    )
    # The handovers whose move-in fees this invoice bills. Their stored flags depend on
    # its payment state: through this inverse Odoo finds them in the cache (empty for a
    # new invoice) instead of searching the handovers each time any invoice changes.
    property_handover_ids = fields.One2many(
        "property.handover", "move_in_invoice_id", string="Handovers of the Move-in Fees"
    )

    def _get_online_payment_error(self):
        error = super()._get_online_payment_error()
        return "\n".join(
            str(ONLINE_PAYMENT_ERRORS.get(line, line)) for line in error.split("\n") if line
        )

    @api.depends("invoice_line_ids.property_charge_id")
    def _compute_property_fields(self):
        for move in self:
            charges = move.invoice_line_ids.property_charge_id
            # The period is the recurring fees' (a late fee's days are not billed time).
            recurring = charges.filtered("rate_plan_id") or charges
            starts = [d for d in recurring.mapped("period_start") if d]
            ends = [d for d in recurring.mapped("period_end") if d]
            move.property_unit_id = charges[:1].unit_id
            move.property_estate_id = charges[:1].estate_id
            move.property_period_start = min(starts) if starts else False
            move.property_period_end = max(ends) if ends else False

    @api.depends("invoice_line_ids.property_unit_id")
    def _compute_property_unit_ids(self):
        for move in self:
            move.property_unit_ids = move.invoice_line_ids.property_unit_id

    # No @api.depends: the arrears are other notices' (no field of this one tells when
    # they change), computed when a document reads them. Declared on the notice's own
    # amount and state, these five fields joined the dependencies walked each time any
    # invoice's amounts change, every invoice paying for it (Issue 20).
    def _compute_property_arrears(self):
        """Each posted notice's arrears (the payer's earlier notices still unpaid) and
        credit (their payments not yet used): read for all the notices at hand with one
        search and one grouped read, whatever their number (a PDF of many notices, a
        batch of e-mails)."""
        notices = self.filtered(lambda move: move.property_unit_id and move.state == "posted")
        unpaid, credit = defaultdict(list), defaultdict(float)
        if notices:
            payers = notices.commercial_partner_id
            for earlier in self.search(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("company_id", "in", notices.company_id.ids),
                    ("commercial_partner_id", "in", payers.ids),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date", "<=", max(notices.mapped("invoice_date"))),
                    ("id", "<", max(notices.ids)),
                ],
                order="invoice_date, id",
            ):
                unpaid[earlier.company_id, earlier.commercial_partner_id].append(earlier)
            for company, partner, residual in self.env["account.move.line"]._read_group(
                [
                    ("company_id", "in", notices.company_id.ids),
                    ("partner_id", "in", payers.ids),
                    ("account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("balance", "<", 0),
                ],
                ["company_id", "partner_id"],
                ["amount_residual:sum"],
            ):
                credit[company, partner] = -residual
        for move in self:
            arrears, move_credit = self.browse(), 0.0
            if move in notices:
                payer = (move.company_id, move.commercial_partner_id)
                arrears = self.browse(
                    earlier.id
                    for earlier in unpaid[payer]
                    if earlier.invoice_date <= move.invoice_date and earlier.id < move.id
                )
                move_credit = credit[payer]
            move.property_arrears_move_ids = arrears
            move.property_arrears_amount = sum(arrears.mapped("amount_residual"))
            move.property_credit_amount = move_credit
            move.property_amount_to_pay = max(
                0.0,
                move.amount_residual + move.property_arrears_amount - move.property_credit_amount,
            )
            move.property_amount_to_pay_words = move._property_amount_in_words(
                move.property_amount_to_pay
            )

    # ------------------------------------------------------------------ dunning

    def _property_dunning_dates(self):
        """The dunning calendar of this notice (DOMAIN §8): arrears begin the day after
        the due date; the reminder (催款通知书) goes out on the first day of the billed
        period (or of arrears); the final notice (最后缴款通知书) from the 8th day after
        the reminder; the formal demand after 3 months of arrears (the company's
        settings; these are the defaults). A letter's deadline counts from its own date
        (`_property_dunning_deadline`)."""
        self.ensure_one()
        company = self.company_id
        arrears = self.invoice_date_due + timedelta(days=1)
        reminder = max(arrears, self.property_period_start or arrears)
        final = reminder + timedelta(days=company.property_final_notice_after_days)
        return {
            "arrears": arrears,
            "reminder": reminder,
            "final": final,
            "demand": arrears + relativedelta(months=company.property_formal_demand_after_months),
        }

    def _property_dunning_deadline(self, level, letter_date):
        """The pay-by date of a dunning letter of `level` dated `letter_date` on these
        notices (DOMAIN §8), counted from the letter's own date: a reminder is due within
        7 days for a monthly cycle and within a month otherwise (the longest cycle of the
        notices wins), a final notice within 5 days (the company's settings); a formal
        demand has no deadline."""
        company = self[:1].company_id or self.env.company
        if level == "reminder":
            if all((move.property_cycle or "monthly") == "monthly" for move in self):
                return letter_date + timedelta(days=company.property_reminder_due_days_monthly)
            return letter_date + relativedelta(months=company.property_reminder_due_months)
        if level == "final":
            return letter_date + timedelta(days=company.property_final_notice_due_days)
        return False

    def _compute_payment_state(self):
        """Odoo recomputes an invoice's payment state whenever its amounts, state or
        payments change: the records that follow its payment are told here (one query
        per batch, none for new invoices), not by declaring @api.depends on its payment
        state. Declared there, their fields were among those Odoo walked each time any
        invoice's amounts changed, property or not (Issue 20)."""
        res = super()._compute_payment_state()
        for records, fnames in self.filtered("id")._property_payment_followers():
            if not records:
                continue
            stored = [fname for fname in fnames if records._fields[fname].store]
            for fname in stored:
                self.env.add_to_compute(records._fields[fname], records)
            records.invalidate_recordset([fname for fname in fnames if fname not in stored])
            records.modified(fnames)
        return res

    def _property_payment_followers(self):
        """[(records, field names)]: the fields that follow these invoices' payment,
        recomputed (stored) or read again (not stored) when it changes. They declare
        @api.depends on their link to the invoice only. An extension point."""
        return [
            (self.property_handover_ids, ["fees_collected", "move_in_payment_state"]),
            (self.property_dunning_ids, ["amount_due", "late_fee"]),
        ]

    def _invoice_paid_hook(self):
        """Letters not sent yet on notices now paid are not to be sent any more. (As
        sudo: whoever records the payment need not see the dunning letters.)"""
        res = super()._invoice_paid_hook()
        self.sudo().property_dunning_ids._cancel_paid()
        return res

    def _property_late_fee_base(self):
        """What bears a late fee: the notice without its own late fees (no fee on fees)."""
        self.ensure_one()
        return sum(
            line.price_total
            for line in self.invoice_line_ids
            if line.product_id.property_fee_kind != "late_fee"
        )

    def _property_late_fee(self, first_day, last_day):
        """Late fee for the days [first_day, last_day] of arrears: the rate (‰ per day)
        on what was still unpaid each day, a payment counting from its own date, computed
        exactly and rounded once. Returns (amount, spans, overdue amount on last_day),
        the spans being the days charged: [(first, last, amount overdue)]."""
        self.ensure_one()
        receivable = self.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        payments = sorted(
            (partial.max_date, exact(partial.amount))
            for partial in receivable.matched_credit_ids
            if partial.max_date <= last_day
        )
        base = exact(self._property_late_fee_base())
        unpaid = exact(self.amount_total)
        rate = exact(self.company_id.property_late_fee_rate) / 1000
        amount, spans, day = Fraction(0), [], first_day
        for paid_on, paid in [*payments, (last_day + timedelta(days=1), 0)]:
            due = min(base, unpaid)
            if paid_on > day and due > 0:
                amount += due * rate * (paid_on - day).days
                spans.append((day, paid_on - timedelta(days=1), due))
            day = max(day, paid_on)
            unpaid -= paid
        due = max(0, min(base, unpaid))
        return round_amount(amount, self.currency_id), spans, float(due)

    def _property_late_fee_label(self, spans):
        """What a late fee charged: "246.25 × 3‰ × 4 day(s) (16/07 – 19/07) + …"."""
        self.ensure_one()
        rate = show(self.company_id.property_late_fee_rate)
        return " + ".join(
            self.env._(
                "%(due)s × %(rate)s‰ × %(days)s day(s) (%(start)s – %(end)s)",
                due=show(due, 2),
                rate=rate,
                days=(last - first).days + 1,
                start=format_date(self.env, first),
                end=format_date(self.env, last),
            )
            for first, last, due in spans
        )

    def _property_charge_late_fees(self, as_of):
        """Create the late-fee charges of these notices for their arrears up to `as_of`
        (each day charged once: the notice remembers up to when it was charged). A charge
        covers the days actually charged: to the payment, when the notice was paid."""
        product = self.env.ref("property_billing.product_fee_late")
        values = []
        charged, closed = [], []
        for move in self:
            first = move._property_dunning_dates()["arrears"]
            if move.property_late_fee_until:
                first = max(first, move.property_late_fee_until + timedelta(days=1))
            if first > as_of:
                continue
            amount, spans, still_due = move._property_late_fee(first, as_of)
            charged.append(move.id)
            if not still_due:
                closed.append(move.id)
            if not amount:
                continue
            values.append(
                {
                    "name": self.env._(
                        "Late fee on %(notice)s: %(detail)s",
                        notice=move.name,
                        detail=move._property_late_fee_label(spans),
                    ),
                    "unit_id": move.property_unit_id.id,
                    "partner_id": move.partner_id.id,
                    "product_id": product.id,
                    "quantity": 1.0,
                    "price_unit": amount,
                    "date": as_of,
                    "period_start": spans[0][0],
                    "period_end": spans[-1][1],
                    "origin": move.name,
                    "late_fee_move_id": move.id,
                }
            )
        # One write per value for the whole batch, not one per notice.
        self.browse(charged).write({"property_late_fee_until": as_of})
        self.browse(closed).write({"property_late_fee_closed": True})
        return self.env["property.charge"].create(values)

    @api.model
    def _property_late_fee_domain(self, company, as_of):
        return [
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("property_unit_id", "!=", False),
            ("property_late_fee_closed", "=", False),
            ("invoice_date_due", "<", as_of),
            ("payment_state", "!=", "reversed"),
        ]

    def _property_amount_in_words(self, amount):
        """The amount as written on Chinese financial documents (大写, e.g.
        壹仟贰佰叁拾肆元伍角陆分), from l10n_cn (cn2an), in any language of the payer's:
        it is the legal form of the amount, like the figures."""
        self.ensure_one()
        words = self._convert_to_amount_in_word(amount)
        return words or self.currency_id.amount_to_text(amount)

    def _compute_partner_bank_id(self):
        """Payers pay into the company's collection account, never into one of money
        held in trust (e.g. the maintenance fund's), which Odoo could pick first."""
        result = super()._compute_partner_bank_id()
        for move in self.filtered(lambda move: move.is_sale_document(include_receipts=True)):
            trust_accounts = move.company_id._property_trust_journals().bank_account_id
            if move.partner_bank_id and move.partner_bank_id in trust_accounts:
                move.partner_bank_id = (
                    move.company_id._property_collection_journal().bank_account_id
                )
        return result

    def _get_invoice_computed_reference(self):
        """A payment notice carries a structured reference (ISO 11649, RF + check
        digits), which payers copy into the transfer memo and bank matching checks. All
        have the same length (the number padded with zeros): none can be read inside
        another, even where a payer runs it into the digits that follow."""
        if self.property_unit_id and self.journal_id.invoice_reference_type != "none":
            return format_structured_reference_iso(f"{self.id:012d}")
        return super()._get_invoice_computed_reference()

    def _get_name_invoice_report(self):
        if self.property_unit_id:
            return "property_billing.report_payment_notice_document"
        return super()._get_name_invoice_report()

    def _get_mail_template(self):
        if all(move.property_unit_id and move.move_type == "out_invoice" for move in self):
            return self.env.ref("property_billing.mail_template_payment_notice")
        return super()._get_mail_template()


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_charge_id = fields.Many2one("property.charge", index="btree_not_null", copy=False)
    # Set from the charge on billed lines; other entries (e.g. a maintenance-fund
    # contribution of property_fund) may set it themselves.
    property_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        compute="_compute_property_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )

    @api.depends("property_charge_id")
    def _compute_property_unit_id(self):
        for line in self.filtered("property_charge_id"):
            line.property_unit_id = line.property_charge_id.unit_id
