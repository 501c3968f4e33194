from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class PropertyCommonRevenueUse(models.Model):
    """A use of the owners' common revenue (公共收益支出), as the owners decided it
    (at their general meeting or through their committee): a cost of running the common
    parts, a repair, a top-up of the maintenance fund, a distribution... Posting it
    debits the owners' common revenue payable and credits the common revenue's bank
    account (paid) or the payee's payable (bill to pay)."""

    _name = "property.common.revenue.use"
    _description = "Common Revenue Use"
    _inherit = ["property.common.revenue.entry"]
    _sequence_code = "property.common.revenue.use"

    purpose = fields.Char(required=True, tracking=True, help="What the money is used for.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Payee",
        index=True,
        check_company=True,
        tracking=True,
        help="Who is paid; required for a bill to pay.",
    )
    decided_by = fields.Char(
        required=True,
        tracking=True,
        help="The owners' decision of this use, e.g. the resolution of the general meeting "
        "or of the owners' committee, with its date and number.",
    )
    payment_mode = fields.Selection(
        [
            ("bank", "Paid from the Common Revenue Account"),
            ("payable", "Bill to Pay"),
        ],
        required=True,
        default="bank",
        tracking=True,
    )
    decision_attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_common_revenue_use_decision_rel",
        string="Decision",
        help="Minutes or resolution of the owners' decision, invoices and receipts.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "Common revenue use references are unique.",
        ),
    ]

    def _move_values(self):
        """Debit the owners' common revenue payable, credit the common revenue's bank
        account (paid) or the payee's payable (bill to pay)."""
        self.ensure_one()
        journal, account = self.company_id.sudo()._get_common_revenue_accounting()
        if self.payment_mode == "bank":
            credit_account = journal.default_account_id
        else:
            credit_account = self.partner_id.with_company(
                self.company_id
            ).property_account_payable_id
        label = self.env._(
            "Use of the common revenue of %(estate)s: %(purpose)s",
            estate=self.estate_id.name,
            purpose=self.purpose,
        )
        common = {"name": label, "partner_id": self.partner_id.id}
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": self.date,
            "ref": self.name,
            "line_ids": [
                Command.create({**common, "account_id": account.id, "debit": self.amount}),
                Command.create({**common, "account_id": credit_account.id, "credit": self.amount}),
            ],
        }

    def _before_post(self):
        for use in self.filtered(lambda u: u.payment_mode == "payable" and not u.partner_id):
            raise UserError(
                self.env._("Set the payee of %(name)s: it is a bill to pay.", name=use.name)
            )
        self._check_balance_after(self._withdrawn_by_estate())

    def _before_reverse(self):
        if self.move_id.line_ids.filtered(
            lambda line: line.matched_debit_ids or line.matched_credit_ids
        ):
            raise UserError(self.env._("The payee has been paid: cancel the payment first."))
