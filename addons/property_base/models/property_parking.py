import re

from odoo import api, fields, models


class PropertyParkingSpace(models.Model):
    """A parking space (车位) of an estate: owned with a unit, rented out, or public."""

    _name = "property.parking.space"
    _description = "Parking Space"
    _inherit = ["property.company.mixin", "mail.thread"]
    _company_from = "estate_id"
    _order = "estate_id, name"
    _check_company_auto = True

    name = fields.Char(string="Space Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    kind = fields.Selection(
        [("owned", "Owned"), ("rented", "Rented"), ("public", "Public")],
        required=True,
        default="public",
        tracking=True,
    )
    location = fields.Char(help="Level and zone, e.g. B1 zone C.")
    unit_id = fields.Many2one(
        "property.unit",
        index=True,
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner / Renter",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    vehicle_ids = fields.One2many("property.vehicle", "space_id", string="Vehicles")

    _sql_constraints = [
        (
            "name_estate_uniq",
            "unique(name, estate_id)",
            "This estate already has a parking space with this number.",
        ),
    ]

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for space in self:
            if space.unit_id and not space.partner_id:
                space.partner_id = space.unit_id.owner_id


class PropertyVehicle(models.Model):
    """A resident's vehicle (plate, owner, unit, space) for access and parking control."""

    _name = "property.vehicle"
    _description = "Vehicle"
    _order = "plate"
    _rec_name = "plate"
    _check_company_auto = True

    plate = fields.Char(string="Licence Plate", required=True, index=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one("res.partner", string="Vehicle Owner", required=True, index=True)
    unit_id = fields.Many2one("property.unit", index=True, check_company=True)
    space_id = fields.Many2one("property.parking.space", string="Parking Space", check_company=True)
    brand = fields.Char()
    color = fields.Char()

    _sql_constraints = [
        (
            "plate_company_uniq",
            "unique(plate, company_id)",
            "A vehicle with this licence plate is already registered.",
        ),
    ]

    @api.model
    def _normalize_plate(self, plate):
        """粤B 12345 -> 粤B12345: plates compare without spaces, in capitals."""
        return re.sub(r"[\s·.-]", "", plate or "").upper()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("plate"):
                vals["plate"] = self._normalize_plate(vals["plate"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("plate"):
            vals["plate"] = self._normalize_plate(vals["plate"])
        return super().write(vals)
