from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class EventEvent(models.Model):
    """A community event (社区文化活动) of an estate: its theme, cost and prizes on top
    of event's place, time and capacity; the owners of the estate register on the
    portal (``/my/events``), staff mark the attendance with event's own registration
    states (attended = ``done``), and the photos are archived as attachments of the
    event."""

    _inherit = "event.event"

    property_estate_id = fields.Many2one(
        "property.estate",
        string="Estate",
        index=True,
        tracking=True,
        help="The estate whose owners may register on the portal.",
    )
    property_theme = fields.Char(string="Theme", tracking=True, translate=False)
    property_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    property_cost_planned = fields.Monetary(
        string="Planned Cost", currency_field="property_currency_id", tracking=True
    )
    property_cost_actual = fields.Monetary(
        string="Actual Cost", currency_field="property_currency_id", tracking=True
    )
    property_prizes = fields.Text(string="Prizes")
    property_photo_ids = fields.Many2many(
        "ir.attachment",
        "event_event_property_photo_rel",
        "event_id",
        "attachment_id",
        string="Photos",
        help="Photos of the event, archived on it.",
    )
    property_photo_count = fields.Integer(
        string="Photo Count", compute="_compute_property_photo_count"
    )

    _property_bounds = {
        "property_cost_planned": (0, 100_000_000),
        "property_cost_actual": (0, 100_000_000),
    }

    @api.constrains("property_estate_id", "company_id")
    def _check_property_estate_company(self):
        for event in self:
            estate = event.property_estate_id
            if estate and event.company_id and estate.company_id != event.company_id:
                raise ValidationError(
                    self.env._(
                        "Event %(event)s: estate %(estate)s belongs to another company.",
                        event=event.name,
                        estate=estate.display_name,
                    )
                )

    @api.depends("property_photo_ids")
    def _compute_property_photo_count(self):
        for event in self:
            event.property_photo_count = len(event.property_photo_ids)

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._property_archive_photos()
        return events

    def write(self, vals):
        result = super().write(vals)
        if "property_photo_ids" in vals:
            self._property_archive_photos()
        return result

    def _property_archive_photos(self):
        """Attach the photos uploaded for the event (attachments of no record yet) to
        it, so that they are archived with it and read with its rights. An attachment
        of another record is left where it is."""
        for event in self:
            photos = event.property_photo_ids.sudo().filtered(
                lambda photo: not photo.res_id and photo.res_model in (False, self._name)
            )
            photos.write({"res_model": event._name, "res_id": event.id})

    def _property_portal_owner_units(self, partner):
        """The units of the event's estate that `partner` currently owns."""
        self.ensure_one()
        return (
            self.env["property.occupancy"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("role", "=", "owner"),
                    ("state", "=", "current"),
                    ("unit_id.estate_id", "=", self.property_estate_id.id),
                ]
            )
            .unit_id
        )

    def _property_portal_register(self, partner):
        """Register `partner` (an owner of the event's estate) once, within the seats
        left. Called by the portal as superuser after the page was read with the owner's
        rights; every rule is checked here."""
        self.ensure_one()
        units = self._property_portal_owner_units(partner) if self.property_estate_id else None
        if not units:
            raise UserError(
                self.env._(
                    "Event %(event)s is for the owners of %(estate)s.",
                    event=self.name,
                    estate=self.property_estate_id.display_name or "",
                )
            )
        if not self.event_registrations_open:
            raise UserError(
                self.env._(
                    "Registration for %(event)s is closed or the event is full.",
                    event=self.name,
                )
            )
        registrations = self.registration_ids.filtered(
            lambda registration: (
                registration.partner_id == partner and registration.state != "cancel"
            )
        )
        if registrations:
            raise UserError(
                self.env._("You are already registered for %(event)s.", event=self.name)
            )
        return (
            self.env["event.registration"]
            .sudo()
            .create(
                {
                    "event_id": self.id,
                    "partner_id": partner.id,
                    "property_unit_id": units[:1].id,
                    "state": "open",
                }
            )
        )

    def _property_portal_cancel(self, partner):
        """Cancel `partner`'s registration, before the event starts."""
        self.ensure_one()
        registrations = self.registration_ids.filtered(
            lambda registration: (
                registration.partner_id == partner and registration.state in ("draft", "open")
            )
        )
        if not registrations or self.date_begin <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "There is no registration of yours to cancel for %(event)s.",
                    event=self.name,
                )
            )
        registrations.sudo().action_cancel()
