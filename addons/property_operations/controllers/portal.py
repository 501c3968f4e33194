import re

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.property_base.controllers.portal import PropertyPortal

LINE_FIELD = re.compile(r"^(result|note)_(\d+)$")


class ContractorPortal(PropertyPortal):
    """The maintenance contractor's technicians on the portal (their phone): the
    preventive orders of the equipment their company maintains, and an order's page
    where they record the checklist's results and sign it. Which orders a portal user
    sees is the record rule of property_operations; any other answers 404. Every
    change is the order's own step (`_portal_*` methods), which checks the user's
    access and the checklist's guards before acting."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_maintenance_order_count" in counters:
            Order = request.env["maintenance.request"]
            values["property_maintenance_order_count"] = (
                Order.search_count(
                    Order._portal_contractor_domain() + [("property_verified_on", "=", False)]
                )
                if Order.has_access("read")
                else 0
            )
        return values

    def _maintenance_searchbar(self):
        env = request.env
        sortings = {
            "date": {"label": env._("Due Date"), "order": "property_plan_date, id"},
            "equipment": {"label": env._("Equipment"), "order": "equipment_id, id"},
        }
        base = request.env["maintenance.request"]._portal_contractor_domain()
        filters = {
            "all": {"label": env._("All"), "domain": base},
            "open": {
                "label": env._("To Verify"),
                "domain": base + [("property_verified_on", "=", False)],
            },
        }
        return sortings, filters

    @http.route(
        ["/my/maintenance", "/my/maintenance/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_maintenance_orders(self, page=1, sortby="date", filterby="open", **kw):
        orders, values = self._portal_list_values(
            "maintenance.request",
            "/my/maintenance",
            self._maintenance_searchbar(),
            page,
            sortby,
            filterby,
        )
        values.update(
            {
                # read as found with the user's rights, shown with the company's names
                "orders": orders.sudo(),
                "page_name": "property_maintenance_order",
            }
        )
        return request.render("property_operations.portal_my_maintenance_orders", values)

    @http.route(
        ["/my/maintenance/<int:maintenance_order_id>"], type="http", auth="user", website=True
    )
    def portal_my_maintenance_order(self, maintenance_order_id, message=None, **kw):
        order_sudo = self._check_or_404("maintenance.request", maintenance_order_id, None)
        return self._maintenance_order_page(order_sudo, message=message)

    def _maintenance_order_page(self, order_sudo, message=None, error=None):
        return request.render(
            "property_operations.portal_my_maintenance_order",
            {
                **self._prepare_portal_layout_values(),
                "order": order_sudo,
                "lines": order_sudo.property_check_ids,
                "message": message,
                "error": error,
                "page_name": "property_maintenance_order",
            },
        )

    def _portal_maintenance_order(self, maintenance_order_id):
        """The order as the portal user (the checks of its `_portal_*` methods), or
        404."""
        self._check_or_404("maintenance.request", maintenance_order_id, None)
        return request.env["maintenance.request"].browse(maintenance_order_id)

    @http.route(
        ["/my/maintenance/<int:maintenance_order_id>/checklist"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_maintenance_checklist(self, maintenance_order_id, **post):
        """The checklist form: each line's result and comment."""
        order = self._portal_maintenance_order(maintenance_order_id)
        results = {}
        for key, value in post.items():
            match = LINE_FIELD.match(key)
            if match:
                kind, line_id = match.groups()
                result, note = results.get(int(line_id), (False, False))
                results[int(line_id)] = (value, note) if kind == "result" else (result, value)
        try:
            with request.env.cr.savepoint():
                order._portal_record_checks(results)
        except (UserError, AccessError) as exc:
            return self._maintenance_order_page(order.sudo(), error=exc.args[0])
        return request.redirect(f"/my/maintenance/{order.id}?message=recorded")

    @http.route(
        ["/my/maintenance/<int:maintenance_order_id>/sign"], type="json", auth="user", website=True
    )
    def portal_maintenance_sign(self, maintenance_order_id, name=None, signature=None, **kw):
        """The signature form's call (portal.signature_form): the technician signs the
        checklist."""
        return self._property_sign(
            lambda: self._portal_maintenance_order(maintenance_order_id),
            request.env._("This maintenance order does not exist."),
            lambda order: order._portal_sign(name, signature),
            lambda order: f"/my/maintenance/{order.id}?message=signed",
        )
