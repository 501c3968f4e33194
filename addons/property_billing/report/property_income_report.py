from odoo import fields, models
from odoo.tools import SQL


class PropertyIncomeReport(models.Model):
    """Income by fee type: the income lines (income accounts) of posted property
    invoices and credit notes, credit − debit in company currency, so that a credit
    note lowers the income of its fee. A deposit, booked on a liability account, is not
    income and is not listed."""

    _name = "property.income.report"
    _description = "Property Income Report"
    _inherit = ["property.fee.report.mixin"]
    _auto = False
    _rec_name = "move_id"
    _order = "date desc, move_id desc, id"

    account_id = fields.Many2one("account.account", readonly=True)
    date = fields.Date(string="Accounting Date", readonly=True)
    amount = fields.Monetary(string="Income", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                %s,
                line.account_id AS account_id,
                line.date AS date,
                -line.balance AS amount
            FROM account_move_line line
            JOIN account_move move ON move.id = line.move_id
            JOIN account_account account ON account.id = line.account_id
            %s
            WHERE move.move_type IN ('out_invoice', 'out_refund')
              AND move.state = 'posted'
              AND move.property_unit_id IS NOT NULL
              AND account.account_type IN ('income', 'income_other')
            """,
            self._fee_columns(),
            self._fee_joins(),
        )
