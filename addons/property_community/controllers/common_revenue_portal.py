from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.property_base.controllers.portal import PropertyPortal


class CommonRevenuePortal(PropertyPortal):
    """The quarterly disclosures (公示) of the common revenue and the maintenance fund,
    for the owners and residents of the estate; another estate's answers 404."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_disclosure_count" in counters:
            Disclosure = request.env["property.common.revenue.disclosure"]
            values["property_disclosure_count"] = (
                Disclosure.search_count([("state", "=", "published")])
                if Disclosure.has_access("read")
                else 0
            )
        return values

    def _disclosure_searchbar(self):
        return (
            {
                "date": {"label": request.env._("Newest"), "order": "date_from desc, id desc"},
                "estate": {"label": request.env._("Estate"), "order": "estate_id, date_from desc"},
            },
            {"all": {"label": request.env._("All"), "domain": [("state", "=", "published")]}},
        )

    @http.route(
        ["/my/disclosures", "/my/disclosures/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_disclosures(self, page=1, sortby=None, filterby=None, **kw):
        disclosures, values = self._portal_list_values(
            "property.common.revenue.disclosure",
            "/my/disclosures",
            self._disclosure_searchbar(),
            page,
            sortby,
            filterby,
        )
        request.session["my_disclosures_history"] = disclosures.ids[:100]
        values.update({"disclosures": disclosures, "page_name": "property_disclosure"})
        return request.render("property_community.portal_my_disclosures", values)

    @http.route(["/my/disclosures/<int:disclosure_id>"], type="http", auth="public", website=True)
    def portal_my_disclosure(self, disclosure_id, access_token=None, report_type=None, **kw):
        disclosure_sudo = self._check_or_404(
            "property.common.revenue.disclosure", disclosure_id, access_token
        )
        if disclosure_sudo.state != "published":
            raise NotFound()
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=disclosure_sudo,
                report_type=report_type,
                report_ref="property_community.action_report_common_revenue_disclosure",
                download=kw.get("download") == "true",
            )
        values = self._get_page_view_values(
            disclosure_sudo,
            access_token,
            {
                **self._prepare_portal_layout_values(),
                "disclosure": disclosure_sudo,
                "page_name": "property_disclosure",
            },
            "my_disclosures_history",
            False,
            **kw,
        )
        return request.render("property_community.portal_my_disclosure", values)
