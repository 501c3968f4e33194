from fractions import Fraction

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

from odoo.addons.property_base.models.property_meter import METER_TYPES
from odoo.addons.property_base.models.property_meter_reading import READING_BOUNDS
from odoo.addons.property_base.models.property_unit import UNIT_USES

from ..tools.money import exact, round_amount, show

BASES = [
    ("building_area", "Per m² of building area per month"),
    ("inner_area", "Per m² of inner area per month"),
    ("fixed", "Fixed amount per month"),
    ("metered", "Per unit of metered consumption"),
    ("shared_meter", "Shared meter, apportioned by building area"),
]
PER_MONTH = ("building_area", "inner_area", "fixed")
# a price per m², per month or per unit consumed (CNY)
PRICE_BOUNDS = (0, 1_000_000)
METERED = ("metered", "shared_meter")


def month_spans(start, end):
    """The days [start, end] cut at month ends: (first, last, days in that month)."""
    spans = []
    month = start.replace(day=1)
    while month <= end:
        month_end = month + relativedelta(months=1, days=-1)
        first, last = max(start, month), min(end, month_end)
        if first <= last:
            spans.append((first, last, month_end.day))
        month += relativedelta(months=1)
    return spans


def prorated_months(start, end):
    """Months covered by the days [start, end], exactly, a partial month counted by its
    days: 15-30 June is 16/30 of a month."""
    spans = month_spans(start, end)
    return sum((Fraction((last - first).days + 1, n) for first, last, n in spans), Fraction(0))


class PropertyRatePlan(models.Model):
    """How a fee is computed for the units of an estate (收费标准): per m² per month,
    fixed per month, per unit of metered consumption (with optional tiers, 阶梯), or a
    building's shared meter apportioned over its units by area (公摊)."""

    _name = "property.rate.plan"
    _description = "Rate Plan"
    _inherit = ["property.company.mixin", "mail.thread"]
    _company_from = "estate_id"
    _order = "estate_id, product_id, date_from desc, id"
    _property_bounds = {"price": PRICE_BOUNDS}
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Fee",
        required=True,
        ondelete="restrict",
        check_company=True,
        domain="[('property_fee_kind', '!=', False)]",
        tracking=True,
        index=True,
    )
    fee_kind = fields.Selection(related="product_id.property_fee_kind", store=True)
    unit_use = fields.Selection(
        UNIT_USES, string="For Units Used As", help="Leave empty for every kind of unit."
    )
    basis = fields.Selection(BASES, required=True, default="building_area", tracking=True)
    meter_type = fields.Selection(METER_TYPES)
    price = fields.Float(required=True, digits="Product Price", tracking=True)
    tier_ids = fields.One2many("property.rate.tier", "plan_id", string="Tiers", copy=True)
    date_from = fields.Date(
        string="Valid From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="Valid Until", tracking=True)

    _sql_constraints = [
        ("price_positive", "CHECK(price >= 0)", "A rate cannot be negative."),
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "A rate plan cannot end before it starts.",
        ),
    ]

    @api.constrains("basis", "meter_type", "tier_ids")
    def _check_meter(self):
        for plan in self:
            if plan.basis in METERED and not plan.meter_type:
                raise ValidationError(
                    self.env._("Rate plan %(plan)s: choose the meter type.", plan=plan.name)
                )
            if plan.tier_ids and min(plan.tier_ids.mapped("quantity_from")) != 0:
                raise ValidationError(
                    self.env._(
                        "Rate plan %(plan)s: the first tier starts at a consumption of 0.",
                        plan=plan.name,
                    )
                )
            if plan.tier_ids and plan.basis != "metered":
                raise ValidationError(
                    self.env._(
                        "Rate plan %(plan)s: tiers apply to metered consumption only.",
                        plan=plan.name,
                    )
                )

    # ------------------------------------------------------------ computation

    def _charge_lines(self, unit, period_start, period_end):
        """What this plan charges `unit` for the days [period_start, period_end]:
        a list of {quantity, price_unit, name[, rate_tier_id]} (empty when nothing is
        due)."""
        self.ensure_one()
        start = max(period_start, self.date_from)
        end = min(period_end, self.date_to) if self.date_to else period_end
        if start > end or (self.unit_use and unit.use != self.unit_use):
            return []
        if self.basis in PER_MONTH:
            return self._per_month_lines(unit, start, end)
        if self.basis == "metered":
            return self._metered_lines(unit, start, end)
        return self._shared_meter_lines(unit, start, end)

    def _month_terms(self, unit, start, end):
        """The months billed for the days [start, end], month by month, as
        (days, days in the month, factor): a management fee counts the days in custody
        at the company's custody factor (70 % by default)."""
        custodies = self.env["property.custody"]
        if self.fee_kind == "management":
            custodies = unit.custody_ids.filtered(lambda c: c.state in ("active", "ended"))
        factor = exact(unit.company_id.custody_fee_factor) / 100
        terms = []
        for first, last, length in month_spans(start, end):
            in_custody = sum(
                max(0, (min(last, c.date_end or last) - max(first, c.date_start)).days + 1)
                for c in custodies
            )
            if in_custody < (last - first).days + 1:
                terms.append(((last - first).days + 1 - in_custody, length, Fraction(1)))
            if in_custody:
                terms.append((in_custody, length, factor))
        return terms

    def _months_label(self, terms):
        """The months of `terms` as they are added up: "(15/30 + 5 + 15/31)", "20/31 ×
        70% + 11/31" (whole months in a row at the same factor counted together)."""
        parts = []  # [whole months, days, days in the month, factor]
        for days, length, factor in terms:
            if days == length and parts and parts[-1][0] and parts[-1][3] == factor:
                parts[-1][0] += 1
            else:
                parts.append([1 if days == length else 0, days, length, factor])
        texts = [
            (str(whole) if whole else f"{days}/{length}")
            + (f" × {show(factor * 100)}%" if factor != 1 else "")
            for whole, days, length, factor in parts
        ]
        return texts[0] if len(texts) == 1 else f"({' + '.join(texts)})"

    def _exact_line(self, unit, quantity, price, label):
        """A charge line for `quantity` × `price` (exact fractions), billing exactly their
        product rounded once to the fen: as quantity × price when the quantity can be
        written with the precision of quantities, otherwise as 1 × the amount, which the
        label computes."""
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        if (quantity * 10**digits).denominator == 1:
            return {"quantity": float(quantity), "price_unit": float(price), "name": label}
        amount = round_amount(quantity * price, unit.company_id.currency_id)
        return {"quantity": 1.0, "price_unit": amount, "name": label}

    def _per_month_lines(self, unit, start, end):
        terms = self._month_terms(unit, start, end)
        months = sum((Fraction(days, n) * factor for days, n, factor in terms), Fraction(0))
        if not months:
            return []
        price = show(self.price, 2)
        if self.basis == "fixed":
            base = Fraction(1)
            label = self.env._(
                "%(price)s × %(months)s month(s)", price=price, months=self._months_label(terms)
            )
        else:
            base = exact(unit.building_area if self.basis == "building_area" else unit.inner_area)
            label = self.env._(
                "%(area)s m² × %(price)s × %(months)s month(s)",
                area=show(base),
                price=price,
                months=self._months_label(terms),
            )
        return [self._exact_line(unit, base * months, exact(self.price), label)]

    def _consumption(self, meters, start, end):
        """The consumption of `meters` read in [start, end], exactly (readings have 2
        decimals)."""
        readings = self.env["property.meter.reading"]._read_group(
            [("meter_id", "in", meters.ids), ("date", ">=", start), ("date", "<=", end)],
            [],
            ["consumption:sum"],
        )
        return exact(float_round(readings[0][0] or 0.0, precision_digits=2))

    def _metered_lines(self, unit, start, end):
        meters = unit.meter_ids.filtered(lambda m: m.meter_type == self.meter_type)
        used = self._consumption(meters, start, end)
        if used <= 0:
            return []
        if not self.tier_ids:
            label = self.env._(
                "Consumption %(used)s × %(price)s", used=show(used), price=show(self.price, 2)
            )
            return [self._exact_line(unit, used, exact(self.price), label)]
        lines = []
        tiers = self.tier_ids.sorted("quantity_from")
        for tier, upper in zip(tiers, [*tiers[1:].mapped("quantity_from"), None], strict=True):
            bottom = exact(tier.quantity_from)
            in_tier = (min(used, exact(upper)) if upper is not None else used) - bottom
            if in_tier > 0:
                label = self.env._(
                    "Tier from %(start)s: %(quantity)s × %(price)s",
                    start=show(bottom),
                    quantity=show(in_tier),
                    price=show(tier.price, 2),
                )
                line = self._exact_line(unit, in_tier, exact(tier.price), label)
                lines.append({**line, "rate_tier_id": tier.id})
        return lines

    def _shared_meter_lines(self, unit, start, end):
        building = unit.building_id
        meters = self.env["property.meter"].search(
            [
                ("building_id", "=", building.id),
                ("is_shared", "=", True),
                ("meter_type", "=", self.meter_type),
            ]
        )
        total_area = sum(map(exact, building.unit_ids.mapped("building_area")), Fraction(0))
        area = exact(unit.building_area)
        if not meters or not total_area or not area:
            return []
        used = self._consumption(meters, start, end)
        if used <= 0:
            return []
        label = self.env._(
            "Share of %(used)s by area (%(area)s / %(total)s m²) × %(price)s",
            used=show(used),
            area=show(area),
            total=show(total_area),
            price=show(self.price, 2),
        )
        return [self._exact_line(unit, used * area / total_area, exact(self.price), label)]


class PropertyRateTier(models.Model):
    """A tier (阶梯) of a metered rate: from this consumption on, this price."""

    _name = "property.rate.tier"
    _description = "Rate Tier"
    _inherit = ["property.company.mixin"]
    _company_from = "plan_id"
    _order = "plan_id, quantity_from"
    _property_bounds = {"quantity_from": READING_BOUNDS, "price": PRICE_BOUNDS}

    plan_id = fields.Many2one("property.rate.plan", required=True, index=True, ondelete="cascade")
    quantity_from = fields.Float(string="From Consumption", required=True, default=0.0)
    price = fields.Float(required=True, digits="Product Price")

    @api.depends("plan_id.name", "quantity_from")
    def _compute_display_name(self):
        for tier in self:
            tier.display_name = self.env._(
                "%(plan)s from %(quantity)s",
                plan=tier.plan_id.name or "",
                quantity=tier.quantity_from,
            )

    @api.constrains("quantity_from", "plan_id")
    def _check_plan(self):
        self.plan_id._check_meter()

    _sql_constraints = [
        (
            "quantity_plan_uniq",
            "unique(plan_id, quantity_from)",
            "Two tiers of a rate plan cannot start at the same consumption.",
        ),
        (
            "tier_positive",
            "CHECK(quantity_from >= 0 AND price >= 0)",
            "Tier consumption and price cannot be negative.",
        ),
    ]
