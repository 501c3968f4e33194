from odoo import fields, models
from odoo.tools import SQL

LEDGER_KINDS = [
    ("contribution", "Contribution"),
    ("use", "Use"),
    ("other", "Other Entry"),
]


class PropertyMaintenanceFundLedger(models.Model):
    """The maintenance fund ledger (维修基金分户账): the posted journal items of the fund's
    liability account, by unit, building and estate."""

    _name = "property.maintenance.fund.ledger"
    _description = "Maintenance Fund Ledger"
    _inherit = ["property.owners.money.ledger"]
    _auto = False
    _ledger_account = "maintenance_fund_account_id"
    _depends = {
        "account.move.line": ["property_unit_id"],
        "property.maintenance.fund.contribution": ["move_id", "reversal_move_id"],
        "property.maintenance.fund.expense": ["estate_id", "move_id", "reversal_move_id"],
        "property.unit": ["building_id", "estate_id"],
        "res.company": ["maintenance_fund_account_id"],
    }

    unit_id = fields.Many2one("property.unit", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    kind = fields.Selection(LEDGER_KINDS, readonly=True)
    contribution_id = fields.Many2one("property.maintenance.fund.contribution", readonly=True)
    expense_id = fields.Many2one(
        "property.maintenance.fund.expense", string="Fund Use", readonly=True
    )

    def _ledger_columns(self):
        return SQL(
            """
                      aml.property_unit_id AS unit_id,
                      unit.building_id AS building_id,
                      COALESCE(unit.estate_id, expense.estate_id) AS estate_id,
                      CASE
                          WHEN contribution.id IS NOT NULL THEN 'contribution'
                          WHEN expense.id IS NOT NULL THEN 'use'
                          ELSE 'other'
                      END AS kind,
                      contribution.id AS contribution_id,
                      expense.id AS expense_id
            """
        )

    def _ledger_joins(self):
        return SQL(
            """
            LEFT JOIN property_unit unit ON unit.id = aml.property_unit_id
            LEFT JOIN property_maintenance_fund_contribution contribution
                   ON aml.move_id IN (contribution.move_id, contribution.reversal_move_id)
            LEFT JOIN property_maintenance_fund_expense expense
                   ON aml.move_id IN (expense.move_id, expense.reversal_move_id)
            """
        )
