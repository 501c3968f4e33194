from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, custody: the management fee of a unit in custody is charged at 70 %.
    custody_fee_factor = fields.Float(string="Custody Fee Factor (%)", default=70.0)

    # DOMAIN.md, fee collection: overdue amounts bear a late fee of 3 ‰ per day.
    property_late_fee_rate = fields.Float(string="Late Fee (‰ per day)", default=3.0)
    # DOMAIN.md, move-in: the management fee is prepaid, e.g. half a year.
    property_move_in_months = fields.Integer(string="Months Prepaid at Move-in", default=6)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._property_setup_wire_transfer()
        return companies

    def _property_setup_wire_transfer(self):
        """Owners can pay from day one: Odoo's wire transfer, enabled and published for
        each company (a copy of payment_custom's provider for companies after the first).
        Once per company, at install or creation: an administrator may turn it off."""
        Provider = self.env["payment.provider"].sudo()
        template = self.env.ref("payment.payment_provider_transfer").sudo()
        for company in self:
            provider = Provider.search(
                [("company_id", "=", company.id), ("custom_mode", "=", "wire_transfer")],
                limit=1,
            )
            if not provider:
                provider = template.copy({"company_id": company.id})
            provider.write({"state": "enabled", "is_published": True})
            provider.action_recompute_pending_msg()

    def write(self, vals):
        res = super().write(vals)
        # e.g. a tenant, renamed after its copy from the template database
        if {"name", "maintenance_fund_journal_id"} & set(vals):
            self._property_update_transfer_message()
        return res

    def _property_update_transfer_message(self):
        """The wire transfer's message names the company and its collection account."""
        self.env["payment.provider"].sudo().search(
            [("company_id", "in", self.ids), ("custom_mode", "=", "wire_transfer")]
        ).action_recompute_pending_msg()

    def _property_collection_journal(self):
        """The bank journal owners pay their notices into: the first with a bank
        account, never the maintenance fund's (owners' money held in trust)."""
        self.ensure_one()
        return (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("type", "=", "bank"),
                    ("bank_account_id", "!=", False),
                    ("id", "!=", self.maintenance_fund_journal_id.id),
                ],
                limit=1,
            )
        )

    def _property_setup_accounting(self):
        """What the property fees need in a company's books: the payment journals, and
        deposits booked to a liability account (they are owed back), not to income."""
        self._property_create_payment_journals()
        self._property_create_reconcile_model()
        deposit = self.env.ref("property_billing.product_fee_deposit", raise_if_not_found=False)
        for company in self.filtered("chart_template"):
            if deposit and not deposit.with_company(company).property_account_income_id:
                deposit.with_company(
                    company
                ).property_account_income_id = company._property_deposit_account()

    def _property_deposit_account(self):
        self.ensure_one()
        Account = self.env["account.account"].with_company(self).sudo()
        sample = Account.search(Account._check_company_domain(self), limit=1).code or ""
        return Account.create(
            {
                "name": self.env._("Deposits Received"),
                "code": Account._search_new_account_code(
                    "2241".ljust(len(sample), "0"), cache=set()
                ),
                "account_type": "liability_current",
                "company_ids": [Command.link(self.id)],
            }
        )

    def _property_create_reconcile_model(self):
        """Receipts that name a notice by its payment reference (in the memo, 摘要/附言):
        reference found and amount equal, reconciled at import; amount different
        (partial or over-payment), proposed in the reconciliation screen. Sequence 0:
        before Odoo's own models, which match on the partner."""
        Model = self.env["account.reconcile.model"].sudo()
        for company in self.filtered("chart_template"):
            if Model.search_count(
                [("company_id", "=", company.id), ("property_match_reference", "=", True)]
            ):
                continue
            Model.create(
                {
                    "name": self.env._("Property invoices by payment reference"),
                    "sequence": 0,
                    "company_id": company.id,
                    "rule_type": "invoice_matching",
                    "property_match_reference": True,
                    "auto_reconcile": True,
                    "match_nature": "amount_received",
                    "match_same_currency": True,
                    "allow_payment_tolerance": False,
                    "match_partner": False,
                    "match_text_location_label": True,
                    "match_text_location_reference": True,
                }
            )

    def _property_create_payment_journals(self):
        """Give each company (with a chart of accounts) a WeChat Pay and an Alipay
        journal, as bank journals with their own clearing account: payers pay in cash,
        by bank transfer or with these wallets (the chart brings cash and bank)."""
        wallets = {"WXP": self.env._("WeChat Pay"), "ALP": self.env._("Alipay")}
        Journal = self.env["account.journal"].sudo()
        for company in self.filtered("chart_template"):
            existing = set(Journal.search([("company_id", "=", company.id)]).mapped("code"))
            Journal.create(
                [
                    {
                        "name": name,
                        "code": code,
                        "type": "bank",
                        "company_id": company.id,
                    }
                    for code, name in wallets.items()
                    if code not in existing
                ]
            )

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
        """The first free code from the configured one, as long as the chart's codes."""
        Account = self.env["account.account"].with_company(self)
        sample = Account.search(Account._check_company_domain(self), limit=1).code or ""
        start = (self.maintenance_fund_account_code or "2241").ljust(len(sample), "0")
        return Account._search_new_account_code(start, cache=set())

    def _maintenance_fund_journal_code(self):
        used = set(
            self.env["account.journal"]
            .with_context(active_test=False)
            .search([*self.env["account.journal"]._check_company_domain(self)])
            .mapped("code")
        )
        return next(
            code for code in ["MFND", *(f"MFND{n}" for n in range(1, 10))] if code not in used
        )
