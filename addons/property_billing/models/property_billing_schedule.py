from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

CYCLES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly (prepaid)"),
    ("half_yearly", "Half-yearly (prepaid)"),
]
CYCLE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6}


class PropertyBillingSchedule(models.Model):
    """What a unit is billed, how often, from when to when: the rate plans that apply
    and the billing cycle (DOMAIN §8). The payer is the unit's current payer."""

    _name = "property.billing.schedule"
    _description = "Billing Schedule"
    _inherit = ["property.unit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "unit_id, date_start desc"

    partner_id = fields.Many2one(related="unit_id.payer_id", string="Payer")
    active = fields.Boolean(default=True)
    cycle = fields.Selection(CYCLES, required=True, default="monthly", tracking=True)
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End Date", tracking=True)
    rate_plan_ids = fields.Many2many(
        "property.rate.plan",
        string="Fees",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A billing schedule cannot end before it starts.",
        ),
    ]

    @api.depends("unit_id.code", "cycle")
    def _compute_display_name(self):
        cycles = dict(self._fields["cycle"]._description_selection(self.env))
        for schedule in self:
            parts = [schedule.unit_id.code, cycles.get(schedule.cycle)]
            schedule.display_name = " · ".join(part for part in parts if part) or False

    @api.constrains("unit_id", "date_start", "date_end", "active")
    def _check_no_overlap(self):
        far = fields.Date.to_date("9999-12-31")
        by_unit = {}
        for other in self.search([("unit_id", "in", self.unit_id.ids)]):
            by_unit.setdefault(other.unit_id, []).append(other)
        for schedule in self.filtered("active"):
            for other in by_unit.get(schedule.unit_id, []):
                if other == schedule:
                    continue
                if schedule.date_start <= (other.date_end or far) and other.date_start <= (
                    schedule.date_end or far
                ):
                    raise ValidationError(
                        self.env._(
                            "Unit %(unit)s already has a billing schedule from %(date)s: "
                            "schedules of a unit cannot overlap.",
                            unit=schedule.unit_id.display_name,
                            date=format_date(self.env, other.date_start),
                        )
                    )

    @api.constrains("unit_id", "rate_plan_ids")
    def _check_plans_of_estate(self):
        for schedule in self:
            estate = schedule.estate_id
            stray = schedule.rate_plan_ids.filtered(lambda p, estate=estate: p.estate_id != estate)
            if stray:
                raise ValidationError(
                    self.env._(
                        "Rate plan %(plan)s is not a plan of estate %(estate)s.",
                        plan=stray[0].name,
                        estate=schedule.estate_id.name,
                    )
                )

    def _charge_values(self, period_start, period_end):
        """Values of the property.charge records these schedules bill for the days
        [period_start, period_end] (clipped to each schedule's own dates)."""
        values = []
        # the dates as the labels print them, once per date (not once per charge)
        shown = {}
        for schedule in self:
            start = max(period_start, schedule.date_start)
            end = min(period_end, schedule.date_end) if schedule.date_end else period_end
            if start > end:
                continue
            for day in (start, end):
                if day not in shown:
                    shown[day] = format_date(self.env, day)
            payer = schedule.unit_id.payer_id
            for plan in schedule.rate_plan_ids:
                for line in plan._charge_lines(schedule.unit_id, start, end):
                    detail = line.pop("name")
                    values.append(
                        {
                            "name": self.env._(
                                "%(fee)s %(start)s – %(end)s: %(detail)s",
                                fee=plan.product_id.name,
                                start=shown[start],
                                end=shown[end],
                                detail=detail,
                            ),
                            "unit_id": schedule.unit_id.id,
                            "partner_id": payer.id,
                            "product_id": plan.product_id.id,
                            "rate_plan_id": plan.id,
                            "period_start": start,
                            "period_end": end,
                            "date": period_start,
                            **line,
                        }
                    )
        return values
