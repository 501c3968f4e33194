from odoo import api, fields, models


class PropertyEstate(models.Model):
    """An estate (小区 / 物业项目): the unit of management of the property company."""

    _name = "property.estate"
    _description = "Estate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Short code used in unit codes.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    street = fields.Char()
    street2 = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="Province")
    zip = fields.Char()
    country_id = fields.Many2one("res.country", default=lambda self: self.env.company.country_id)
    manager_id = fields.Many2one(
        "res.users", string="Project Manager", check_company=True, tracking=True
    )
    service_phone = fields.Char(string="Service Centre Phone")
    # staff only: portal users read their estate, never the ids of others' units
    building_ids = fields.One2many(
        "property.building",
        "estate_id",
        string="Buildings",
        groups="property_base.group_property_user",
    )
    unit_ids = fields.One2many(
        "property.unit", "estate_id", string="Units", groups="property_base.group_property_user"
    )
    facility_ids = fields.One2many(
        "property.facility",
        "estate_id",
        string="Facilities",
        groups="property_base.group_property_user",
    )
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    occupied_unit_count = fields.Integer(compute="_compute_counts", string="Occupied Units")
    total_area = fields.Float(
        compute="_compute_counts", string="Total Building Area (m²)", digits="Product Unit"
    )
    color = fields.Integer()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another estate of this company already uses this code.",
        ),
    ]

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Estates"),
                "template": "/property_base/static/xlsx/property_estates.xlsx",
            }
        ]

    @api.depends("building_ids", "unit_ids.status", "unit_ids.building_area")
    def _compute_counts(self):
        buildings = {
            estate.id: count
            for estate, count in self.env["property.building"]._read_group(
                [("estate_id", "in", self.ids)], ["estate_id"], ["__count"]
            )
        }
        units = {
            (estate.id, status): (count, area)
            for estate, status, count, area in self.env["property.unit"]._read_group(
                [("estate_id", "in", self.ids)],
                ["estate_id", "status"],
                ["__count", "building_area:sum"],
            )
        }
        for estate in self:
            per_status = {s: v for (e, s), v in units.items() if e == estate.id}
            estate.building_count = buildings.get(estate.id, 0)
            estate.unit_count = sum(count for count, _area in per_status.values())
            estate.occupied_unit_count = per_status.get("occupied", (0, 0))[0]
            estate.total_area = sum(area for _count, area in per_status.values())

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.action_property_unit")
        action["domain"] = [("estate_id", "=", self.id)]
        action["context"] = {"default_estate_id": self.id, "search_default_group_building": 1}
        return action

    def action_view_buildings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.action_property_building"
        )
        action["domain"] = [("estate_id", "=", self.id)]
        action["context"] = {"default_estate_id": self.id}
        return action
