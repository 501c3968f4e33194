from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_date

RESET_REASONS = ("replacement", "rollover")
# what the counter of a meter can show
READING_BOUNDS = (0, 1_000_000_000)


class PropertyMeterReading(models.Model):
    """A meter reading. Readings only go up: a lower value than the previous reading is
    refused unless it is marked as a meter replacement or a rollover (the counter went
    past its maximum), after which the meter counts from the new value."""

    _name = "property.meter.reading"
    _description = "Meter Reading"
    _inherit = ["property.company.mixin"]
    _company_from = "meter_id"
    _order = "date desc, id desc"
    _property_bounds = {"value": READING_BOUNDS}
    _check_company_auto = True

    meter_id = fields.Many2one(
        "property.meter", required=True, index=True, ondelete="cascade", check_company=True
    )
    meter_type = fields.Selection(related="meter_id.meter_type", store=True)
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index=True)
    estate_id = fields.Many2one(related="meter_id.estate_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    value = fields.Float(required=True, digits=(16, 2))
    reader_id = fields.Many2one(
        "res.users", string="Read By", default=lambda self: self.env.user, check_company=True
    )
    reason = fields.Selection(
        [
            ("regular", "Regular Reading"),
            ("handover", "Move-in Handover"),
            ("custody", "Custody"),
            ("replacement", "Meter Replacement"),
            ("rollover", "Rollover"),
        ],
        required=True,
        default="regular",
    )
    previous_value = fields.Float(compute="_compute_consumption", store=True, digits=(16, 2))
    consumption = fields.Float(
        compute="_compute_consumption",
        store=True,
        digits=(16, 2),
        aggregator="sum",
        help="Since the previous reading (from zero after a replacement or rollover).",
    )
    note = fields.Char()

    @api.depends("meter_id", "date", "value", "reason")
    def _compute_consumption(self):
        previous = self._previous_readings()
        for reading in self:
            before = previous.get(reading.id)
            reading.previous_value = before.value if before else 0.0
            if not before:
                reading.consumption = 0.0
            elif reading.reason in RESET_REASONS:
                reading.consumption = reading.value
            else:
                reading.consumption = reading.value - before.value

    def _previous_readings(self):
        """{reading id: the reading before it on the same meter}, in one query."""
        records = self.filtered("id")
        if not records:
            return {}
        self.flush_model(["meter_id", "date", "value"])
        self.env.cr.execute(
            """
            SELECT id, previous_id FROM (
                SELECT id, LAG(id) OVER (PARTITION BY meter_id ORDER BY date, id) AS previous_id
                  FROM property_meter_reading
                 WHERE meter_id IN %s
            ) ordered
            WHERE id IN %s AND previous_id IS NOT NULL
            """,
            [tuple(records.meter_id.ids), tuple(records.ids)],
        )
        pairs = self.env.cr.fetchall()
        before = self.browse(previous_id for _id, previous_id in pairs)
        before.fetch(["value", "date"])
        return {reading_id: self.browse(previous_id) for reading_id, previous_id in pairs}

    @api.constrains("value", "date", "reason", "meter_id")
    def _check_not_lower(self):
        previous = self._previous_readings()
        for reading in self:
            before = previous.get(reading.id)
            if (
                before
                and reading.reason not in RESET_REASONS
                and float_compare(reading.value, before.value, precision_digits=2) < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Reading %(value)s of meter %(meter)s on %(date)s is lower than the "
                        "previous one (%(previous)s on %(previous_date)s). If the meter was "
                        "replaced or went past its maximum, say so in the reason.",
                        value=reading.value,
                        meter=reading.meter_id.display_name,
                        date=format_date(self.env, reading.date),
                        previous=before.value,
                        previous_date=format_date(self.env, before.date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        readings = super().create(vals_list)
        readings._recompute_followers()
        self.env["property.custody"]._alert_on_readings(readings)
        return readings

    def write(self, vals):
        res = super().write(vals)
        if {"value", "date", "meter_id", "reason"} & set(vals):
            self._recompute_followers()
        return res

    def _recompute_followers(self):
        """A reading inserted before later ones changes their consumption."""
        if not self:
            return
        later = self.search(
            [
                ("meter_id", "in", self.meter_id.ids),
                ("date", ">=", min(self.mapped("date"))),
                ("id", "not in", self.ids),
            ]
        )
        if later:
            self.env.add_to_compute(self._fields["previous_value"], later)
            self.env.add_to_compute(self._fields["consumption"], later)
            later._check_not_lower()
