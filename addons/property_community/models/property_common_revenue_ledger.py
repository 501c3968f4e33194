from odoo import fields, models
from odoo.tools import SQL

LEDGER_KINDS = [
    ("income", "Income"),
    ("use", "Use"),
    ("other", "Other Entry"),
]


class PropertyCommonRevenueLedger(models.Model):
    """The common revenue ledger (公共收益台账): the posted journal items of the owners'
    common revenue payable, by estate and kind of revenue; money in is positive. A view
    on the accounting, as property_fund's maintenance fund ledger."""

    _name = "property.common.revenue.ledger"
    _description = "Common Revenue Ledger"
    _inherit = ["property.report.mixin"]
    _auto = False
    _order = "date desc, id desc"
    # what the view reads, flushed before it is searched
    _depends = {
        "account.move.line": [
            "account_id",
            "balance",
            "company_id",
            "credit",
            "date",
            "debit",
            "move_id",
            "name",
            "parent_state",
            "partner_id",
        ],
        "property.common.revenue": ["estate_id", "kind_id", "move_id", "reversal_move_id"],
        "property.common.revenue.use": ["estate_id", "move_id", "reversal_move_id"],
        "res.company": ["currency_id", "common_revenue_account_id"],
    }

    date = fields.Date(readonly=True)
    name = fields.Char(string="Label", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    kind = fields.Selection(LEDGER_KINDS, readonly=True)
    revenue_kind_id = fields.Many2one("property.common.revenue.kind", readonly=True)
    revenue_id = fields.Many2one("property.common.revenue", string="Income", readonly=True)
    use_id = fields.Many2one("property.common.revenue.use", readonly=True)
    is_reversal = fields.Boolean(string="Cancellation", readonly=True)
    amount_in = fields.Monetary(string="In", readonly=True, aggregator="sum")
    amount_out = fields.Monetary(string="Out", readonly=True, aggregator="sum")
    amount = fields.Monetary(string="Balance", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
               SELECT aml.id AS id,
                      aml.date AS date,
                      aml.name AS name,
                      aml.move_id AS move_id,
                      aml.company_id AS company_id,
                      company.currency_id AS currency_id,
                      aml.partner_id AS partner_id,
                      COALESCE(revenue.estate_id, rev_use.estate_id) AS estate_id,
                      CASE
                          WHEN revenue.id IS NOT NULL THEN 'income'
                          WHEN rev_use.id IS NOT NULL THEN 'use'
                          ELSE 'other'
                      END AS kind,
                      revenue.kind_id AS revenue_kind_id,
                      revenue.id AS revenue_id,
                      rev_use.id AS use_id,
                      aml.move_id IN (revenue.reversal_move_id, rev_use.reversal_move_id)
                          IS TRUE AS is_reversal,
                      aml.credit AS amount_in,
                      aml.debit AS amount_out,
                      -aml.balance AS amount
                 FROM account_move_line aml
                 JOIN res_company company
                   ON company.id = aml.company_id
                  AND company.common_revenue_account_id = aml.account_id
            LEFT JOIN property_common_revenue revenue
                   ON aml.move_id IN (revenue.move_id, revenue.reversal_move_id)
            LEFT JOIN property_common_revenue_use rev_use
                   ON aml.move_id IN (rev_use.move_id, rev_use.reversal_move_id)
                WHERE aml.parent_state = 'posted'
            """
        )

    def _estate_balances(self, estates, before=None):
        """{estate: balance} of the estates' common revenue (before a date if given)."""
        domain = [("estate_id", "in", estates.ids)]
        if before:
            domain.append(("date", "<", before))
        return dict(self.sudo()._read_group(domain, ["estate_id"], ["amount:sum"]))
