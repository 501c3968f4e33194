from odoo import fields, models
from odoo.tools import SQL


class PropertyArrearsReport(models.Model):
    """Arrears ageing (欠费账龄): the open receivable items of property invoices today.

    One row per open receivable item (an invoice has one per instalment) and product
    line of its invoice: the item's residual is shared among the invoice's lines pro
    rata of their totals, as in the collection report, so that an invoice billing two
    units (or several fees) shows each unit's (and fee's) part of the debt. The days
    overdue and the buckets are counted from the item's due date to today (the
    database's date), so they move on every day without any recomputation.

    Only items of invoices and credit notes of units are listed: a payment received in
    advance and not yet matched with an invoice is not an arrear of a unit.
    """

    _name = "property.arrears.report"
    _description = "Arrears Ageing Report"
    _inherit = ["property.fee.report.mixin"]
    _auto = False
    _rec_name = "move_id"
    _order = "date_maturity, move_id, id"

    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    invoice_date = fields.Date(readonly=True)
    date_maturity = fields.Date(
        string="Due Date", readonly=True, aggregator="min", help="For a group: the oldest."
    )
    days_overdue = fields.Integer(readonly=True, aggregator="max", help="For a group: the most.")
    amount_residual = fields.Monetary(string="Outstanding", readonly=True, aggregator="sum")
    amount_not_due = fields.Monetary(string="Not Yet Due", readonly=True, aggregator="sum")
    amount_1_30 = fields.Monetary(string="1–30 Days", readonly=True, aggregator="sum")
    amount_31_90 = fields.Monetary(string="31–90 Days", readonly=True, aggregator="sum")
    amount_91_180 = fields.Monetary(string="91–180 Days", readonly=True, aggregator="sum")
    amount_181_365 = fields.Monetary(string="181–365 Days", readonly=True, aggregator="sum")
    amount_over_365 = fields.Monetary(string="Over 365 Days", readonly=True, aggregator="sum")

    def _query(self):
        return SQL(
            """
            SELECT
                ROW_NUMBER() OVER (ORDER BY item.id, line.id) AS id,
                item.id AS move_line_id,
                %s,
                move.invoice_date AS invoice_date,
                due.date AS date_maturity,
                GREATEST(due.days, 0) AS days_overdue,
                share.amount AS amount_residual,
                CASE WHEN due.days <= 0 THEN share.amount ELSE 0 END AS amount_not_due,
                CASE WHEN due.days BETWEEN 1 AND 30 THEN share.amount ELSE 0 END
                    AS amount_1_30,
                CASE WHEN due.days BETWEEN 31 AND 90 THEN share.amount ELSE 0 END
                    AS amount_31_90,
                CASE WHEN due.days BETWEEN 91 AND 180 THEN share.amount ELSE 0 END
                    AS amount_91_180,
                CASE WHEN due.days BETWEEN 181 AND 365 THEN share.amount ELSE 0 END
                    AS amount_181_365,
                CASE WHEN due.days > 365 THEN share.amount ELSE 0 END AS amount_over_365
            FROM account_move_line item
            JOIN account_account account ON account.id = item.account_id
            JOIN account_move move ON move.id = item.move_id
            %s
            JOIN account_move_line line
                ON line.move_id = move.id AND line.display_type = 'product'
            CROSS JOIN LATERAL (
                SELECT item.amount_residual * line.price_total / lines.total AS amount
            ) share
            CROSS JOIN LATERAL (
                SELECT
                    COALESCE(item.date_maturity, move.invoice_date_due, move.date) AS date,
                    CURRENT_DATE
                        - COALESCE(item.date_maturity, move.invoice_date_due, move.date)
                        AS days
            ) due
            %s
            WHERE account.account_type = 'asset_receivable'
              AND item.parent_state = 'posted'
              AND item.amount_residual != 0
              AND move.move_type IN ('out_invoice', 'out_refund')
              AND move.property_unit_id IS NOT NULL
              AND line.price_total != 0
            """,
            self._fee_columns(),
            self._product_lines_total_join(),
            self._fee_joins(),
        )
