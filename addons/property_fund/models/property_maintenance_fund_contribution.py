from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from odoo.addons.property_base.models.property_workflow_mixin import ALL_FIELDS

CONTRIBUTION_STATES = [
    ("draft", "Draft"),
    ("posted", "Posted"),
    ("cancelled", "Cancelled"),
]


class PropertyMaintenanceFundContribution(models.Model):
    """A payment into the owners' special maintenance fund (维修基金缴存) for a unit: the
    first deposit when the unit is sold or handed over, or a top-up (续筹) once the
    balance runs low. Posting it records the money in the fund's bank account and the
    company's liability to the owners, on the unit, in Odoo accounting."""

    _name = "property.maintenance.fund.contribution"
    _description = "Maintenance Fund Contribution"
    _sequence_code = "property.maintenance.fund.contribution"
    _inherit = [
        "property.workflow.mixin",
        "property.unit.mixin",
        "property.maintenance.fund.document",
        "mail.thread",
    ]
    _order = "date desc, id desc"
    # what is posted stays as booked: a mistake is cancelled (reversed) and recorded again
    _workflow_locked = {"posted": ALL_FIELDS, "cancelled": ALL_FIELDS}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Payer",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        help="The unit's owner by default.",
    )
    contribution_type = fields.Selection(
        [("initial", "First Deposit"), ("top_up", "Top-up")],
        string="Type",
        required=True,
        default="initial",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    payment_reference = fields.Char(
        tracking=True, help="Bank slip, transfer or receipt number of the payment."
    )
    building_area = fields.Float(related="unit_id.building_area", string="Building Area (m²)")
    rate = fields.Float(
        string="Rate (per m²)",
        digits="Product Price",
        compute="_compute_rate",
        store=True,
        precompute=True,
        readonly=False,
        help="Amount per m² of building area; 0: the amount is entered by hand.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        required=True,
        compute="_compute_amount",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
        aggregator="sum",
    )
    state = fields.Selection(
        CONTRIBUTION_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "Maintenance fund contribution references are unique.",
        ),
    ]

    @api.depends("unit_id.company_id")
    def _compute_rate(self):
        for contribution in self:
            if not contribution.rate:
                contribution.rate = contribution.unit_id.company_id.maintenance_fund_rate

    @api.depends("rate", "unit_id.building_area")
    def _compute_amount(self):
        for contribution in self:
            # a posted amount is in the accounts: a later change of area leaves it
            if contribution.rate and contribution.state == "draft":
                company = contribution.unit_id.company_id or self.env.company
                currency = company.currency_id
                contribution.amount = currency.round(
                    contribution.rate * contribution.unit_id.building_area
                )

    @api.constrains("amount")
    def _check_amount(self):
        for contribution in self:
            if contribution.currency_id.compare_amounts(contribution.amount, 0) <= 0:
                raise ValidationError(
                    self.env._(
                        "The contribution of unit %(unit)s must be a positive amount.",
                        unit=contribution.unit_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_without_entry(self):
        if any(contribution.move_id for contribution in self):
            raise UserError(
                self.env._("A posted contribution cannot be deleted: cancel it instead.")
            )

    # ------------------------------------------------------------------ workflow

    def _move_values(self):
        """Debit the fund's bank account, credit the owners' fund (liability), on the unit."""
        self.ensure_one()
        journal, fund_account = self.company_id.sudo()._get_maintenance_fund_accounting()
        label = self.env._(
            "Maintenance fund %(unit)s %(name)s",
            unit=self.unit_id.display_name,
            name=self.name,
        )
        common = {
            "name": label,
            "partner_id": self.partner_id.id,
            "property_unit_id": self.unit_id.id,
        }
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": self.date,
            "ref": " / ".join(part for part in (self.name, self.payment_reference) if part),
            "line_ids": [
                Command.create(
                    {**common, "account_id": journal.default_account_id.id, "debit": self.amount}
                ),
                Command.create({**common, "account_id": fund_account.id, "credit": self.amount}),
            ],
        }

    def action_post(self):
        """Record the payment in the fund's accounts (维修基金入账)."""
        self._require_state("draft")
        self._check_amount()
        # The desk records the owners' payments without being accountants: the entry is
        # built from the checked contribution only, without accounting rights.
        self._post_fund_moves()
        return True

    def action_cancel(self):
        """Cancel; a posted contribution is reversed by an entry of today (the past
        disclosures stay true), unless the fund has already spent the money."""
        self._require_state("draft", "posted")
        posted = self.filtered(lambda c: c.state == "posted")
        if posted:
            if not self.env.user.has_group("property_base.group_property_manager"):
                raise UserError(
                    self.env._("Only a property manager can cancel a posted contribution.")
                )
            posted._check_reversible()
            posted._reverse_fund_moves()
        self._write_workflow({"state": "cancelled"})
        return True

    def _check_reversible(self):
        """The buildings (or the units outside any building) keep a balance of at least
        zero once the contributions are gone."""
        in_building = self.filtered("building_id")
        balances = {
            **in_building.building_id._maintenance_fund_balances(),
            **(self - in_building).unit_id._maintenance_fund_balances(),
        }
        withdrawn = {}
        for contribution in self:
            holder = contribution.building_id or contribution.unit_id
            withdrawn[holder] = withdrawn.get(holder, 0.0) + contribution.amount
        for holder, amount in withdrawn.items():
            currency = holder.company_id.currency_id
            if currency.compare_amounts(balances.get(holder, 0.0), amount) < 0:
                raise UserError(
                    self.env._(
                        "The maintenance fund of %(holder)s holds %(balance)s, less than the "
                        "%(amount)s to cancel: part of it has been used.",
                        holder=holder.display_name,
                        balance=currency.format(balances.get(holder, 0.0)),
                        amount=currency.format(amount),
                    )
                )
