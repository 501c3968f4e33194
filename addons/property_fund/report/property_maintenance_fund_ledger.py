from odoo import fields, models
from odoo.tools import SQL

LEDGER_KINDS = [
    ("contribution", "Contribution"),
    ("use", "Use"),
    ("other", "Other Entry"),
]


class PropertyMaintenanceFundLedger(models.Model):
    """The maintenance fund ledger (维修基金分户账): the posted journal items of the fund's
    liability account, by unit, building and estate; money in is positive. A view on
    the accounting, not a ledger of its own."""

    _name = "property.maintenance.fund.ledger"
    _description = "Maintenance Fund Ledger"
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
            "property_unit_id",
        ],
        "property.maintenance.fund.contribution": ["move_id", "reversal_move_id"],
        "property.maintenance.fund.expense": ["estate_id", "move_id", "reversal_move_id"],
        "property.unit": ["building_id", "estate_id"],
        "res.company": ["currency_id", "maintenance_fund_account_id"],
    }

    date = fields.Date(readonly=True)
    name = fields.Char(string="Label", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    unit_id = fields.Many2one("property.unit", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    kind = fields.Selection(LEDGER_KINDS, readonly=True)
    contribution_id = fields.Many2one("property.maintenance.fund.contribution", readonly=True)
    expense_id = fields.Many2one(
        "property.maintenance.fund.expense", string="Fund Use", readonly=True
    )
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
                      aml.property_unit_id AS unit_id,
                      unit.building_id AS building_id,
                      COALESCE(unit.estate_id, expense.estate_id) AS estate_id,
                      CASE
                          WHEN contribution.id IS NOT NULL THEN 'contribution'
                          WHEN expense.id IS NOT NULL THEN 'use'
                          ELSE 'other'
                      END AS kind,
                      contribution.id AS contribution_id,
                      expense.id AS expense_id,
                      aml.credit AS amount_in,
                      aml.debit AS amount_out,
                      -aml.balance AS amount
                 FROM account_move_line aml
                 JOIN res_company company
                   ON company.id = aml.company_id
                  AND company.maintenance_fund_account_id = aml.account_id
            LEFT JOIN property_unit unit ON unit.id = aml.property_unit_id
            LEFT JOIN property_maintenance_fund_contribution contribution
                   ON aml.move_id IN (contribution.move_id, contribution.reversal_move_id)
            LEFT JOIN property_maintenance_fund_expense expense
                   ON aml.move_id IN (expense.move_id, expense.reversal_move_id)
                WHERE aml.parent_state = 'posted'
            """
        )
