from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

EXPENSE_STATES = [
    ("draft", "Draft"),
    ("submitted", "To Approve"),
    ("approved", "Approved"),
    ("posted", "Posted"),
    ("cancelled", "Cancelled"),
]


class PropertyMaintenanceFundExpense(models.Model):
    """A use of the owners' maintenance fund (维修基金使用) for a repair of common parts
    (elevator, roof, pumps, fire system...). The fund is the owners' money: the cost is
    charged to the units that share the common part, by building area, and needs the
    owners' consent (unless the repair is an emergency) and a manager's approval. Posting
    pays the supplier from the fund, or books the supplier's bill to pay."""

    _name = "property.maintenance.fund.expense"
    _description = "Maintenance Fund Use"
    _sequence_code = "property.maintenance.fund.expense"
    _inherit = [
        "property.company.mixin",
        "property.workflow.mixin",
        "property.maintenance.fund.document",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "estate_id"
    _order = "date desc, id desc"
    _check_company_auto = True
    # what was approved is what is posted, and what is posted stays as booked
    _workflow_locked = {
        "submitted": ("estate_id", "building_ids", "amount"),
        "approved": ("estate_id", "building_ids", "amount"),
        "posted": ALL_FIELDS,
        "cancelled": ALL_FIELDS,
    }

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    building_ids = fields.Many2many(
        "property.building",
        string="Buildings",
        required=True,
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
        help="The buildings whose units share the common part and pay for its repair.",
    )
    common_part = fields.Char(
        required=True, tracking=True, help="The common part or facility repaired."
    )
    description = fields.Text(help="What is repaired, why, and how.")
    is_emergency = fields.Boolean(
        string="Emergency Repair",
        tracking=True,
        help="An urgent repair (应急维修) made before the owners could vote on it; their "
        "consent document is then not required.",
    )
    supplier_id = fields.Many2one("res.partner", check_company=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Date of the journal entry of the use.",
    )
    amount = fields.Monetary(required=True, tracking=True, aggregator="sum")
    payment_mode = fields.Selection(
        [("bank", "Paid from the Fund's Bank Account"), ("payable", "Supplier's Bill to Pay")],
        required=True,
        default="bank",
        tracking=True,
    )
    quote_attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_maintenance_fund_expense_quote_rel",
        string="Quotes",
        help="The supplier's quotes and the repair plan.",
    )
    consent_attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_maintenance_fund_expense_consent_rel",
        string="Owners' Consent",
        help="Minutes or signed forms of the owners' vote on this use.",
    )
    share_ids = fields.One2many(
        "property.maintenance.fund.expense.share",
        "expense_id",
        string="Apportionment",
        readonly=True,
        copy=False,
    )
    state = fields.Selection(
        EXPENSE_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "Maintenance fund use references are unique.",
        ),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if expense.currency_id.compare_amounts(expense.amount, 0) <= 0:
                raise ValidationError(
                    self.env._(
                        "The amount of maintenance fund use %(name)s must be positive.",
                        name=expense.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_without_entry(self):
        if any(expense.move_id for expense in self):
            raise UserError(self.env._("A posted fund use cannot be deleted: cancel it instead."))

    # ------------------------------------------------------------------ apportionment

    def _apportion(self):
        """[(unit, area, amount)]: the amount split over the units of the buildings by
        building area; the last unit takes the rounding difference."""
        self.ensure_one()
        units = self.building_ids.unit_ids.filtered(lambda u: u.building_area > 0)
        total_area = sum(units.mapped("building_area"))
        if not total_area:
            raise UserError(
                self.env._(
                    "The buildings of %(name)s have no unit with a building area to share "
                    "the cost.",
                    name=self.name,
                )
            )
        shares, left = [], self.amount
        for index, unit in enumerate(units):
            if index == len(units) - 1:
                amount = self.currency_id.round(left)
            else:
                amount = self.currency_id.round(self.amount * unit.building_area / total_area)
            left -= amount
            shares.append((unit, unit.building_area, amount))
        return shares

    def _set_shares(self):
        for expense in self:
            expense.share_ids = [Command.clear()] + [
                Command.create({"unit_id": unit.id, "area": area, "amount": amount})
                for unit, area, amount in expense._apportion()
            ]

    def _check_fund_balance(self):
        """Refuse uses larger than the fund balance of a building they are charged to."""
        needed = {}
        for share in self.share_ids:
            needed[share.building_id] = needed.get(share.building_id, 0.0) + share.amount
        balances = self.share_ids.building_id._maintenance_fund_balances()
        for building, amount in needed.items():
            balance = balances.get(building, 0.0)
            currency = building.company_id.currency_id
            if currency.compare_amounts(amount, balance) > 0:
                raise UserError(
                    self.env._(
                        "The maintenance fund of building %(building)s holds %(balance)s: "
                        "not enough for its share of %(amount)s in %(names)s.",
                        building=building.display_name,
                        balance=currency.format(balance),
                        amount=currency.format(amount),
                        names=", ".join(
                            self.filtered(
                                lambda e, b=building: b in e.share_ids.building_id
                            ).mapped("name")
                        ),
                    )
                )

    # ------------------------------------------------------------------ workflow

    def _require_manager(self):
        if not self.env.user.has_group("property_base.group_property_manager"):
            raise UserError(
                self.env._("Only a property manager can approve or post maintenance fund uses.")
            )

    def action_submit(self):
        """Ask for approval, with the cost shared over the units."""
        self._require_state("draft")
        self._check_amount()
        self._set_shares()
        self._write_workflow({"state": "submitted"})
        for expense in self.filtered("estate_id.manager_id"):
            expense.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                user_id=expense.estate_id.manager_id.id,
                summary=self.env._("Approve the maintenance fund use"),
            )
        return True

    def action_approve(self):
        self._require_manager()
        self._require_state("submitted")
        for expense in self:
            if not expense.is_emergency and not expense.consent_attachment_ids:
                raise UserError(
                    self.env._(
                        "Attach the owners' consent to %(name)s before approving it, or mark "
                        "it as an emergency repair.",
                        name=expense.name,
                    )
                )
            if not expense.supplier_id:
                raise UserError(
                    self.env._("Set the supplier of %(name)s first.", name=expense.name)
                )
        self._check_fund_balance()
        self._write_workflow(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_on": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def _move_values(self):
        """Debit the owners' fund per unit by its share, credit the fund's bank account
        (paid) or the supplier's payable (bill to pay)."""
        self.ensure_one()
        journal, fund_account = self.company_id.sudo()._get_maintenance_fund_accounting()
        label = f"{self.name} {self.common_part}"
        if self.payment_mode == "bank":
            credit_account = journal.default_account_id
        else:
            credit_account = self.supplier_id.with_company(
                self.company_id
            ).property_account_payable_id
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": self.date,
            "ref": label,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": fund_account.id,
                        "partner_id": share.unit_id.owner_id.id,
                        "property_unit_id": share.unit_id.id,
                        "debit": share.amount,
                    }
                )
                for share in self.share_ids
            ]
            + [
                Command.create(
                    {
                        "name": label,
                        "account_id": credit_account.id,
                        "partner_id": self.supplier_id.id,
                        "credit": self.amount,
                    }
                )
            ],
        }

    def action_post(self):
        """Pay the repair from the fund (维修基金支取)."""
        self._require_manager()
        self._require_state("approved")
        self._check_fund_balance()
        # Approved by a manager, who need not be an accountant.
        self._post_fund_moves()
        return True

    def action_cancel(self):
        """Cancel; a posted use is reversed by an entry of today, which gives the money
        back to the units."""
        self._require_state("draft", "submitted", "approved", "posted")
        posted = self.filtered(lambda e: e.state == "posted")
        if posted:
            self._require_manager()
            if posted.move_id.line_ids.filtered(
                lambda line: line.matched_debit_ids or line.matched_credit_ids
            ):
                raise UserError(self.env._("The supplier has been paid: cancel the payment first."))
            posted._reverse_fund_moves()
        self._write_workflow({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_draft(self):
        """Back to draft, to correct a use not yet posted."""
        self._require_state("submitted", "approved")
        self._write_workflow({"state": "draft", "approved_by_id": False, "approved_on": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True
