from collections import defaultdict
from datetime import datetime, time, timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date, html2plaintext

# what an announcement text may name
TEMPLATE_KEYS = ("building", "date", "hours", "equipment")


class PropertyMaintenancePlan(models.Model):
    """A plan whose works disturb the residents announces them (施工公告): one
    announcement per date and building (the estate for equipment in no building), on
    the owners' portal from `announce_days` before the date until the day is over,
    withdrawn when its orders are cancelled or moved to another day."""

    _inherit = "property.maintenance.plan"
    _property_bounds = {"announce_days": (0, 60)}

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
            "announce_days_positive",
            "CHECK(announce_days IS NULL OR announce_days >= 0)",
            "The announcement cannot be published after the works.",
        ),
    ]

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

    def action_generate_orders(self):
        action = super().action_generate_orders()
        # the orders made now of works within the announcement time are announced now,
        # not at the next run of the scheduler
        self.filtered("announce")._announce_works()
        return action

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


class PropertyAnnouncement(models.Model):
    """An announcement generated by a maintenance plan names its plan, the day and the
    place of the works and its orders (for the staff; the owners read its text only)."""

    _inherit = "property.announcement"

    maintenance_plan_id = fields.Many2one(
        "property.maintenance.plan",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        copy=False,
        check_company=True,
    )
    work_date = fields.Date(string="Day of Works", readonly=True, copy=False)
    work_estate_id = fields.Many2one(
        "property.estate", string="Estate of Works", readonly=True, copy=False
    )
    work_building_id = fields.Many2one(
        "property.building", string="Building of Works", readonly=True, copy=False
    )
    maintenance_request_ids = fields.One2many(
        "maintenance.request", "property_announcement_id", string="Work Orders", readonly=True
    )

    def init(self):
        result = super().init()
        # one announcement per plan, day and place; an estate-wide one has no building
        # (a unique constraint would let NULLs repeat)
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS property_announcement_planned_work_uniq "
                "ON property_announcement (maintenance_plan_id, work_date, work_estate_id, "
                "COALESCE(work_building_id, 0)) WHERE maintenance_plan_id IS NOT NULL"
            )
        )
        return result

    def _planned_work_key(self):
        self.ensure_one()
        return (
            self.maintenance_plan_id.id,
            self.work_date,
            self.work_estate_id.id,
            self.work_building_id.id or 0,
        )

    def _refresh_planned_work(self, orders):
        """Rewrite the text if the plan's settings or the orders changed."""
        self.ensure_one()
        title, body = self.maintenance_plan_id._announcement_texts(self._planned_work_key(), orders)
        if self.name != title or html2plaintext(self.body or "") != html2plaintext(body):
            self.write({"name": title, "body": body})

    def _withdraw_planned_work(self, orders_by_announcement):
        """Take off the portal the announcements of works no longer planned that day,
        saying in their chatter which orders were cancelled or moved."""
        if not self:
            return
        self.action_archive_announcement()
        for announcement in self:
            announcement.message_post(
                body=self.env._(
                    "Withdrawn: the works of this day were cancelled or moved to another "
                    "day (%(orders)s).",
                    orders=", ".join(orders_by_announcement[announcement].mapped("display_name")),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
