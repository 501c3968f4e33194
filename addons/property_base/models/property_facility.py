from odoo import fields, models


class PropertyFacility(models.Model):
    """A common facility (共用设施设备) of an estate: elevator, pump room, fire system..."""

    _name = "property.facility"
    _description = "Common Facility"
    _inherit = ["property.company.mixin", "mail.thread", "mail.activity.mixin"]
    _company_from = "estate_id"
    _order = "estate_id, facility_type, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char()
    active = fields.Boolean(default=True)
    facility_type = fields.Selection(
        [
            ("elevator", "Elevator"),
            ("pump_room", "Pump Room"),
            ("fire_system", "Fire System"),
            ("access_control", "Access Control"),
            ("cctv", "CCTV"),
            ("power_supply", "Power Supply"),
            ("water_supply", "Water Supply"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="other",
        tracking=True,
    )
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    building_id = fields.Many2one(
        "property.building",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty for facilities of the whole estate.",
    )
    location = fields.Char()
    team_id = fields.Many2one(
        "property.team", string="Responsible Team", check_company=True, tracking=True
    )
    note = fields.Html()
