from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_date


class PropertyCustody(models.Model):
    """Custody (托管) of a vacant unit for its owner: meters are read at the start, and
    consumption beyond the thresholds while in custody is an alert for the butler
    (DOMAIN.md: water 5 m³, electricity 20 kWh; configurable per company)."""

    _name = "property.custody"
    _description = "Unit Custody"
    _inherit = [
        "property.unit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.workflow.mixin",
    ]
    _order = "date_start desc, id desc"
    _property_bounds = {
        "water_threshold": (0, 1_000_000),
        "electricity_threshold": (0, 1_000_000),
    }

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
    )
    butler_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
        help="Receives the alerts of this custody.",
    )
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "In Custody"), ("ended", "Ended")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    water_threshold = fields.Float(
        string="Water Threshold (m³)",
        default=lambda self: self.env.company.custody_water_threshold,
    )
    electricity_threshold = fields.Float(
        string="Electricity Threshold (kWh)",
        default=lambda self: self.env.company.custody_electricity_threshold,
    )
    water_consumption = fields.Float(compute="_compute_consumption", string="Water Used (m³)")
    electricity_consumption = fields.Float(
        compute="_compute_consumption", string="Electricity Used (kWh)"
    )
    water_alerted = fields.Boolean(copy=False, readonly=True)
    electricity_alerted = fields.Boolean(copy=False, readonly=True)
    note = fields.Html(string="Agreement Terms")

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A custody cannot end before it starts.",
        ),
        (
            "one_active_per_unit",
            "EXCLUDE (unit_id WITH =) WHERE (state = 'active')",
            "This unit is already in custody.",
        ),
    ]

    @api.depends("unit_id.code", "date_start")
    def _compute_name(self):
        for custody in self:
            custody.name = f"{custody.unit_id.code or ''} {custody.date_start or ''}".strip()

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for custody in self:
            custody.partner_id = custody.unit_id.owner_id

    def _consumption_by_type(self):
        """{(custody id, meter type): consumption since the start of custody}."""
        readings = self.env["property.meter.reading"]._read_group(
            [
                ("unit_id", "in", self.unit_id.ids),
                ("date", ">=", min(self.mapped("date_start"), default=fields.Date.today())),
                ("reason", "!=", "custody"),
            ],
            ["unit_id", "meter_type", "date:day"],
            ["consumption:sum"],
        )
        totals = {}
        for custody in self:
            end = custody.date_end or fields.Date.to_date("9999-12-31")
            for unit, meter_type, day, consumption in readings:
                if unit == custody.unit_id and custody.date_start <= day <= end:
                    key = (custody.id, meter_type)
                    totals[key] = totals.get(key, 0.0) + consumption
        return totals

    @api.depends("unit_id", "date_start", "date_end")
    def _compute_consumption(self):
        totals = self._consumption_by_type() if self.ids else {}
        for custody in self:
            custody.water_consumption = totals.get((custody.id, "water"), 0.0)
            custody.electricity_consumption = totals.get((custody.id, "electricity"), 0.0)

    @api.constrains("unit_id", "state")
    def _check_unit_vacant(self):
        for custody in self.filtered(lambda c: c.state == "active"):
            if custody.unit_id.current_occupancy_ids.filtered("is_resident"):
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s has residents: only a vacant unit can be taken "
                        "into custody.",
                        unit=custody.unit_id.display_name,
                    )
                )

    def action_start(self):
        for custody in self:
            if custody.state != "draft":
                raise UserError(self.env._("Only a draft custody can be started."))
        self._write_workflow({"state": "active"})
        # The last reading carried to the start date is the baseline of the thresholds
        # (a custody started after later readings needs none: those readings count).
        self.env["property.meter.reading"].create(
            [
                {
                    "meter_id": meter.id,
                    "date": custody.date_start,
                    "value": meter.last_reading_value,
                    "reason": "custody",
                    "note": self.env._("Start of custody"),
                }
                for custody in self
                for meter in custody.unit_id.meter_ids
                if meter.last_reading_id and meter.last_reading_date <= custody.date_start
            ]
        )
        return True

    def action_end(self):
        for custody in self:
            if custody.state != "active":
                raise UserError(self.env._("Only a custody in progress can be ended."))
        today = fields.Date.context_today(self)
        for custody in self:
            custody._write_workflow({"state": "ended", "date_end": custody.date_end or today})
        return True

    @api.model
    def _alert_on_readings(self, readings):
        """Called for new readings: schedule an activity for the butler of each active
        custody whose consumption crosses a threshold (once per type and custody)."""
        units = readings.filtered(lambda r: r.meter_type in ("water", "electricity")).unit_id
        if not units:
            return
        custodies = self.search([("unit_id", "in", units.ids), ("state", "=", "active")])
        if not custodies:
            return
        totals = custodies._consumption_by_type()
        type_labels = dict(
            self.env["property.meter"]._fields["meter_type"]._description_selection(self.env)
        )
        for custody in custodies:
            for meter_type, threshold_field, flag, uom in (
                ("water", "water_threshold", "water_alerted", "m³"),
                ("electricity", "electricity_threshold", "electricity_alerted", "kWh"),
            ):
                used = totals.get((custody.id, meter_type), 0.0)
                threshold = custody[threshold_field]
                if custody[flag] or float_compare(used, threshold, precision_digits=2) <= 0:
                    continue
                custody[flag] = True
                custody.activity_schedule(
                    act_type_xmlid="mail.mail_activity_data_todo",
                    user_id=(custody.butler_id or self.env.user).id,
                    summary=self.env._("Custody threshold exceeded"),
                    note=self.env._(
                        "%(type)s used in unit %(unit)s since %(date)s: %(used)s %(uom)s, "
                        "above the threshold of %(threshold)s %(uom)s. Check the unit.",
                        type=type_labels[meter_type],
                        unit=custody.unit_id.display_name,
                        date=format_date(self.env, custody.date_start),
                        used=round(used, 2),
                        uom=uom,
                        threshold=threshold,
                    ),
                )
