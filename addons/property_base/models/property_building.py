from odoo import api, fields, models


class PropertyBuilding(models.Model):
    """A building (栋 / 楼) of an estate."""

    _name = "property.building"
    _description = "Building"
    _inherit = ["property.company.mixin"]
    _company_from = "estate_id"
    _order = "estate_id, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True)
    code = fields.Char(help="Building part of the unit codes, e.g. A-1.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    floor_count = fields.Integer(string="Floors")
    # staff only: portal users read their building, never the ids of others' units
    unit_ids = fields.One2many(
        "property.unit", "building_id", string="Units", groups="property_base.group_property_user"
    )
    unit_count = fields.Integer(compute="_compute_unit_count")

    _sql_constraints = [
        (
            "name_estate_uniq",
            "unique(name, estate_id)",
            "This estate already has a building with this name.",
        ),
    ]

    @api.depends("unit_ids")
    def _compute_unit_count(self):
        counts = dict(
            self.env["property.unit"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        )
        for building in self:
            building.unit_count = counts.get(building, 0)

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Buildings"),
                "template": "/property_base/static/xlsx/property_buildings.xlsx",
            }
        ]

    @api.model
    def _search_display_name(self, operator, value):
        """Also find "Estate / Building" (the display name), as imports write it."""
        if isinstance(value, str) and " / " in value and operator in ("=", "ilike", "=ilike"):
            estate, _sep, name = value.partition(" / ")
            return [
                "|",
                ("estate_id.name", operator, estate.strip()),
                ("estate_id.code", operator, estate.strip()),
                ("name", operator, name.strip()),
            ]
        return super()._search_display_name(operator, value)

    @api.depends("name", "estate_id.name")
    def _compute_display_name(self):
        for building in self:
            building.display_name = (
                f"{building.estate_id.name} / {building.name}"
                if building.estate_id
                else building.name
            )
