from odoo import api, fields, models

UNIT_USES = [
    ("residential", "Residential"),
    ("shop", "Shop"),
    ("office", "Office"),
    ("other", "Other"),
]
UNIT_STATUSES = [
    ("unsold", "Unsold"),
    ("vacant", "Vacant"),
    ("occupied", "Occupied"),
    ("custody", "In Custody"),
    ("renovating", "Renovating"),
]


class PropertyUnit(models.Model):
    """A unit (房号 / 户): the flat, shop or office that owners own and residents live in."""

    _name = "property.unit"
    _description = "Unit"
    _inherit = ["property.company.mixin", "mail.thread", "mail.activity.mixin", "portal.mixin"]
    _company_from = "estate_id"
    _order = "estate_id, building_id, floor, code"
    _rec_name = "code"
    _property_bounds = {"building_area": (0, 1_000_000), "inner_area": (0, 1_000_000)}
    _rec_names_search = ["code", "owner_id.name"]
    _check_company_auto = True

    code = fields.Char(required=True, tracking=True, help="Unique in the estate, e.g. A-1-1203.")
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    building_id = fields.Many2one(
        "property.building",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
        tracking=True,
    )
    floor = fields.Integer()
    building_area = fields.Float(string="Building Area (m²)", digits=(12, 2), tracking=True)
    inner_area = fields.Float(string="Inner Area (m²)", digits=(12, 2), tracking=True)
    use = fields.Selection(
        UNIT_USES,
        required=True,
        default="residential",
        tracking=True,
    )
    status = fields.Selection(
        UNIT_STATUSES,
        compute="_compute_status",
        store=True,
        index=True,
        tracking=True,
        help="Follows from the unit's occupancies and custody.",
    )
    handover_date = fields.Date(
        string="Handed Over On", tracking=True, help="Date of the move-in handover."
    )
    occupancy_ids = fields.One2many("property.occupancy", "unit_id", string="Occupancies")
    current_occupancy_ids = fields.One2many(
        "property.occupancy",
        "unit_id",
        string="Current Occupants",
        domain=[("state", "=", "current")],
    )
    owner_id = fields.Many2one(
        "res.partner",
        compute="_compute_owner_payer",
        store=True,
        index=True,
        help="The current owner with the largest share.",
    )
    payer_id = fields.Many2one(
        "res.partner",
        compute="_compute_owner_payer",
        store=True,
        index=True,
        help="Who receives the unit's bills.",
    )
    meter_ids = fields.One2many("property.meter", "unit_id", string="Meters")
    custody_ids = fields.One2many("property.custody", "unit_id", string="Custodies")
    parking_space_ids = fields.One2many("property.parking.space", "unit_id", string="Parking")
    note = fields.Html()

    _sql_constraints = [
        (
            "code_estate_uniq",
            "unique(code, estate_id)",
            "Another unit of this estate already has this code.",
        ),
        (
            "areas_positive",
            "CHECK(building_area >= 0 AND inner_area >= 0 AND inner_area <= building_area)",
            "Areas cannot be negative, and the inner area cannot exceed the building area.",
        ),
    ]

    @api.depends(
        "occupancy_ids.state",
        "occupancy_ids.role",
        "occupancy_ids.is_resident",
        "custody_ids.state",
    )
    def _compute_status(self):
        for unit in self:
            unit.status = unit._get_status()

    def _get_status(self):
        """The unit's status; other addons extend it (renovation works -> renovating)."""
        self.ensure_one()
        current = self.occupancy_ids.filtered(lambda o: o.state == "current")
        if any(custody.state == "active" for custody in self.custody_ids):
            return "custody"
        if any(current.mapped("is_resident")):
            return "occupied"
        if any(occupancy.role == "owner" for occupancy in current):
            return "vacant"
        return "unsold"

    @api.depends(
        "occupancy_ids.state",
        "occupancy_ids.role",
        "occupancy_ids.share",
        "occupancy_ids.partner_id",
        "occupancy_ids.is_payer",
    )
    def _compute_owner_payer(self):
        for unit in self:
            current = unit.occupancy_ids.filtered(lambda o: o.state == "current")
            owners = current.filtered(lambda o: o.role == "owner").sorted(
                lambda o: (-o.share, o.date_from, o.id)
            )
            unit.owner_id = owners[:1].partner_id
            unit.payer_id = current.filtered("is_payer")[:1].partner_id

    def _compute_access_url(self):
        for unit in self:
            unit.access_url = f"/my/units/{unit.id}"

    @api.model
    def _search_display_name(self, operator, value):
        """Also find "Estate / Unit code", as imports of occupants write it (unit codes
        are unique per estate only)."""
        if isinstance(value, str) and " / " in value and operator in ("=", "ilike", "=ilike"):
            estate, _sep, code = value.partition(" / ")
            return [
                "|",
                ("estate_id.name", operator, estate.strip()),
                ("estate_id.code", operator, estate.strip()),
                ("code", operator, code.strip()),
            ]
        return super()._search_display_name(operator, value)

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Units"),
                "template": "/property_base/static/xlsx/property_units.xlsx",
            }
        ]

    @api.depends("code", "estate_id.code")
    def _compute_display_name(self):
        show_estate = self.env.context.get("unit_show_estate")
        for unit in self:
            unit.display_name = (
                f"{unit.estate_id.code} {unit.code}"
                if show_estate and unit.estate_id
                else unit.code
            )
