from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .maintenance_equipment_category import INTERVAL_UNITS

# the longest an interval unit can be, in days: a first guess of the occurrence that
# never overshoots the date looked for
UNIT_MAX_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
# what an announcement text may name
TEMPLATE_KEYS = ("building", "date", "hours", "equipment")


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

    # owners' announcements of the works (施工公告)
    announce = fields.Boolean(
        string="Announce to Owners",
        compute="_compute_announce",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Publish an announcement on the owners' portal for each day of works, to the "
        "occupants of the buildings of the equipment.",
    )
    announce_days = fields.Integer(
        string="Announce Days Before",
        default=2,
        tracking=True,
        help="How many days before the works the announcement is published.",
    )
    announce_hours = fields.Char(
        string="Hours of Works",
        default="09:00-17:00",
        help="When the works take place, as the owners read it (e.g. 09:00-11:00).",
    )
    announce_template = fields.Text(
        string="Announcement Text",
        compute="_compute_announce_template",
        store=True,
        readonly=False,
        precompute=True,
        help="What the owners read, with %(building)s, %(date)s, %(hours)s and "
        "%(equipment)s replaced.",
    )
    announce_email = fields.Boolean(
        string="E-mail the Occupants",
        help="Also e-mail each announcement to the occupants it addresses.",
    )
    announcement_ids = fields.One2many(
        "property.announcement", "maintenance_plan_id", readonly=True
    )
    announcement_count = fields.Integer(compute="_compute_announcement_count")

    _sql_constraints = [
        (
            "interval_positive",
            "CHECK(interval_number > 0)",
            "The maintenance interval must be at least 1.",
        ),
        ("lead_days_positive", "CHECK(lead_days >= 0)", "The lead time cannot be negative."),
        (
            "announce_days_positive",
            "CHECK(announce_days IS NULL OR announce_days >= 0)",
            "The announcement cannot be published after the works.",
        ),
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
        # the orders made now of works within the announcement time are announced now,
        # not at the next run of the scheduler
        self.filtered("announce")._announce_works()
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

    # ------------------------------------------------------------------ owners' announcements

    @api.depends("category_id")
    def _compute_announce(self):
        for plan in self:
            plan.announce = plan.category_id.property_announce

    @api.depends("category_id", "company_id")
    def _compute_announce_template(self):
        """The kind's text in the company's language, else a plain one (ready for a
        plan that comes to announce)."""
        for plan in self:
            lang = plan._announce_lang()
            plan.announce_template = (
                plan.category_id.with_context(lang=lang).property_announce_template
                or plan.announce_template
                or plan.with_context(lang=lang).env._(
                    "Maintenance of %(equipment)s in %(building)s on %(date)s, %(hours)s."
                )
            )

    def _compute_announcement_count(self):
        # a count for engineering, who do not manage announcements
        counts = dict(
            self.env["property.announcement"]
            .sudo()
            ._read_group(
                [("maintenance_plan_id", "in", self.ids)], ["maintenance_plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.announcement_count = counts.get(plan, 0)

    @api.constrains("announce", "announce_template")
    def _check_announce_template(self):
        for plan in self.filtered("announce"):
            if not plan.announce_template:
                raise ValidationError(
                    self.env._(
                        "Maintenance plan %(plan)s announces its works: write the text "
                        "the owners read.",
                        plan=plan.display_name,
                    )
                )
            try:
                plan.announce_template % dict.fromkeys(TEMPLATE_KEYS, "")
            except (KeyError, ValueError, TypeError) as exc:
                raise ValidationError(
                    self.env._(
                        "The announcement text of maintenance plan %(plan)s may only name "
                        "%(keys)s, each written as %(example)s: %(error)s",
                        plan=plan.display_name,
                        keys=", ".join(TEMPLATE_KEYS),
                        example="%(building)s",
                        error=exc,
                    )
                ) from exc

    def write(self, vals):
        result = super().write(vals)
        if {"announce", "announce_days", "announce_hours", "announce_template"} & set(vals):
            # the announcements of the coming works follow the new settings now
            self._announce_works()
        return result

    def _announce_lang(self):
        """The language of the owners' announcements: the company's."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return company.partner_id.lang or self.env.lang or "en_US"

    # ------------------------------------------------------------------ scheduler

    @api.model
    def _cron_announce_works(self):
        """Publish the announcements of the works that have come within their plans'
        announcement time, withdraw those of works cancelled or moved, and archive those
        of works past. Idempotent; its queries grow with the announcements it makes
        (their insert and publication), not with the plans or orders (one search of
        each, one create)."""
        self.search([])._announce_works()
        self._expire_announcements()

    def _announce_works(self):
        """Bring the announcements of these plans' works from today on in line with
        their orders: one published announcement per plan, date and place (building,
        else estate) of works within the announcement time."""
        plans = self.sudo().filtered("active")
        Announcement = self.env["property.announcement"].sudo()
        if not plans:
            return Announcement
        todays = {company: company._property_today() for company in plans.company_id}
        first = min(todays.values())
        last = max(todays.values()) + timedelta(days=max(plans.mapped("announce_days")) + 1)
        orders = (
            self.env["maintenance.request"]
            .sudo()
            .search_fetch(
                [
                    ("property_plan_id", "in", plans.filtered("announce").ids),
                    ("archive", "=", False),
                    ("equipment_id.property_estate_id", "!=", False),
                    "|",
                    "&",
                    ("schedule_date", "=", False),
                    "&",
                    ("property_plan_date", ">=", first),
                    ("property_plan_date", "<=", last),
                    "&",
                    ("schedule_date", ">=", datetime.combine(first - timedelta(days=1), time.min)),
                    ("schedule_date", "<=", datetime.combine(last + timedelta(days=1), time.min)),
                ],
                ["property_plan_id", "property_plan_date", "schedule_date", "equipment_id"],
                order="id",
            )
        )
        # what the texts name, read once
        orders.equipment_id.fetch(["name", "property_estate_id", "property_building_id"])
        (orders.equipment_id.property_estate_id | plans.estate_id).fetch(["name"])
        orders.equipment_id.property_building_id.fetch(["name"])
        wanted = defaultdict(list)
        for order in orders:
            plan = order.property_plan_id
            day = order._property_work_day()
            if plan._in_announce_time(day, todays):
                wanted[plan._announce_key(order.equipment_id, day)].append(order.id)
        # the announcements of the same days (those further on, published before the
        # plan's announcement time was shortened, stay)
        existing = {
            announcement._planned_work_key(): announcement
            for announcement in Announcement.search(
                [
                    ("maintenance_plan_id", "in", plans.ids),
                    ("work_date", ">=", first),
                    ("work_date", "<=", last),
                ]
            )
            if announcement.maintenance_plan_id._in_announce_time(announcement.work_date, todays)
        }
        Order = self.env["maintenance.request"].sudo()
        # the orders cancelled or moved leave their announcement (and join another one);
        # an announcement left without works is withdrawn
        stale = {
            announcement: announcement.maintenance_request_ids - Order.browse(wanted.get(key, []))
            for key, announcement in existing.items()
        }
        to_withdraw = Announcement.union(
            *(
                announcement
                for key, announcement in existing.items()
                if key not in wanted and announcement.state == "published"
            )
        )
        to_withdraw._withdraw_planned_work(stale)
        Order.union(*stale.values()).write({"property_announcement_id": False})
        to_create, to_publish = [], Announcement
        for key, order_ids in wanted.items():
            announcement = existing.get(key)
            if not announcement:
                to_create.append((key, order_ids))
                continue
            new_orders = Order.browse(order_ids) - announcement.maintenance_request_ids
            if new_orders:
                new_orders.write({"property_announcement_id": announcement.id})
                if announcement.state != "published":
                    # works announced again (an order back on its day): the owners are told
                    to_publish |= announcement
            announcement._refresh_planned_work(Order.browse(order_ids))
        if to_create:
            plans_by_id = {plan.id: plan for plan in plans}
            created = Announcement.with_context(mail_create_nolog=True).create(
                [
                    plans_by_id[key[0]]._prepare_announcement_vals(key, Order.browse(order_ids))
                    for key, order_ids in to_create
                ]
            )
            for announcement, (_key, order_ids) in zip(created, to_create, strict=True):
                Order.browse(order_ids).write({"property_announcement_id": announcement.id})
            to_publish |= created
        archived = to_publish.filtered(lambda a: a.state == "archived")
        archived.action_reset_draft()
        to_publish.action_publish()
        return to_publish

    @api.model
    def _expire_announcements(self):
        """Archive the published announcements of works whose day is over."""
        Announcement = self.env["property.announcement"].sudo()
        published = Announcement.search(
            [
                ("maintenance_plan_id", "!=", False),
                ("state", "=", "published"),
                ("work_date", "<", fields.Date.today() + timedelta(days=1)),
            ]
        )
        past = published.filtered(lambda a: a.work_date < a.company_id._property_today())
        if past:
            past.action_archive_announcement()
        return past

    def _in_announce_time(self, day, todays):
        """Whether the works of `day` are announced now (`todays`: {company: today})."""
        self.ensure_one()
        today = todays[self.company_id]
        return today <= day <= today + timedelta(days=self.announce_days)

    def _announce_key(self, equipment, day):
        """(plan, date, estate, building): one announcement each; building 0 for the
        equipment of no building (the whole estate is told)."""
        self.ensure_one()
        return (
            self.id,
            day,
            equipment.property_estate_id.id,
            equipment.property_building_id.id or 0,
        )

    def _announcement_texts(self, key, orders):
        """(title, body) of the announcement of `key`, in the company's language."""
        self.ensure_one()
        lang = self._announce_lang()
        plan = self.with_context(lang=lang)
        _plan_id, day, estate_id, building_id = key
        place = (
            self.env["property.building"].browse(building_id)
            if building_id
            else self.env["property.estate"].browse(estate_id)
        )
        date_text = format_date(plan.env, day, lang_code=lang)
        kind = plan.category_id.with_context(lang=lang).name
        text = (plan.announce_template or "") % {
            "building": place.name,
            "date": date_text,
            "hours": plan.announce_hours or "",
            "equipment": "、".join(sorted(orders.equipment_id.mapped("name"))),
        }
        title = plan.env._(
            "Planned works: %(kind)s, %(place)s, %(date)s",
            kind=kind,
            place=place.name,
            date=date_text,
        )
        body = Markup("<p>%s</p>") % Markup("<br/>").join(
            escape(line) for line in text.splitlines()
        )
        return title, body

    def _prepare_announcement_vals(self, key, orders):
        self.ensure_one()
        _plan_id, day, estate_id, building_id = key
        title, body = self._announcement_texts(key, orders)
        return {
            "name": title,
            "body": body,
            "company_id": self.company_id.id,
            "estate_ids": [fields.Command.set([estate_id])],
            "building_ids": [fields.Command.set([building_id] if building_id else [])],
            "send_email": self.announce_email,
            "author_id": False,
            "maintenance_plan_id": self.id,
            "work_date": day,
            "work_estate_id": estate_id,
            "work_building_id": building_id or False,
        }

    # ------------------------------------------------------------------ buttons

    def action_view_announcements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.action_property_announcement"
        )
        action["domain"] = [("maintenance_plan_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
