from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.property_base.controllers.portal import PropertyPortal

from ..models.property_ticket import OPEN_STATES
from ..models.property_ticket_portal import PORTAL_TYPES

CLOSED_STATES = ("accepted", "followed_up", "closed", "cancelled")


class PropertyTicketPortal(PropertyPortal):
    """Service requests on the owners' portal: the list of the user's requests and their
    units', a request's page (steps, technician, work done, follow-up), the form to submit
    one with photos, the acceptance with a signature or the refusal with a reason, and
    the rating of the work. Which requests a portal user sees is the record rule of
    property_ticket; any other answers 404. Every change is the ticket's own action
    (`_portal_*` methods), which checks the user's access before acting."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_ticket_count" in counters:
            Ticket = request.env["property.ticket"]
            values["property_ticket_count"] = (
                Ticket.search_count([]) if Ticket.has_access("read") else 0
            )
        if "property_ticket_open_count" in counters:
            Ticket = request.env["property.ticket"]
            values["property_ticket_open_count"] = (
                Ticket.search_count([("state", "in", OPEN_STATES)])
                if Ticket.has_access("read")
                else 0
            )
        return values

    def _ticket_searchbar(self):
        env = request.env
        sortings = {
            "date": {"label": env._("Newest"), "order": "date_received desc, id desc"},
            "name": {"label": env._("Reference"), "order": "name desc, id desc"},
            "state": {"label": env._("Status"), "order": "state, date_received desc"},
        }
        filters = {
            "all": {"label": env._("All"), "domain": []},
            "open": {"label": env._("Open"), "domain": [("state", "in", OPEN_STATES)]},
            "closed": {
                "label": env._("Closed"),
                "domain": [("state", "in", CLOSED_STATES)],
            },
        }
        return sortings, filters

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_tickets(self, page=1, sortby="date", filterby="all", **kw):
        tickets, values = self._portal_list_values(
            "property.ticket", "/my/tickets", self._ticket_searchbar(), page, sortby, filterby
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        values.update({"tickets": tickets, "page_name": "property_ticket"})
        return request.render("property_ticket.portal_my_tickets", values)

    @http.route(["/my/tickets/<int:ticket_id>"], type="http", auth="public", website=True)
    def portal_my_ticket(self, ticket_id, access_token=None, message=None, **kw):
        ticket_sudo = self._check_or_404("property.ticket", ticket_id, access_token)
        values = self._get_page_view_values(
            ticket_sudo,
            access_token,
            {
                **self._prepare_portal_layout_values(),
                "ticket": ticket_sudo,
                "steps": self._ticket_steps(ticket_sudo),
                "followup": ticket_sudo.followup_ids.filtered(lambda f: f.state == "done")[-1:],
                "followup_todo": ticket_sudo._portal_followup(),
                "message": message,
                "error": kw.get("error"),
                "page_name": "property_ticket",
            },
            "my_tickets_history",
            False,
            **kw,
        )
        return request.render("property_ticket.portal_my_ticket", values)

    def _ticket_steps(self, ticket):
        """(label, when) of the steps the request went through, in order."""
        ticket_fields = ticket._fields
        names = [
            "date_received",
            "date_dispatched",
            "date_replied",
            "date_first_response",
            "date_on_site",
            "date_done",
            "date_accepted",
            "date_followed_up",
            "date_closed",
            "date_cancelled",
        ]
        return [
            (ticket_fields[name]._description_string(request.env), ticket[name])
            for name in names
            if ticket[name]
        ]

    def _ticket_form_values(self, values=None, error=None):
        """What the submit form offers: the user's current units, the types and the
        categories of the units' companies."""
        partner = request.env.user.partner_id
        units = (
            request.env["property.unit"]
            .search([])
            .filtered(
                lambda unit: partner in unit.sudo().current_occupancy_ids.partner_id,
            )
        )
        types = [
            (code, label)
            for code, label in request.env["property.ticket"]
            ._fields["ticket_type"]
            ._description_selection(request.env)
            if code in PORTAL_TYPES
        ]
        categories = request.env["property.ticket.category"].search(
            [("company_id", "in", [False, *units.company_id.ids])]
        )
        return {
            **self._prepare_portal_layout_values(),
            "units": units,
            "ticket_types": types,
            "categories": categories,
            "form": values or {"contact_phone": partner.phone or partner.mobile or ""},
            "error": error,
            "page_name": "property_ticket_new",
        }

    @http.route(
        ["/my/tickets/new"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_ticket_new(self, **post):
        if request.httprequest.method != "POST":
            return request.render("property_ticket.portal_ticket_new", self._ticket_form_values())
        photos = [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist("photos")
            if upload.filename
        ]
        try:
            ticket = request.env["property.ticket"]._portal_create(post, photos)
        except (UserError, AccessError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            return request.render(
                "property_ticket.portal_ticket_new", self._ticket_form_values(post, message)
            )
        return request.redirect(f"{ticket.access_url}?message=submitted")

    def _portal_ticket(self, ticket_id, access_token=None):
        """The request as the portal user (the checks of its `_portal_*` methods), or 404."""
        self._check_or_404("property.ticket", ticket_id, access_token)
        return request.env["property.ticket"].browse(ticket_id)

    @http.route(["/my/tickets/<int:ticket_id>/accept"], type="json", auth="user", website=True)
    def portal_ticket_accept(self, ticket_id, name=None, signature=None, **kw):
        """The signature form's call (portal.signature_form): accept and sign."""
        return self._property_sign(
            lambda: self._portal_ticket(ticket_id),
            request.env._("This request does not exist."),
            lambda ticket: ticket._portal_accept(name, signature),
            lambda ticket: f"{ticket.access_url}?message=accepted",
        )

    @http.route(
        ["/my/tickets/<int:ticket_id>/refuse"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_ticket_refuse(self, ticket_id, reason=None, **kw):
        ticket = self._portal_ticket(ticket_id)
        try:
            with request.env.cr.savepoint():
                ticket._portal_refuse(reason)
        except UserError as exc:
            return self._ticket_error(ticket, exc)
        return request.redirect(f"{ticket.access_url}?message=refused")

    @http.route(
        ["/my/tickets/<int:ticket_id>/rate"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_ticket_rate(self, ticket_id, satisfaction=None, comment=None, **kw):
        ticket = self._portal_ticket(ticket_id)
        try:
            with request.env.cr.savepoint():
                ticket._portal_rate(satisfaction, comment)
        except UserError as exc:
            return self._ticket_error(ticket, exc)
        return request.redirect(f"{ticket.access_url}?message=rated")

    def _ticket_error(self, ticket, exc):
        return self.portal_my_ticket(ticket.id, error=exc.args[0])
