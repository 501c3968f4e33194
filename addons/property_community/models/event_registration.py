from odoo import api, fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    property_estate_id = fields.Many2one(
        related="event_id.property_estate_id", string="Estate", store=True, index=True
    )
    property_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        index=True,
        domain="[('estate_id', '=', property_estate_id)]",
        compute="_compute_property_unit_id",
        store=True,
        precompute=True,
        readonly=False,
        help="The owner's unit in the event's estate.",
    )

    @api.depends("partner_id", "event_id.property_estate_id")
    def _compute_property_unit_id(self):
        for registration in self:
            estate = registration.event_id.property_estate_id
            unit = registration.property_unit_id
            if estate and registration.partner_id and unit.estate_id != estate:
                unit = registration.event_id._property_portal_owner_units(registration.partner_id)[
                    :1
                ]
            registration.property_unit_id = unit
