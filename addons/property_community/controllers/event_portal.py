from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.property_base.controllers.portal import PropertyPortal


class PropertyEventPortal(PropertyPortal):
    """Community events on the owners' portal: the upcoming events of the estates they
    own a unit in, with the seats left, and an event's page with a button to register
    or cancel. Which events an owner sees is the record rule of property_community;
    another event answers 404. Registering is the event's `_property_portal_register`,
    which checks the estate, the seats and a registration already made."""

    def _property_upcoming_events_domain(self):
        return [("date_end", ">=", fields.Datetime.now()), ("property_estate_id", "!=", False)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_event_count" in counters:
            Event = request.env["event.event"]
            values["property_event_count"] = (
                Event.search_count(self._property_upcoming_events_domain())
                if Event.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/events"], type="http", auth="user", website=True)
    def portal_my_events(self, **kw):
        Event = request.env["event.event"]
        if not Event.has_access("read"):
            raise NotFound()
        events = Event.search(self._property_upcoming_events_domain(), order="date_begin, id")
        partner = request.env.user.partner_id
        registered = events.sudo().registration_ids.filtered(
            lambda registration: (
                registration.partner_id == partner and registration.state in ("open", "done")
            )
        )
        values = {
            **self._prepare_portal_layout_values(),
            "events": events.sudo(),
            "registered_event_ids": set(registered.event_id.ids),
            "page_name": "property_event",
        }
        return request.render("property_community.portal_my_events", values)

    @http.route(["/my/events/<int:event_id>"], type="http", auth="user", website=True)
    def portal_my_event(self, event_id, message=None, **kw):
        event = self._property_portal_event(event_id)
        partner = request.env.user.partner_id
        registration = event.registration_ids.filtered(
            lambda reg: reg.partner_id == partner and reg.state in ("open", "done")
        )[:1]
        values = {
            **self._prepare_portal_layout_values(),
            "event": event,
            "registration": registration,
            "message": message in ("registered", "cancelled") and message,
            "page_name": "property_event",
        }
        return request.render("property_community.portal_my_event", values)

    def _property_portal_event(self, event_id):
        """The event as superuser, once the user was seen to read it (else 404)."""
        event = request.env["event.event"].browse(event_id)
        if not event.exists() or not event.has_access("read"):
            raise NotFound()
        return event.sudo()

    @http.route(
        ["/my/events/<int:event_id>/register"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_event_register(self, event_id, **kw):
        return self._property_portal_event_action(event_id, "_property_portal_register")

    @http.route(
        ["/my/events/<int:event_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_event_cancel(self, event_id, **kw):
        return self._property_portal_event_action(event_id, "_property_portal_cancel")

    def _property_portal_event_action(self, event_id, method):
        event = self._property_portal_event(event_id)
        partner = request.env.user.partner_id
        # the methods check everything before they write: no savepoint needed (and
        # event's mail schedulers commit on registration)
        try:
            getattr(event, method)(partner)
        except UserError as exc:
            return request.render(
                "property_community.portal_my_event",
                {
                    **self._prepare_portal_layout_values(),
                    "event": event,
                    "registration": event.registration_ids.filtered(
                        lambda reg: reg.partner_id == partner and reg.state in ("open", "done")
                    )[:1],
                    "error": exc.args[0],
                    "page_name": "property_event",
                },
                status=409,
            )
        message = "registered" if method == "_property_portal_register" else "cancelled"
        return request.redirect(f"/my/events/{event.id}?message={message}")
