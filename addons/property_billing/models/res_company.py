from odoo import api, fields, models
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, custody: the management fee of a unit in custody is charged at 70 %.
    custody_fee_factor = fields.Float(string="Custody Fee Factor (%)", default=70.0)

    # DOMAIN.md, fee collection: overdue amounts bear a late fee of 3 ‰ per day.
    property_late_fee_rate = fields.Float(string="Late Fee (‰ per day)", default=3.0)
    # DOMAIN.md, move-in: the management fee is prepaid, e.g. half a year.
    property_move_in_months = fields.Integer(string="Months Prepaid at Move-in", default=6)

    # DOMAIN.md, dunning calendar: the reminder (催款通知书) on the first day of arrears,
    # due within 7 days for a monthly cycle and a month for longer ones; the final notice
    # (最后缴款通知书) 7 days after the reminder, due within 5 days; the formal demand
    # after 3 months of arrears.
    property_reminder_due_days_monthly = fields.Integer(
        string="Reminder Deadline, Monthly Cycle (Days)", default=7
    )
    property_reminder_due_months = fields.Integer(
        string="Reminder Deadline, Longer Cycles (Months)", default=1
    )
    property_final_notice_after_days = fields.Integer(
        string="Final Notice After the Reminder (Days)", default=7
    )
    property_final_notice_due_days = fields.Integer(
        string="Final Notice Deadline (Days)", default=5
    )
    property_formal_demand_after_months = fields.Integer(
        string="Formal Demand After Arrears of (Months)", default=3
    )

    # Payers pay in cash, by bank transfer or with a wallet: most companies take WeChat
    # Pay and Alipay, some do not (their journals would only clutter the payment form).
    property_wallet_journals = fields.Boolean(
        string="WeChat Pay and Alipay Journals",
        default=True,
        help="Payments received with WeChat Pay or Alipay are recorded in journals of "
        "their own (archived when this is off).",
    )

    _property_bounds = {
        "property_reminder_due_days_monthly": (1, 90),
        "property_reminder_due_months": (1, 12),
        "property_final_notice_after_days": (1, 90),
        "property_final_notice_due_days": (1, 90),
        "property_formal_demand_after_months": (1, 24),
    }

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
        if "name" in vals:
            self._property_update_transfer_message()
        if "property_wallet_journals" in vals:
            self._property_create_payment_journals()
        return res

    def _property_update_transfer_message(self):
        """The wire transfer's message names the company and its collection account."""
        self.env["payment.provider"].sudo().search(
            [("company_id", "in", self.ids), ("custom_mode", "=", "wire_transfer")]
        ).action_recompute_pending_msg()

    def _property_trust_journals(self):
        """The bank journals of money the company holds in trust for others (e.g. the
        owners' maintenance fund of property_fund), never an account owners are asked to
        pay their notices into. An extension point: none here."""
        return self.env["account.journal"]

    def _property_collection_journal(self):
        """The bank journal owners pay their notices into: the first with a bank
        account, never one of money held in trust (`_property_trust_journals`)."""
        self.ensure_one()
        return (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("type", "=", "bank"),
                    ("bank_account_id", "!=", False),
                    ("id", "not in", self._property_trust_journals().ids),
                ],
                limit=1,
            )
        )

    def _property_setup_accounting(self):
        """What the property fees need in a company's books: the payment journals, and
        deposits booked to a liability account (they are owed back), not to income."""
        self._property_create_payment_journals()
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

    def _property_create_payment_journals(self):
        """Give each company (with a chart of accounts) that takes wallets a WeChat Pay
        and an Alipay journal, as bank journals with their own clearing account (the
        chart brings cash and bank); archive them where it does not (their entries
        stay)."""
        wallets = {"WXP": self.env._("WeChat Pay"), "ALP": self.env._("Alipay")}
        Journal = self.env["account.journal"].sudo().with_context(active_test=False)
        for company in self.filtered("chart_template"):
            existing = Journal.search(
                [("company_id", "=", company.id), ("code", "in", list(wallets))]
            )
            wanted = company.property_wallet_journals
            existing.filtered(lambda j, wanted=wanted: j.active != wanted).write({"active": wanted})
            if not wanted:
                continue
            Journal.create(
                [
                    {
                        "name": name,
                        "code": code,
                        "type": "bank",
                        "company_id": company.id,
                    }
                    for code, name in wallets.items()
                    if code not in existing.mapped("code")
                ]
            )
