from odoo import fields, models
from odoo.tools import SQL

from ..models.product_template import FEE_KINDS


class PropertyFeeReportMixin(models.AbstractModel):
    """A report on the product lines of the posted invoices and credit notes of units,
    grouped by what a fee is charged to: the invoice, the payer, the estate, building
    and unit, the fee and its type, the billing period.

    The inheriting report's ``_query()`` selects from ``account_move_line line`` (a
    product line) joined with ``account_move move`` (its invoice), and adds
    ``_fee_columns()`` to its columns and ``_fee_joins()`` to its joins, so that every
    billing report reads these dimensions the same way: the line's unit (else the
    invoice's), the estate of the unit (else the invoice's, for an estate-wide charge),
    the period the line's charge bills (else the invoice's, else its date)."""

    _name = "property.fee.report.mixin"
    _description = "Property Fee Report"
    _inherit = ["property.report.mixin"]

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

    def _fee_columns(self):
        return SQL(
            """
                move.id AS move_id,
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
                    AS period_date
            """
        )

    def _fee_joins(self):
        return SQL(
            """
            LEFT JOIN property_unit unit
                ON unit.id = COALESCE(line.property_unit_id, move.property_unit_id)
            LEFT JOIN property_charge charge ON charge.id = line.property_charge_id
            LEFT JOIN product_product product ON product.id = line.product_id
            LEFT JOIN product_template template ON template.id = product.product_tmpl_id
            """
        )

    def _product_lines_total_join(self):
        """`lines.total`: the sum of the invoice's product lines, on which a line's
        share of the invoice's amounts is counted (invoices without any left out)."""
        return SQL(
            """
            JOIN LATERAL (
                SELECT SUM(other.price_total) AS total
                  FROM account_move_line other
                 WHERE other.move_id = move.id AND other.display_type = 'product'
            ) lines ON lines.total != 0
            """
        )
