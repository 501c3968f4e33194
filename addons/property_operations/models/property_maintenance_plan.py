from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .maintenance_equipment_category import INTERVAL_UNITS

# the longest an interval unit can be, in days: a first guess of the occurrence that
# never overshoots the date looked for
UNIT_MAX_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}


class PropertyMaintenancePlan(models.Model):
    """A preventive maintenance plan (维保计划) for a kind of equipment (an equipment
    category), in one estate or all of the company's: the equipment of that kind is
    maintained every `interval_number` `interval_unit` from `date_start`, and each
    maintenance becomes a work order (`maintenance.request`) `lead_days` before it is
    due. The dates follow from the plan alone, and the database holds one order per
    plan, equipment and date: the scheduler keeps no state of its own, and running it
    twice creates nothing twice."""

    _name = "property.maintenance.plan"
    _description = "Preventive Maintenance Plan"
    _inherit = ["property.company.mixin", "mail.thread", "mail.activity.mixin"]
    _company_from = "estate_id"
    _order = "estate_id, category_id, name, id"
    _check_company_auto = True
    _property_bounds = {
        "interval_number": (1, 366),
        "lead_days": (0, 366),
        "duration": (0, 1000),
    }

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    category_id = fields.Many2one(
        "maintenance.equipment.category",
        string="Equipment Kind",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    estate_id = fields.Many2one(
        "property.estate",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Leave empty for the equipment of this kind in every estate of the company.",
    )
    interval_number = fields.Integer(
        string="Every",
        compute="_compute_rhythm",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    interval_unit = fields.Selection(
        INTERVAL_UNITS,
        string="Unit",
        compute="_compute_rhythm",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    lead_days = fields.Integer(
        string="Lead Time (days)",
        compute="_compute_rhythm",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="How many days before it is due each work order is created.",
    )
    date_start = fields.Date(
        string="First Maintenance",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The first date of the plan; the next ones follow at its interval.",
    )
    maintenance_team_id = fields.Many2one(
        "maintenance.team",
        check_company=True,
        help="The team of the work orders; empty: the equipment's team.",
    )
    duration = fields.Float(help="The expected duration of one maintenance, in hours.")
    instructions = fields.Html(help="What the technician does and checks; copied on each order.")
    next_date = fields.Date(
        string="Next Maintenance",
        compute="_compute_next_date",
        help="The first date of the plan from today on.",
    )
    request_ids = fields.One2many(
        "maintenance.request", "property_plan_id", string="Work Orders", readonly=True
    )
    request_count = fields.Integer(string="Orders", compute="_compute_request_count")
    equipment_count = fields.Integer(string="Equipment", compute="_compute_equipment_count")

    _sql_constraints = [
        (
            "interval_positive",
            "CHECK(interval_number > 0)",
            "The maintenance interval must be at least 1.",
        ),
        ("lead_days_positive", "CHECK(lead_days >= 0)", "The lead time cannot be negative."),
    ]

    @api.depends("category_id")
    def _compute_rhythm(self):
        for plan in self:
            kind = plan.category_id
            plan.interval_number = kind.property_interval_number or plan.interval_number or 1
            plan.interval_unit = kind.property_interval_unit or plan.interval_unit or "month"
            plan.lead_days = kind.property_lead_days if kind else plan.lead_days

    @api.depends("date_start", "interval_number", "interval_unit")
    def _compute_next_date(self):
        for plan in self:
            today = (plan.company_id or self.env.company)._property_today()
            dates = plan._occurrences(today, today + timedelta(days=UNIT_MAX_DAYS["year"] * 5))
            plan.next_date = dates[0] if dates else False

    def _compute_request_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [("property_plan_id", "in", self.ids)], ["property_plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.request_count = counts.get(plan, 0)

    def _compute_equipment_count(self):
        Equipment = self.env["maintenance.equipment"]
        for plan in self:
            plan.equipment_count = Equipment.search_count(plan._equipment_domain())

    def _equipment_domain(self):
        self.ensure_one()
        domain = [
            ("category_id", "=", self.category_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        if self.estate_id:
            domain.append(("property_estate_id", "=", self.estate_id.id))
        return domain

    def _occurrences(self, first, last):
        """The dates of the plan from `first` to `last` (included), each counted from
        the start (the 31st stays the 31st after a short month)."""
        self.ensure_one()
        if not (self.date_start and self.interval_number and self.interval_unit) or (
            last < self.date_start
        ):
            return []
        step = self.interval_number
        unit = f"{self.interval_unit}s"
        lowest = max(first, self.date_start)
        # a first guess never beyond `lowest`, then step by step
        index = (lowest - self.date_start).days // (UNIT_MAX_DAYS[self.interval_unit] * step)
        dates = []
        while True:
            day = self.date_start + relativedelta(**{unit: index * step})
            if day > last:
                return dates
            if day >= lowest:
                dates.append(day)
            index += 1

    # ------------------------------------------------------------------ scheduler

    @api.model
    def _cron_generate_orders(self, batch_size=500):
        """Create the preventive work orders that have come within their plans' lead
        time, earliest first, at most `batch_size` of them; the scheduler is told how
        many remain and calls again at once. A fixed number of queries whatever the
        number of plans: one search of the plans, one of their equipment, one of the
        orders already made, one create."""
        pending = self.search([])._pending_orders()
        batch = pending[:batch_size]
        orders = self._create_orders(batch)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(pending) - len(batch))
        return orders

    def _pending_orders(self):
        """[(date, plan, equipment)] of the orders of these plans due from today to
        today + their lead time that do not exist yet, by date."""
        todays = {company: company._property_today() for company in self.company_id}
        windows = {}
        for plan in self:
            today = todays[plan.company_id]
            dates = plan._occurrences(today, today + timedelta(days=plan.lead_days))
            if dates:
                windows[plan] = dates
        if not windows:
            return []
        plans = self.browse([plan.id for plan in windows])
        equipment_by_kind = defaultdict(list)
        for equipment in self.env["maintenance.equipment"].search_fetch(
            [
                ("category_id", "in", plans.category_id.ids),
                ("company_id", "in", plans.company_id.ids),
            ],
            ["category_id", "company_id", "property_estate_id", "scrap_date"],
            order="id",
        ):
            key = (equipment.category_id.id, equipment.company_id.id)
            equipment_by_kind[key].append(equipment)
        all_dates = [day for dates in windows.values() for day in dates]
        existing = {
            (order.property_plan_id.id, order.equipment_id.id, order.property_plan_date)
            for order in self.env["maintenance.request"].search_fetch(
                [
                    ("property_plan_id", "in", plans.ids),
                    ("property_plan_date", ">=", min(all_dates)),
                    ("property_plan_date", "<=", max(all_dates)),
                ],
                ["property_plan_id", "equipment_id", "property_plan_date"],
            )
        }
        pending = []
        for plan, dates in windows.items():
            for equipment in equipment_by_kind[(plan.category_id.id, plan.company_id.id)]:
                if plan.estate_id and equipment.property_estate_id != plan.estate_id:
                    continue
                for day in dates:
                    if equipment.scrap_date and equipment.scrap_date <= day:
                        continue
                    if (plan.id, equipment.id, day) not in existing:
                        pending.append((day, plan, equipment))
        pending.sort(key=lambda item: (item[0], item[1].id, item[2].id))
        return pending

    @api.model
    def _create_orders(self, pending):
        """The work orders of `pending` ([(date, plan, equipment)]), in one create."""
        Request = self.env["maintenance.request"].with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        if not pending:
            return Request
        stage = self.env["maintenance.stage"].search([], order="sequence, id", limit=1)
        companies = self.env["res.company"].union(
            *(equipment.company_id for _d, _p, equipment in pending)
        )
        default_teams = self._default_teams(companies)
        vals_list = [
            plan._prepare_order_vals(
                equipment,
                day,
                stage,
                plan.maintenance_team_id
                or equipment.maintenance_team_id
                or default_teams[equipment.company_id],
            )
            for day, plan, equipment in pending
        ]
        return Request.create(vals_list)

    @api.model
    def _default_teams(self, companies):
        """{company: its first maintenance team}, made if the company has none."""
        Team = self.env["maintenance.team"]
        teams = {}
        for team in Team.search_fetch([("company_id", "in", companies.ids)], ["company_id"]):
            teams.setdefault(team.company_id, team)
        for company in companies - self.env["res.company"].union(*teams):
            # the scheduler's or an engineer's orders need a team: the company gets
            # its first one (engineers do not manage teams)
            teams[company] = Team.sudo().create(
                {"name": self.env._("Engineering"), "company_id": company.id}
            )
        return teams

    def _prepare_order_vals(self, equipment, day, stage, team):
        self.ensure_one()
        return {
            "name": f"{self.name} - {equipment.name}",
            "company_id": equipment.company_id.id,
            "equipment_id": equipment.id,
            "maintenance_type": "preventive",
            "request_date": day,
            "property_plan_id": self.id,
            "property_plan_date": day,
            "maintenance_team_id": team.id,
            "stage_id": stage.id,
            "owner_user_id": False,
            "duration": self.duration,
            "description": self.instructions,
        }

    # ------------------------------------------------------------------ buttons

    def action_generate_orders(self):
        """Create now the orders of these plans that have come within the lead time
        (what the scheduler would do at its next run)."""
        self._require_group(
            "property_operations.group_operations_engineer",
            self.env._("Only the engineering department generates maintenance orders."),
        )
        orders = self._create_orders(self._pending_orders())
        return self._orders_action([("id", "in", orders.ids)])

    def action_view_orders(self):
        return self._orders_action([("property_plan_id", "in", self.ids)])

    def _orders_action(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_maintenance_order"
        )
        action["domain"] = domain
        return action

    def action_view_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_equipment"
        )
        action["domain"] = self._equipment_domain()
        return action
