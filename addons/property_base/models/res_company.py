from datetime import datetime, time

from pytz import UTC, timezone

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, custody of a vacant unit: exceeding these during custody is an alert.
    custody_water_threshold = fields.Float(string="Custody Water Threshold (m³)", default=5.0)
    custody_electricity_threshold = fields.Float(
        string="Custody Electricity Threshold (kWh)", default=20.0
    )

    def _property_tz(self):
        """The company's time zone: its address's, else the user's (property_ticket
        puts the working calendar's, that of the requests' deadlines, first)."""
        self.ensure_one()
        return self.partner_id.tz or self.env.user.tz or "UTC"

    def _property_today(self):
        """Today in the company's time zone: the day of its scheduled jobs and of its
        documents, whoever runs them (a cron's user, a server in UTC)."""
        return datetime.now(timezone(self._property_tz())).date()

    def _property_date(self, moment):
        """The day of `moment` (a naive UTC datetime, as stored) in the company's time
        zone."""
        self.ensure_one()
        return UTC.localize(moment).astimezone(timezone(self._property_tz())).date()

    def _property_day_start(self, day=None):
        """The start of `day` (default today) in the company's time zone, as the naive
        UTC datetime stored in datetime fields."""
        day = day or self._property_today()
        start = timezone(self._property_tz()).localize(datetime.combine(day, time.min))
        return start.astimezone(UTC).replace(tzinfo=None)
