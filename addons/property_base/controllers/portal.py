import binascii
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class PropertyPortal(CustomerPortal):
    """Owners' and residents' pages: their units (with co-occupants, meters and last
    readings, handover documents) and the announcements addressed to them. What a
    portal user may see is decided by the record rules of property_base; a unit that is
    not theirs answers 404, with or without somebody else's access token."""

    def _property_sign(self, fetch, not_found, sign, redirect):
        """Answer the call of portal.signature_form: `fetch()` the document (NotFound:
        the `not_found` message), `sign(document)` in a savepoint, then send the page to
        `redirect(document)`. A refusal or bad signature data is an error message in the
        form, never a traceback."""
        try:
            document = fetch()
        except NotFound:
            return {"error": not_found}
        try:
            with request.env.cr.savepoint():
                sign(document)
        except (UserError, AccessError) as exc:
            return {"error": exc.args[0]}
        except (TypeError, binascii.Error):
            return {"error": request.env._("Invalid signature data.")}
        return {"force_refresh": True, "redirect_url": redirect(document)}

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_unit_count" in counters:
            Unit = request.env["property.unit"]
            values["property_unit_count"] = Unit.search_count([]) if Unit.has_access("read") else 0
        if "property_announcement_count" in counters:
            Announcement = request.env["property.announcement"]
            values["property_announcement_count"] = (
                Announcement.search_count([("state", "=", "published")])
                if Announcement.has_access("read")
                else 0
            )
        return values

    def _get_http_headers(self, model, report_type, report, download):
        # Odoo names a downloaded PDF after `_get_report_base_filename`, which only some
        # of its own models define: the property documents are named as they display.
        if download and report_type == "pdf" and not hasattr(model, "_get_report_base_filename"):
            headers = super()._get_http_headers(model, report_type, report, False)
            filename = re.sub(r"\W+", "_", model.display_name or model._description)
            headers["Content-Disposition"] = content_disposition(f"{filename}.pdf")
            return headers
        return super()._get_http_headers(model, report_type, report, download)

    def _portal_list_values(self, model, url, searchbar, page, sortby, filterby):
        """The page of a portal list with its sortings and filters (`searchbar`:
        ({key: {label, order}}, {key: {label, domain}}), "date" and "all" first), as the
        records the user may read: the values of `portal.portal_searchbar` and the
        records (read with the user's rights). 404 for users without access."""
        Model = request.env[model]
        if not Model.has_access("read"):
            raise NotFound()
        sortings, filters = searchbar
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = filters[filterby]["domain"]
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = {
            **self._prepare_portal_layout_values(),
            "default_url": url,
            "pager": pager,
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "searchbar_filters": filters,
            "filterby": filterby,
        }
        return records, values

    def _check_or_404(self, model, record_id, access_token):
        try:
            return self._document_check_access(model, record_id, access_token)
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc

    @http.route(["/my/units", "/my/units/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_units(self, page=1, **kw):
        Unit = request.env["property.unit"]
        total = Unit.search_count([])
        pager = portal_pager(url="/my/units", total=total, page=page, step=self._items_per_page)
        units = Unit.search([], limit=self._items_per_page, offset=pager["offset"])
        request.session["my_units_history"] = units.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "units": units,
                "page_name": "property_unit",
                "default_url": "/my/units",
                "pager": pager,
            }
        )
        return request.render("property_base.portal_my_units", values)

    @http.route(["/my/units/<int:unit_id>"], type="http", auth="public", website=True)
    def portal_my_unit(self, unit_id, access_token=None, **kw):
        unit_sudo = self._check_or_404("property.unit", unit_id, access_token)
        values = self._get_page_view_values(
            unit_sudo,
            access_token,
            {
                **self._prepare_portal_layout_values(),
                "unit": unit_sudo,
                "occupancies": unit_sudo.current_occupancy_ids.filtered(
                    lambda o: o.role != "agent"
                ),
                # private details are shown to the person themself only
                "own_occupancies": unit_sudo.current_occupancy_ids.filtered(
                    lambda o: o.partner_id == request.env.user.partner_id
                ),
                "meters": unit_sudo.meter_ids,
                "handovers": request.env["property.handover"]
                .sudo()
                .search([("unit_id", "=", unit_sudo.id), ("state", "=", "done")]),
                "page_name": "property_unit",
            },
            "my_units_history",
            False,
            **kw,
        )
        return request.render("property_base.portal_my_unit", values)

    @http.route(["/my/units/<int:unit_id>/handover/<int:handover_id>"], type="http", auth="public")
    def portal_my_unit_handover(self, unit_id, handover_id, access_token=None, **kw):
        """The signed handover form (房屋交接表) of one of the user's units, as PDF."""
        unit_sudo = self._check_or_404("property.unit", unit_id, access_token)
        handover = (
            request.env["property.handover"]
            .sudo()
            .search(
                [("id", "=", handover_id), ("unit_id", "=", unit_sudo.id), ("state", "=", "done")]
            )
        )
        if not handover:
            raise NotFound()
        return self._show_report(
            model=handover,
            report_type="pdf",
            report_ref="property_base.action_report_handover",
            download=kw.get("download") == "true",
        )

    @http.route(
        ["/my/announcements", "/my/announcements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_announcements(self, page=1, **kw):
        Announcement = request.env["property.announcement"]
        domain = [("state", "=", "published")]
        total = Announcement.search_count(domain)
        pager = portal_pager(
            url="/my/announcements", total=total, page=page, step=self._items_per_page
        )
        announcements = Announcement.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_announcements_history"] = announcements.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "announcements": announcements,
                "page_name": "property_announcement",
                "default_url": "/my/announcements",
                "pager": pager,
            }
        )
        return request.render("property_base.portal_my_announcements", values)

    @http.route(
        ["/my/announcements/<int:announcement_id>"], type="http", auth="public", website=True
    )
    def portal_my_announcement(self, announcement_id, access_token=None, **kw):
        announcement_sudo = self._check_or_404(
            "property.announcement", announcement_id, access_token
        )
        if announcement_sudo.state != "published":
            raise NotFound()
        values = self._get_page_view_values(
            announcement_sudo,
            access_token,
            {
                **self._prepare_portal_layout_values(),
                "announcement": announcement_sudo,
                "page_name": "property_announcement",
            },
            "my_announcements_history",
            False,
            **kw,
        )
        return request.render("property_base.portal_my_announcement", values)
