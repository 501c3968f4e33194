from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, custody: the management fee of a unit in custody is charged at 70 %.
    custody_fee_factor = fields.Float(string="Custody Fee Factor (%)", default=70.0)

    # DOMAIN.md, fee collection: overdue amounts bear a late fee of 3 ‰ per day.
    property_late_fee_rate = fields.Float(string="Late Fee (‰ per day)", default=3.0)
    # DOMAIN.md, move-in: the management fee is prepaid, e.g. half a year.
    property_move_in_months = fields.Integer(string="Months Prepaid at Move-in", default=6)

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
