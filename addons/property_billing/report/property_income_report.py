from odoo import fields, models
from odoo.tools import SQL

from ..models.product_template import FEE_KINDS


class PropertyIncomeReport(models.Model):
    """Income by fee type: the income lines (income accounts) of posted property
    invoices and credit notes, credit − debit in company currency, so that a credit
    note lowers the income of its fee. A deposit, booked on a liability account, is not
    income and is not listed."""

    _name = "property.income.report"
    _description = "Property Income Report"
    _inherit = ["property.report.mixin"]
    _auto = False
    _rec_name = "move_id"
    _order = "date desc, move_id desc, id"

    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note")], string="Type", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Payer", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    unit_id = fields.Many2one("property.unit", readonly=True)
    product_id = fields.Many2one("product.product", string="Fee", readonly=True)
    fee_kind = fields.Selection(FEE_KINDS, string="Fee Type", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    date = fields.Date(string="Accounting Date", readonly=True)
    period_date = fields.Date(
        string="Billing Period",
        readonly=True,
        help="Start of the period the line bills (the invoice date for one-off charges).",
    )
    amount = fields.Monetary(string="Income", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                line.move_id AS move_id,
                move.move_type AS move_type,
                move.company_id AS company_id,
                line.company_currency_id AS currency_id,
                move.partner_id AS partner_id,
                COALESCE(unit.estate_id, move.property_estate_id) AS estate_id,
                unit.building_id AS building_id,
                unit.id AS unit_id,
                line.product_id AS product_id,
                template.property_fee_kind AS fee_kind,
                line.account_id AS account_id,
                line.date AS date,
                COALESCE(charge.period_start, move.property_period_start, move.invoice_date)
                    AS period_date,
                -line.balance AS amount
            FROM account_move_line line
            JOIN account_move move ON move.id = line.move_id
            JOIN account_account account ON account.id = line.account_id
            LEFT JOIN property_unit unit
                ON unit.id = COALESCE(line.property_unit_id, move.property_unit_id)
            LEFT JOIN property_charge charge ON charge.id = line.property_charge_id
            LEFT JOIN product_product product ON product.id = line.product_id
            LEFT JOIN product_template template ON template.id = product.product_tmpl_id
            WHERE move.move_type IN ('out_invoice', 'out_refund')
              AND move.state = 'posted'
              AND move.property_unit_id IS NOT NULL
              AND account.account_type IN ('income', 'income_other')
            """
        )
