from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class PropertyCommonRevenue(models.Model):
    """An income of the owners' common parts (公共收益): advertising in the elevators
    and lobbies, parking on common land, rental of a common venue... By law (民法典
    §282) it belongs to the owners once reasonable costs are deducted. Posting it
    credits the owners' common revenue (a liability), never the company's income, and
    debits the common revenue's bank account (received) or the payer (to collect)."""

    _name = "property.common.revenue"
    _description = "Common Revenue"
    _inherit = ["property.common.revenue.entry"]
    _sequence_code = "property.common.revenue"

    kind_id = fields.Many2one(
        "property.common.revenue.kind",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Payer",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="Who pays: the advertiser, the parking operator, the tenant of the venue.",
    )
    description = fields.Char(
        required=True,
        tracking=True,
        help="What was paid for, e.g. 'Elevator advertising, building A1, Jan–Mar 2026'.",
    )
    payment_mode = fields.Selection(
        [
            ("bank", "Received in the Common Revenue Account"),
            ("receivable", "To Collect from the Payer"),
        ],
        required=True,
        default="bank",
        tracking=True,
    )
    payment_reference = fields.Char(
        tracking=True, help="Bank slip, transfer or receipt number of the payment."
    )
    contract_attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_common_revenue_contract_rel",
        string="Contract",
        help="The contract with the payer (advertising, parking, rental).",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "Common revenue references are unique.",
        ),
    ]

    def _move_values(self):
        """Debit the common revenue's bank account (or the payer's receivable), credit
        the owners' common revenue payable."""
        self.ensure_one()
        journal, account = self.company_id.sudo()._get_common_revenue_accounting()
        if self.payment_mode == "bank":
            debit_account = journal.default_account_id
        else:
            debit_account = self.partner_id.with_company(
                self.company_id
            ).property_account_receivable_id
        label = self.env._(
            "Common revenue of %(estate)s: %(kind)s, %(description)s",
            estate=self.estate_id.name,
            kind=self.kind_id.name,
            description=self.description,
        )
        common = {"name": label, "partner_id": self.partner_id.id}
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": self.date,
            "ref": " / ".join(part for part in (self.name, self.payment_reference) if part),
            "line_ids": [
                Command.create({**common, "account_id": debit_account.id, "debit": self.amount}),
                Command.create({**common, "account_id": account.id, "credit": self.amount}),
            ],
        }

    def _before_reverse(self):
        # the owners' money may have been used meanwhile
        self._check_balance_after(self._withdrawn_by_estate())
        if self.move_id.line_ids.filtered(
            lambda line: line.matched_debit_ids or line.matched_credit_ids
        ):
            raise UserError(self.env._("The payer has paid: cancel the payment first."))
