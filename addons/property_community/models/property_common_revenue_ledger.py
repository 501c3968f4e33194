from odoo import fields, models
from odoo.tools import SQL

LEDGER_KINDS = [
    ("income", "Income"),
    ("use", "Use"),
    ("other", "Other Entry"),
]


class PropertyCommonRevenueLedger(models.Model):
    """The common revenue ledger (公共收益台账): the posted journal items of the owners'
    common revenue payable, by estate and kind of revenue."""

    _name = "property.common.revenue.ledger"
    _description = "Common Revenue Ledger"
    _inherit = ["property.owners.money.ledger"]
    _auto = False
    _ledger_account = "common_revenue_account_id"
    _depends = {
        "property.common.revenue": ["estate_id", "kind_id", "move_id", "reversal_move_id"],
        "property.common.revenue.use": ["estate_id", "move_id", "reversal_move_id"],
        "res.company": ["common_revenue_account_id"],
    }

    estate_id = fields.Many2one("property.estate", readonly=True)
    kind = fields.Selection(LEDGER_KINDS, readonly=True)
    revenue_kind_id = fields.Many2one("property.common.revenue.kind", readonly=True)
    revenue_id = fields.Many2one("property.common.revenue", string="Income", readonly=True)
    use_id = fields.Many2one("property.common.revenue.use", readonly=True)
    is_reversal = fields.Boolean(string="Cancellation", readonly=True)

    def _ledger_columns(self):
        return SQL(
            """
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
                          IS TRUE AS is_reversal
            """
        )

    def _ledger_joins(self):
        return SQL(
            """
            LEFT JOIN property_common_revenue revenue
                   ON aml.move_id IN (revenue.move_id, revenue.reversal_move_id)
            LEFT JOIN property_common_revenue_use rev_use
                   ON aml.move_id IN (rev_use.move_id, rev_use.reversal_move_id)
            """
        )

    def _estate_balances(self, estates, before=None):
        """{estate: balance} of the estates' common revenue (before a date if given)."""
        domain = [("estate_id", "in", estates.ids)]
        if before:
            domain.append(("date", "<", before))
        return dict(self.sudo()._read_group(domain, ["estate_id"], ["amount:sum"]))
