from odoo import api, fields, models
from odoo.exceptions import ValidationError

METER_TYPES = [("water", "Water"), ("electricity", "Electricity"), ("gas", "Gas")]
METER_UNITS = {"water": "m³", "electricity": "kWh", "gas": "m³"}


class PropertyMeter(models.Model):
    """A water, electricity or gas meter: of a unit, or shared by a building (its
    consumption is apportioned over the building's units by property_billing)."""

    _name = "property.meter"
    _description = "Meter"
    _inherit = ["property.company.mixin", "mail.thread", "mail.activity.mixin"]
    _company_from = "estate_id"
    _order = "estate_id, unit_id, meter_type, name"
    _check_company_auto = True

    name = fields.Char(string="Meter Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    meter_type = fields.Selection(METER_TYPES, string="Type", required=True, tracking=True)
    uom_label = fields.Char(string="Unit of Measure", compute="_compute_uom_label")
    unit_id = fields.Many2one(
        "property.unit", index=True, ondelete="restrict", check_company=True, tracking=True
    )
    building_id = fields.Many2one(
        "property.building",
        compute="_compute_location",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_location",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    is_shared = fields.Boolean(
        string="Shared Meter",
        compute="_compute_is_shared",
        store=True,
        help="A meter of a building's common parts, not of one unit.",
    )
    reading_ids = fields.One2many("property.meter.reading", "meter_id", string="Readings")
    last_reading_id = fields.Many2one(
        "property.meter.reading",
        compute="_compute_last_reading",
        store=True,
        string="Latest Reading",
    )
    last_reading_value = fields.Float(
        related="last_reading_id.value", string="Last Reading", digits=(16, 2)
    )
    last_reading_date = fields.Date(related="last_reading_id.date", string="Last Read On")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, meter_type, company_id)",
            "Another meter of this type already has this number.",
        ),
    ]

    @api.depends("meter_type")
    def _compute_uom_label(self):
        for meter in self:
            meter.uom_label = METER_UNITS.get(meter.meter_type, "")

    @api.depends("unit_id")
    def _compute_location(self):
        for meter in self.filtered("unit_id"):
            meter.building_id = meter.unit_id.building_id
            meter.estate_id = meter.unit_id.estate_id

    @api.depends("unit_id")
    def _compute_is_shared(self):
        for meter in self:
            meter.is_shared = not meter.unit_id

    @api.depends("reading_ids.date", "reading_ids.value")
    def _compute_last_reading(self):
        latest = {}
        if self.ids:
            self.env["property.meter.reading"].flush_model(["meter_id", "date"])
            self.env.cr.execute(
                """
                SELECT DISTINCT ON (meter_id) meter_id, id
                  FROM property_meter_reading
                 WHERE meter_id IN %s
              ORDER BY meter_id, date DESC, id DESC
                """,
                [tuple(self.ids)],
            )
            latest = dict(self.env.cr.fetchall())
        for meter in self:
            meter.last_reading_id = latest.get(meter.id, False)

    @api.constrains("unit_id", "building_id", "estate_id")
    def _check_location(self):
        for meter in self:
            if meter.unit_id and meter.unit_id.estate_id != meter.estate_id:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s belongs to unit %(unit)s, "
                        "which is not in estate %(estate)s.",
                        meter=meter.name,
                        unit=meter.unit_id.display_name,
                        estate=meter.estate_id.display_name,
                    )
                )
            if meter.unit_id.building_id and meter.building_id != meter.unit_id.building_id:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s belongs to unit %(unit)s, which is in building "
                        "%(building)s: it cannot be a meter of another building.",
                        meter=meter.name,
                        unit=meter.unit_id.display_name,
                        building=meter.unit_id.building_id.display_name,
                    )
                )
            if meter.building_id and meter.building_id.estate_id != meter.estate_id:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s is not in estate %(estate)s.",
                        building=meter.building_id.display_name,
                        estate=meter.estate_id.display_name,
                    )
                )

    @api.depends("name", "meter_type")
    def _compute_display_name(self):
        types = dict(self._fields["meter_type"]._description_selection(self.env))
        for meter in self:
            parts = [types.get(meter.meter_type), meter.name]
            meter.display_name = " ".join(part for part in parts if part) or False
