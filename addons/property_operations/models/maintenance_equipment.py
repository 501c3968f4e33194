from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MaintenanceEquipment(models.Model):
    """The equipment register (设施设备台账) of the estates is Odoo's equipment: one
    register. A piece of equipment belongs to an estate, and usually to one of its
    common facilities (`property.facility`, the place or system that owners and service
    requests name: "Building A elevators", "fire system"): then its estate and building
    are the facility's and are not typed again. The technical record - maker, model,
    serial number, maintenance contractor and contract, special-equipment registration
    and inspection - is the equipment's only."""

    _inherit = "maintenance.equipment"

    property_facility_id = fields.Many2one(
        "property.facility",
        string="Facility",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('estate_id', '=?', property_estate_id)]",
        help="The common facility this equipment is part of; its estate and building "
        "are the facility's.",
    )
    property_estate_id = fields.Many2one(
        "property.estate",
        string="Estate",
        compute="_compute_property_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    property_building_id = fields.Many2one(
        "property.building",
        string="Building",
        compute="_compute_property_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('estate_id', '=?', property_estate_id)]",
    )
    property_manufacturer = fields.Char(string="Manufacturer")
    property_contractor_id = fields.Many2one(
        "res.partner",
        string="Maintenance Contractor",
        check_company=True,
        tracking=True,
        help="The company holding the maintenance contract (维保单位).",
    )
    property_contract_ref = fields.Char(string="Maintenance Contract")
    property_contract_end = fields.Date(string="Contract End", tracking=True)
    property_registration_no = fields.Char(
        string="Registration Number",
        help="The special-equipment registration certificate (特种设备使用登记证), for "
        "elevators, boilers, pressure vessels.",
    )
    property_inspection_due = fields.Date(
        string="Next Statutory Inspection",
        tracking=True,
        help="The date the inspection certificate expires (下次检验日期).",
    )

    @api.depends("property_facility_id.estate_id", "property_facility_id.building_id")
    def _compute_property_location(self):
        for equipment in self:
            facility = equipment.property_facility_id
            if facility:
                equipment.property_estate_id = facility.estate_id
                equipment.property_building_id = facility.building_id

    @api.constrains("property_facility_id", "property_estate_id", "property_building_id")
    def _check_property_location(self):
        for equipment in self:
            facility = equipment.property_facility_id
            if facility and (
                equipment.property_estate_id != facility.estate_id
                or equipment.property_building_id != facility.building_id
            ):
                raise ValidationError(
                    self.env._(
                        "Equipment %(equipment)s is in facility %(facility)s: its estate and "
                        "building are the facility's.",
                        equipment=equipment.display_name,
                        facility=facility.display_name,
                    )
                )
