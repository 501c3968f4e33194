from odoo import api, fields, models

from odoo.addons.account.tools import format_structured_reference_iso


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

    @api.depends("invoice_line_ids.property_charge_id")
    def _compute_property_fields(self):
        for move in self:
            charges = move.invoice_line_ids.property_charge_id
            starts = [d for d in charges.mapped("period_start") if d]
            ends = [d for d in charges.mapped("period_end") if d]
            move.property_unit_id = charges[:1].unit_id
            move.property_estate_id = charges[:1].estate_id
            move.property_period_start = min(starts) if starts else False
            move.property_period_end = max(ends) if ends else False

    @api.depends("invoice_line_ids.property_unit_id")
    def _compute_property_unit_ids(self):
        for move in self:
            move.property_unit_ids = move.invoice_line_ids.property_unit_id

    @api.depends("amount_residual", "partner_id", "invoice_date", "state")
    def _compute_property_arrears(self):
        for move in self:
            arrears = self.browse()
            credit = 0.0
            if move.property_unit_id and move.state == "posted":
                partner = move.commercial_partner_id
                arrears = self.search(
                    [
                        ("id", "!=", move.id),
                        ("move_type", "=", "out_invoice"),
                        ("state", "=", "posted"),
                        ("company_id", "=", move.company_id.id),
                        ("commercial_partner_id", "=", partner.id),
                        ("payment_state", "in", ("not_paid", "partial")),
                        ("invoice_date", "<=", move.invoice_date),
                        ("id", "<", move.id),
                    ],
                    order="invoice_date, id",
                )
                credit = -sum(
                    self.env["account.move.line"]
                    .search(
                        [
                            ("company_id", "=", move.company_id.id),
                            ("partner_id", "=", partner.id),
                            ("account_type", "=", "asset_receivable"),
                            ("parent_state", "=", "posted"),
                            ("reconciled", "=", False),
                            ("balance", "<", 0),
                        ]
                    )
                    .mapped("amount_residual")
                )
            move.property_arrears_move_ids = arrears
            move.property_arrears_amount = sum(arrears.mapped("amount_residual"))
            move.property_credit_amount = credit
            move.property_amount_to_pay = max(
                0.0, move.amount_residual + move.property_arrears_amount - credit
            )
            move.property_amount_to_pay_words = move._property_amount_in_words(
                move.property_amount_to_pay
            )

    def _property_amount_in_words(self, amount):
        """The amount as written on Chinese financial documents (大写, e.g.
        壹仟贰佰叁拾肆元伍角陆分), from l10n_cn (cn2an), in any language of the payer's:
        it is the legal form of the amount, like the figures."""
        self.ensure_one()
        words = self._convert_to_amount_in_word(amount)
        return words or self.currency_id.amount_to_text(amount)

    def _get_invoice_computed_reference(self):
        """A payment notice carries a structured reference (ISO 11649, RF + check
        digits), which payers copy into the transfer memo and bank matching checks."""
        if self.property_unit_id and self.journal_id.invoice_reference_type != "none":
            return format_structured_reference_iso(self.id)
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
    # contribution) may set it themselves.
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
