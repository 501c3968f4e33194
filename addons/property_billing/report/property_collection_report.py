from odoo import fields, models
from odoo.tools import SQL

from ..models.product_template import FEE_KINDS


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
    _inherit = ["property.report.mixin"]
    _auto = False
    _rates = {"collection_rate": ("amount_collected", "amount_billed")}
    _rec_name = "move_id"
    _order = "period_date desc, move_id desc, id"

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
    period_date = fields.Date(
        string="Billing Period",
        readonly=True,
        help="Start of the period the line bills (the invoice date for one-off charges).",
    )
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
                COALESCE(charge.period_start, move.property_period_start, move.invoice_date)
                    AS period_date,
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
            JOIN LATERAL (
                SELECT SUM(other.price_total) AS total
                  FROM account_move_line other
                 WHERE other.move_id = move.id AND other.display_type = 'product'
            ) lines ON lines.total != 0
            CROSS JOIN LATERAL (SELECT line.price_total / lines.total AS ratio) share
            LEFT JOIN property_unit unit
                ON unit.id = COALESCE(line.property_unit_id, move.property_unit_id)
            LEFT JOIN property_charge charge ON charge.id = line.property_charge_id
            LEFT JOIN product_product product ON product.id = line.product_id
            LEFT JOIN product_template template ON template.id = product.product_tmpl_id
            WHERE move.move_type IN ('out_invoice', 'out_refund')
              AND move.state = 'posted'
              AND move.property_unit_id IS NOT NULL
              AND line.display_type = 'product'
            """
        )
