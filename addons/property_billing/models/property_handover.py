from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import format_date


class PropertyHandover(models.Model):
    """The fee step of the move-in (DOMAIN §2): the management fee prepaid for the
    company's number of months from the handover date (prorated by days) and any other
    pending charges of the unit for the owner are invoiced at once; the handover goes on
    only when that invoice is paid, or when a manager overrides with a reason. The unit's
    billing schedule starts after the prepaid months."""

    _inherit = "property.handover"

    move_in_invoice_id = fields.Many2one(
        "account.move",
        string="Move-in Invoice",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # Follows the invoice's payment through account.move._property_payment_followers
    # (not through Odoo's dependencies on the payment state: Issue 20).
    move_in_payment_state = fields.Selection(
        related="move_in_invoice_id.payment_state", depends=["move_in_invoice_id"]
    )
    fees_collected = fields.Boolean(compute="_compute_fees_collected", store=True, readonly=True)
    fee_override_reason = fields.Text(
        string="Fees Override Reason", readonly=True, copy=False, tracking=True
    )
    fee_override_by_id = fields.Many2one(
        "res.users", string="Fees Overridden By", readonly=True, copy=False
    )

    @api.depends("move_in_invoice_id", "fee_override_reason")
    def _compute_fees_collected(self):
        for handover in self:
            handover.fees_collected = bool(handover.fee_override_reason) or (
                handover.move_in_invoice_id.payment_state in ("paid", "in_payment")
            )

    def _prepaid_period(self):
        self.ensure_one()
        months = self.company_id.property_move_in_months
        return self.date, self.date + relativedelta(months=months, days=-1)

    def _management_plans(self):
        self.ensure_one()
        return self.env["property.rate.plan"].search(
            [
                ("estate_id", "=", self.estate_id.id),
                ("fee_kind", "=", "management"),
                ("date_from", "<=", self.date),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", self.date),
                "|",
                ("unit_use", "=", False),
                ("unit_use", "=", self.unit_id.use),
            ]
        )

    def action_invoice_move_in_fees(self):
        """Invoice the move-in fees (posted), and start the unit's billing schedule
        after the prepaid months."""
        self._require_state("draft", "documents")
        for handover in self:
            if handover.move_in_invoice_id.state == "posted":
                raise UserError(
                    self.env._(
                        "Handover %(name)s: the move-in fees are already invoiced.",
                        name=handover.name,
                    )
                )
            handover._invoice_move_in_fees()
        return True

    def _invoice_move_in_fees(self):
        self.ensure_one()
        start, end = self._prepaid_period()
        plans = self._management_plans()
        if not plans:
            raise UserError(
                self.env._(
                    "Estate %(estate)s has no management fee rate plan for this unit: "
                    "set one up first.",
                    estate=self.estate_id.name,
                )
            )
        Schedule = self.env["property.billing.schedule"]
        overlapping = Schedule.search(
            [
                ("unit_id", "=", self.unit_id.id),
                ("date_start", "<=", end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", start),
            ]
        )
        if overlapping:
            raise UserError(
                self.env._(
                    "Unit %(unit)s already has a billing schedule during the prepaid months "
                    "(%(start)s – %(end)s): end it before the handover date first.",
                    unit=self.unit_id.display_name,
                    start=format_date(self.env, start),
                    end=format_date(self.env, end),
                )
            )
        Charge = self.env["property.charge"]
        values = []
        for plan in plans:
            for line in plan._charge_lines(self.unit_id, start, end):
                detail = line.pop("name")
                values.append(
                    {
                        "name": self.env._(
                            "%(fee)s prepaid %(start)s – %(end)s: %(detail)s",
                            fee=plan.product_id.name,
                            start=format_date(self.env, start),
                            end=format_date(self.env, end),
                            detail=detail,
                        ),
                        "unit_id": self.unit_id.id,
                        "partner_id": self.partner_id.id,
                        "product_id": plan.product_id.id,
                        "rate_plan_id": plan.id,
                        "period_start": start,
                        "period_end": end,
                        "date": start,
                        "origin": self.name,
                        **line,
                    }
                )
        # Other move-in charges entered for the owner on this unit (e.g. access cards).
        charges = Charge._create_for_document(values) | Charge.search(
            [
                ("unit_id", "=", self.unit_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("state", "=", "pending"),
            ]
        )
        invoice = charges._invoice_now(origin=self.name, invoice_date=self.date)
        # billing from the month after the prepaid ones: the desk hands over, billing
        # (this action) sets what the unit is billed
        Schedule.sudo().create(
            {
                "unit_id": self.unit_id.id,
                "date_start": end + relativedelta(days=1),
                "rate_plan_ids": [Command.set(plans.ids)],
            }
        )
        self.move_in_invoice_id = invoice
        return invoice

    def action_override_fees(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Continue Without the Move-in Fees"),
            "res_model": "property.handover.fee.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_handover_ids": self.ids},
        }

    def _override_fees(self, reason):
        if not self.env.user.has_group("property_base.group_property_manager"):
            raise UserError(self.env._("Only a property manager can let a handover go on unpaid."))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for going on without the fees."))
        self.write({"fee_override_reason": reason, "fee_override_by_id": self.env.uid})
        return True

    def _check_fees_collected(self):
        for handover in self.filtered(lambda h: not h.fees_collected):
            if not handover.move_in_invoice_id:
                raise UserError(
                    self.env._(
                        "Handover %(name)s: collect the move-in fees first; start by "
                        "invoicing them.",
                        name=handover.name,
                    )
                )
            raise UserError(
                self.env._(
                    "Handover %(name)s: the move-in invoice %(invoice)s is not paid "
                    "(%(due)s due). A manager can let the handover go on, giving a reason.",
                    name=handover.name,
                    invoice=handover.move_in_invoice_id.name,
                    due=handover.move_in_invoice_id.amount_residual,
                )
            )
        return super()._check_fees_collected()

    def action_done(self):
        # The keys are not handed over while the move-in fees are unpaid.
        self._require_state("signed")
        self._check_fees_collected()
        return super().action_done()
