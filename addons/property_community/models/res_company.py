from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    # Common revenue (公共收益): what the owners' common parts earn (advertising, parking
    # on common land, venue rental) belongs to the owners (民法典 §282). It is kept in a
    # bank account and a liability account of its own, apart from the company's income.
    common_revenue_journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Bank journal of the common revenue's own account (公共收益专户).",
    )
    common_revenue_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Liability account of the owners' common revenue (应付业主共有收益): the money "
        "is the owners', not the company's income. Balances are read from this account: "
        "do not change it once entries are posted.",
    )
    common_revenue_account_code = fields.Char(
        default="2241",
        help="Code the common revenue's liability account is numbered from when it is "
        "created (2241: other payables in the Chinese chart of accounts).",
    )

    def _get_common_revenue_accounting(self):
        """The common revenue's journal and liability account, created on first use (the
        chart of accounts may have been installed after this module)."""
        self.ensure_one()
        if not self.chart_template:
            raise UserError(
                self.env._(
                    "Company %(company)s has no chart of accounts yet: install one before "
                    "recording common revenue.",
                    company=self.name,
                )
            )
        if not self.common_revenue_account_id:
            self.common_revenue_account_id = self.env["account.account"].create(
                {
                    "name": self.env._("Owners' Common Revenue Payable"),
                    "code": self._property_new_account_code(
                        self.common_revenue_account_code or "2241"
                    ),
                    "account_type": "liability_current",
                    "company_ids": [Command.link(self.id)],
                }
            )
        if not self.common_revenue_journal_id:
            self.common_revenue_journal_id = self.env["account.journal"].create(
                {
                    "name": self.env._("Common Revenue (公共收益)"),
                    "type": "bank",
                    "code": self._property_new_journal_code("CREV"),
                    "company_id": self.id,
                }
            )
        return self.common_revenue_journal_id, self.common_revenue_account_id

    def write(self, vals):
        res = super().write(vals)
        if "common_revenue_journal_id" in vals:
            self._property_update_transfer_message()
        return res

    def _property_trust_journals(self):
        """The common revenue's bank account holds the owners' money: never the account
        of a payment notice or of the wire transfer."""
        return super()._property_trust_journals() | self.common_revenue_journal_id
