from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    # Maintenance fund (维修基金): the owners' money the company holds in trust, kept in
    # its own bank account and liability account, apart from the company's own money.
    maintenance_fund_journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="Bank journal of the fund's own bank account (维修基金专户).",
    )
    maintenance_fund_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Liability account of the owners' special maintenance fund held in trust "
        "(代管专项维修基金); its balance per unit is the owners' money. Balances are read "
        "from this account: do not change it once movements are posted.",
    )
    maintenance_fund_account_code = fields.Char(
        default="2241",
        help="Code the fund's liability account is numbered from when it is created "
        "(2241: other payables in the Chinese chart of accounts).",
    )
    maintenance_fund_rate = fields.Float(
        string="Maintenance Fund Rate (per m²)",
        digits="Product Price",
        help="Default contribution per m² of building area; 0: amounts entered by hand.",
    )

    def _get_maintenance_fund_accounting(self):
        """The fund's journal and liability account, created on first use (the chart of
        accounts may have been installed after this module)."""
        self.ensure_one()
        if not self.chart_template:
            raise UserError(
                self.env._(
                    "Company %(company)s has no chart of accounts yet: install one before "
                    "recording maintenance fund movements.",
                    company=self.name,
                )
            )
        if not self.maintenance_fund_account_id:
            self.maintenance_fund_account_id = self.env["account.account"].create(
                {
                    "name": self.env._("Special Maintenance Fund Held"),
                    "code": self._maintenance_fund_new_account_code(),
                    "account_type": "liability_current",
                    "company_ids": [Command.link(self.id)],
                }
            )
        if not self.maintenance_fund_journal_id:
            self.maintenance_fund_journal_id = self.env["account.journal"].create(
                {
                    "name": self.env._("Maintenance Fund Bank"),
                    "type": "bank",
                    "code": self._maintenance_fund_journal_code(),
                    "company_id": self.id,
                }
            )
        return self.maintenance_fund_journal_id, self.maintenance_fund_account_id

    def _maintenance_fund_new_account_code(self):
        return self._property_new_account_code(self.maintenance_fund_account_code or "2241")

    def _maintenance_fund_journal_code(self):
        return self._property_new_journal_code("MFND")

    # Shared by the addons that keep owners' money in accounts of their own (the
    # maintenance fund here, the common revenue in property_community).

    def _property_new_account_code(self, code):
        """The first free account code from `code`, as long as the chart's codes."""
        Account = self.env["account.account"].with_company(self)
        sample = Account.search(Account._check_company_domain(self), limit=1).code or ""
        return Account._search_new_account_code(code.ljust(len(sample), "0"), cache=set())

    def _property_new_journal_code(self, prefix):
        """`prefix`, or `prefix` numbered 1 to 9, whichever is free in the company."""
        used = set(
            self.env["account.journal"]
            .with_context(active_test=False)
            .search([*self.env["account.journal"]._check_company_domain(self)])
            .mapped("code")
        )
        return next(
            code for code in [prefix, *(f"{prefix}{n}" for n in range(1, 10))] if code not in used
        )

    def write(self, vals):
        res = super().write(vals)
        if "maintenance_fund_journal_id" in vals:
            self._property_update_transfer_message()
        return res

    def _property_trust_journals(self):
        """The fund's bank account holds the owners' money: never the account of a
        payment notice or of the wire transfer."""
        return super()._property_trust_journals() | self.maintenance_fund_journal_id
