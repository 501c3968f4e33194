from collections import defaultdict
from datetime import date

from odoo import api, fields, models

STATEMENT_MOVE_TYPES = ("out_invoice", "out_refund")


class PropertyUnitStatementReport(models.AbstractModel):
    """Statement of account (对账单) of a unit over a date range: its payment notices
    (and credit notes) and the payments that settled them, with the opening balance,
    a running balance and the closing balance.

    A notice usually bills one unit. A notice billing several units of a payer counts
    for each unit in proportion to the unit's lines, and so do its payments.
    Notices matched with credit notes of the same statement are not paid: the
    credit note is on the statement already. The same computation serves the PDF,
    the backend's Print menu and the owners' portal."""

    _name = "report.property_billing.report_unit_statement"
    _description = "Unit Statement of Account"

    @api.model
    def _default_dates(self):
        """This year."""
        today = fields.Date.context_today(self)
        return date(today.year, 1, 1), date(today.year, 12, 31)

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        default_from, default_to = self._default_dates()
        date_from = fields.Date.to_date(data.get("date_from")) or default_from
        date_to = fields.Date.to_date(data.get("date_to")) or default_to
        units = self.env["property.unit"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "property.unit",
            "docs": units,
            "statements": {
                unit.id: self._get_statement(unit, date_from, date_to) for unit in units
            },
        }

    @api.model
    def _statement_moves(self, units, extra_domain=()):
        """Posted notices and credit notes billing any of `units`."""
        return self.env["account.move"].search(
            [
                ("state", "=", "posted"),
                ("move_type", "in", STATEMENT_MOVE_TYPES),
                "|",
                ("property_unit_id", "in", units.ids),
                ("invoice_line_ids.property_unit_id", "in", units.ids),
                *extra_domain,
            ],
            order="invoice_date, id",
        )

    @api.model
    def _unit_share(self, move, unit):
        """The part of `move` that bills `unit` (1.0 when it bills that unit alone);
        lines without a unit are shared like the others."""
        by_unit = defaultdict(float)
        for line in move.invoice_line_ids:
            if line.property_unit_id:
                by_unit[line.property_unit_id] += line.price_total
        total = sum(by_unit.values())
        if not total or len(by_unit) == 1:
            return 1.0 if (unit in by_unit or move.property_unit_id == unit) else 0.0
        return by_unit[unit] / total

    @api.model
    def _get_statement(self, unit, date_from, date_to):
        """The statement of `unit` from `date_from` to `date_to` (included), in the
        company's currency: a dict with the opening, closing and period totals and the
        lines (notices, credit notes and payments, by date) with their running balance."""
        unit.ensure_one()
        currency = unit.company_id.currency_id or self.env.company.currency_id
        moves = self._statement_moves(
            unit, [("company_id", "=", unit.company_id.id), ("invoice_date", "<=", date_to)]
        )
        # The loop below reads each notice's reconciliations: read them for all the
        # notices at once, so that the statement costs the same queries for 3 months
        # as for 3 years.
        receivables = moves.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        partials = receivables.matched_credit_ids | receivables.matched_debit_ids
        (partials.credit_move_id | partials.debit_move_id).move_id.mapped("journal_id")
        entries = []
        for move in moves:
            share = self._unit_share(move, unit)
            sign = 1 if move.move_type == "out_invoice" else -1
            amount = currency.round(abs(move.amount_total_signed) * share)
            receivable = move.line_ids.filtered(
                lambda line: line.account_type == "asset_receivable"
            )
            partials = (receivable.matched_credit_ids | receivable.matched_debit_ids).sorted(
                lambda partial: (partial.max_date, partial.id)
            )
            settled = 0.0
            settlements = []
            for partial in partials:
                if partial.max_date > date_to:
                    continue
                part = currency.round(partial.amount * share)
                settled += part
                counterpart = (
                    partial.credit_move_id
                    if partial.debit_move_id in receivable
                    else partial.debit_move_id
                ).move_id
                if counterpart in moves:
                    # Matched with a credit note (or notice) listed here already.
                    continue
                settlements.append(
                    {
                        "kind": "payment",
                        "date": partial.max_date,
                        "name": counterpart.name,
                        "move": counterpart,
                        "notice": move,
                        "journal": counterpart.journal_id,
                        "debit": part if sign < 0 else 0.0,
                        "credit": part if sign > 0 else 0.0,
                        "order": (partial.max_date, 1, partial.id),
                    }
                )
            entries.append(
                {
                    "kind": "notice" if sign > 0 else "credit_note",
                    "date": move.invoice_date,
                    "name": move.name,
                    "move": move,
                    "period_start": move.property_period_start,
                    "period_end": move.property_period_end,
                    "date_due": move.invoice_date_due,
                    "debit": amount if sign > 0 else 0.0,
                    "credit": amount if sign < 0 else 0.0,
                    "paid": currency.round(settled),
                    "residual": currency.round(amount - settled),
                    "order": (move.invoice_date, 0, move.id),
                }
            )
            entries += settlements
        entries.sort(key=lambda entry: entry["order"])

        opening = 0.0
        lines = []
        for entry in entries:
            if entry["date"] < date_from:
                opening += entry["debit"] - entry["credit"]
            else:
                lines.append(entry)
        opening = currency.round(opening)
        balance = opening
        for line in lines:
            balance = currency.round(balance + line["debit"] - line["credit"])
            line["balance"] = balance
        return {
            "unit": unit,
            "currency": currency,
            "date_from": date_from,
            "date_to": date_to,
            "opening_balance": opening,
            "total_debit": currency.round(sum(line["debit"] for line in lines)),
            "total_credit": currency.round(sum(line["credit"] for line in lines)),
            "closing_balance": balance,
            "lines": lines,
        }

    @api.model
    def _amounts_due(self, units):
        """{unit id: what its notices still ask for today}, in a constant number of
        queries whatever the number of units (for the portal's list of units)."""
        if not units:
            return {}
        Line = self.env["account.move.line"]
        open_moves = [
            ("move_id.state", "=", "posted"),
            ("move_id.move_type", "in", STATEMENT_MOVE_TYPES),
            ("move_id.payment_state", "in", ("not_paid", "partial")),
            ("display_type", "=", "product"),
        ]
        per_unit = Line._read_group(
            [("property_unit_id", "in", units.ids), *open_moves],
            ["move_id", "property_unit_id"],
            ["price_total:sum"],
        )
        moves = self.env["account.move"].union(*(move for move, _unit, _total in per_unit))
        per_move = dict(
            Line._read_group(
                [
                    ("move_id", "in", moves.ids),
                    ("property_unit_id", "!=", False),
                    ("display_type", "=", "product"),
                ],
                ["move_id"],
                ["price_total:sum"],
            )
        )
        due = dict.fromkeys(units.ids, 0.0)
        for move, unit, total in per_unit:
            share = total / per_move[move] if per_move.get(move) else 1.0
            due[unit.id] += move.amount_residual_signed * share
        return {
            unit.id: (unit.company_id.currency_id or self.env.company.currency_id).round(
                due[unit.id]
            )
            for unit in units
        }
