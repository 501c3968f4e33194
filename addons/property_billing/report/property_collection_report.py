from odoo import fields, models
from odoo.tools import SQL


class PropertyCollectionReport(models.Model):
    """Collection rate (收缴率): what property invoices billed, and how much of it is paid.

    One row per product line of a posted customer invoice or credit note of a unit
    (``account.move.property_unit_id`` set), so that the figures can be grouped by fee
    type, not only by invoice. Odoo reconciles payments against an invoice's receivable,
    never against its lines, so what is paid of one fee is not recorded anywhere: each
    line takes its pro-rata share of the invoice's amounts (line total / sum of the
    product lines' totals), which makes the lines of an invoice add up exactly to the
    invoice (taxes and cash rounding included). A partly paid invoice thus counts as
    paid in the same proportion for each of its fees.

    - billed: the invoice total, signed (credit notes negative), in company currency;
    - collected: billed − residual (a credit note reconciled with an invoice lowers
      both what was billed and what is left to collect);
    - outstanding: the residual.

    The collection rate of a group is the group's collected / billed, computed in SQL
    by ``_read_group_select`` (never the mean of the rows' rates), so pivot, graph and
    list group rows (all served by ``_read_group``) show the right figure. The rate is
    kept out of the list view: a grouped list export aggregates in Python and would
    average it.
    """

    _name = "property.collection.report"
    _description = "Collection Rate Report"
    _inherit = ["property.fee.report.mixin"]
    _auto = False
    _rates = {"collection_rate": ("amount_collected", "amount_billed")}
    _rec_name = "move_id"
    _order = "period_date desc, move_id desc, id"

    invoice_date = fields.Date(readonly=True)
    invoice_date_due = fields.Date(string="Due Date", readonly=True)
    amount_billed = fields.Monetary(string="Billed", readonly=True, aggregator="sum")
    amount_collected = fields.Monetary(string="Collected", readonly=True, aggregator="sum")
    amount_outstanding = fields.Monetary(string="Outstanding", readonly=True, aggregator="sum")
    collection_rate = fields.Float(
        string="Collection Rate (%)",
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Collected / billed; for a group, of the group's totals.",
    )

    def _query(self):
        return SQL(
            """
            SELECT
                line.id AS id,
                %s,
                move.invoice_date AS invoice_date,
                move.invoice_date_due AS invoice_date_due,
                move.amount_total_signed * share.ratio AS amount_billed,
                (move.amount_total_signed - move.amount_residual_signed) * share.ratio
                    AS amount_collected,
                move.amount_residual_signed * share.ratio AS amount_outstanding,
                CASE WHEN move.amount_total_signed != 0
                    THEN 100 * (move.amount_total_signed - move.amount_residual_signed)
                        / move.amount_total_signed
                END AS collection_rate
            FROM account_move_line line
            JOIN account_move move ON move.id = line.move_id
            %s
            CROSS JOIN LATERAL (SELECT line.price_total / lines.total AS ratio) share
            %s
            WHERE move.move_type IN ('out_invoice', 'out_refund')
              AND move.state = 'posted'
              AND move.property_unit_id IS NOT NULL
              AND line.display_type = 'product'
            """,
            self._fee_columns(),
            self._product_lines_total_join(),
            self._fee_joins(),
        )
