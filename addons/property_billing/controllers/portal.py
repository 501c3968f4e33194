import re

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import content_disposition, request
from odoo.tools import format_amount

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.property_base.controllers.portal import PropertyPortal

STATEMENT_REPORT = "property_billing.action_report_unit_statement"


class PropertyBillingPortal(PropertyPortal, PortalAccount):
    """Billing on the owners' portal. The payment notices are Odoo's invoices
    (/my/invoices, paid online with "Pay now" of account_payment); here: the statement
    of account (对账单) of a unit, as a page and as PDF, and what each unit still owes
    on the list of units. A unit's accounts are shown to its current owners and payer
    only (tenants and family members see the unit, not its accounts); to anybody else
    the statement does not exist (404)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_amount_due" in counters:
            values["property_amount_due"] = self._amount_due_label()
        return values

    def _get_account_searchbar_filters(self):
        """Owners pay bills (账单), not tax invoices (发票): the filters of /my/invoices
        say so; the vendor bills' filter is the suppliers' one."""
        filters = super()._get_account_searchbar_filters()
        env = request.env
        labels = {
            "invoices": env._("Bills"),
            "overdue_invoices": env._("Overdue Bills"),
            "bills": env._("Supplier Bills"),
        }
        for key, label in labels.items():
            if key in filters:
                filters[key]["label"] = label
        return filters

    def _amount_due_label(self):
        """What the user's posted notices still ask them to pay, as the home shows it
        (a figure per currency; nothing due shows the company currency's zero)."""
        Move = request.env["account.move"]
        due = []
        if Move.has_access("read"):
            due = Move._read_group(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ],
                ["currency_id"],
                ["amount_residual:sum"],
            )
        due = [(currency, amount) for currency, amount in due if not currency.is_zero(amount)]
        if not due:
            due = [(request.env.company.currency_id, 0.0)]
        return " + ".join(format_amount(request.env, amount, currency) for currency, amount in due)

    def _statement_units(self, units):
        """The units among `units` (readable by the user) whose accounts the user may see."""
        partner = request.env.user.partner_id
        allowed = (
            units.sudo()
            .current_occupancy_ids.filtered(
                lambda occupancy: (
                    occupancy.partner_id == partner
                    and (occupancy.role == "owner" or occupancy.is_payer)
                )
            )
            .unit_id
        )
        return units.filtered(lambda unit: unit.id in allowed.ids)

    def _statement_report(self):
        return request.env["report.property_billing.report_unit_statement"].sudo()

    @http.route()
    def portal_my_units(self, page=1, **kw):
        response = super().portal_my_units(page=page, **kw)
        units = response.qcontext.get("units") or request.env["property.unit"]
        statement_units = self._statement_units(units)
        response.qcontext.update(
            {
                "statement_unit_ids": statement_units.ids,
                "amounts_due": self._statement_report()._amounts_due(statement_units),
            }
        )
        return response

    @http.route()
    def portal_my_unit(self, unit_id, access_token=None, **kw):
        response = super().portal_my_unit(unit_id, access_token=access_token, **kw)
        unit = request.env["property.unit"].browse(unit_id)
        statement_units = self._statement_units(unit) if unit.has_access("read") else unit.browse()
        response.qcontext.update(
            {
                "statement_unit_ids": statement_units.ids,
                "amounts_due": self._statement_report()._amounts_due(statement_units),
            }
        )
        return response

    def _statement_dates(self, date_from, date_to):
        """The range asked for in the URL, by default this year."""
        default_from, default_to = self._statement_report()._default_dates()
        try:
            date_from = fields.Date.to_date(date_from) or default_from
            date_to = fields.Date.to_date(date_to) or default_to
        except ValueError:
            return default_from, default_to
        return min(date_from, date_to), max(date_from, date_to)

    @http.route(["/my/units/<int:unit_id>/statement"], type="http", auth="user", website=True)
    def portal_my_unit_statement(
        self, unit_id, date_from=None, date_to=None, report_type=None, download=False, **kw
    ):
        """The statement of account of one of the user's units, for a date range
        (default: this year); `report_type=pdf` gives the printed statement."""
        unit_sudo = self._check_or_404("property.unit", unit_id, None)
        if not self._statement_units(unit_sudo):
            raise NotFound()
        date_from, date_to = self._statement_dates(date_from, date_to)
        if report_type == "pdf":
            return self._statement_pdf(unit_sudo, date_from, date_to, download)
        statement = self._statement_report()._get_statement(unit_sudo, date_from, date_to)
        # Links to the notices that the user may open (those made out to them).
        Move = request.env["account.move"]
        readable = Move.browse()
        if Move.has_access("read"):
            notices = [line["move"].id for line in statement["lines"] if line["kind"] != "payment"]
            readable = Move.search([("id", "in", notices)])
        query = f"date_from={date_from.isoformat()}&date_to={date_to.isoformat()}"
        values = {
            **self._prepare_portal_layout_values(),
            "unit": unit_sudo,
            "statement": statement,
            "notice_urls": {move.id: move.access_url for move in readable},
            "date_from": date_from.isoformat(),
            "date_to": date_to.isoformat(),
            "pdf_url": f"/my/units/{unit_id}/statement?{query}&report_type=pdf&download=true",
            "page_name": "property_unit_statement",
        }
        return request.render("property_billing.portal_my_unit_statement", values)

    def _statement_pdf(self, unit_sudo, date_from, date_to, download):
        report = request.env["ir.actions.report"].sudo().with_company(unit_sudo.company_id)
        pdf = report._render_qweb_pdf(
            STATEMENT_REPORT,
            unit_sudo.ids,
            data={
                "date_from": fields.Date.to_string(date_from),
                "date_to": fields.Date.to_string(date_to),
            },
        )[0]
        headers = [("Content-Type", "application/pdf"), ("Content-Length", len(pdf))]
        if download == "true":
            name = re.sub(r"\W+", "_", f"Statement {unit_sudo.code} {date_from} {date_to}")
            headers.append(("Content-Disposition", content_disposition(f"{name}.pdf")))
        return request.make_response(pdf, headers=headers)
