import calendar
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command

RECURRENCES = [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")]
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
# past occurrences a late cron still creates (as missed rounds) for one plan in one run
CATCH_UP_LIMIT = 31


class PropertyInspectionTemplate(models.Model):
    """An inspection plan (巡查 / 巡检计划, DOMAIN §10): where, who, how often and what to
    check. The scheduler turns each occurrence into an inspection round with its
    checklist; a failed item raises a public-area request."""

    _name = "property.inspection.template"
    _description = "Inspection Plan"
    _inherit = ["property.company.mixin", "mail.thread"]
    _company_from = "estate_id"
    _order = "estate_id, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
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
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    facility_id = fields.Many2one(
        "property.facility",
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    location = fields.Char(help="Where exactly: floors, car park, roof, perimeter...")
    team_id = fields.Many2one("property.team", check_company=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        check_company=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who makes the rounds; empty: any member of the team.",
    )
    recurrence = fields.Selection(RECURRENCES, required=True, default="daily", tracking=True)
    weekday = fields.Selection(WEEKDAYS, string="Day of the Week", default="0")
    month_day = fields.Integer(
        string="Day of the Month",
        default=1,
        help="In shorter months, rounds planned on the 29th to 31st fall on the last day.",
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    next_date = fields.Date(
        string="Next Round",
        compute="_compute_next_date",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        help="The date of the next round the scheduler creates.",
    )
    item_ids = fields.One2many(
        "property.inspection.template.item", "template_id", string="Checklist", copy=True
    )
    round_ids = fields.One2many(
        "property.inspection.round", "template_id", string="Inspection Rounds"
    )
    round_count = fields.Integer(string="Rounds", compute="_compute_round_count")

    _sql_constraints = [
        (
            "month_day_range",
            "CHECK(month_day BETWEEN 1 AND 31)",
            "The day of the month is between 1 and 31.",
        ),
    ]

    @api.constrains("recurrence", "weekday")
    def _check_weekday(self):
        for template in self:
            if template.recurrence == "weekly" and not template.weekday:
                raise ValidationError(
                    self.env._(
                        "Inspection plan %(name)s: choose the day of the week.",
                        name=template.name,
                    )
                )

    @api.depends("recurrence", "weekday", "month_day", "date_start")
    def _compute_next_date(self):
        for template in self:
            today = (template.company_id or self.env.company)._property_today()
            start = max(template.date_start or today, today)
            template.next_date = template._occurrence_from(start)

    def _compute_round_count(self):
        counts = dict(
            self.env["property.inspection.round"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.round_count = counts.get(template, 0)

    def _occurrence_from(self, day):
        """The first date on or after `day` the plan has a round."""
        self.ensure_one()
        if self.recurrence == "weekly":
            return day + timedelta(days=(int(self.weekday or 0) - day.weekday()) % 7)
        if self.recurrence == "monthly":
            wanted = self.month_day or 1
            year, month = day.year, day.month
            while True:
                last = calendar.monthrange(year, month)[1]
                candidate = day.replace(year=year, month=month, day=min(wanted, last))
                if candidate >= day:
                    return candidate
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
                day = day.replace(year=year, month=month, day=1)
        return day

    # ------------------------------------------------------------------ scheduler

    @api.model
    def _cron_inspection(self, batch_size=200):
        """Create the rounds that have come (one per plan and date, a unique constraint
        guards it), then mark the rounds of past days left undone as missed. Plans are
        handled in batches of `batch_size`; the scheduler is told how many remain and
        calls again at once."""
        due = self._due_templates()
        batch = due[:batch_size]
        rounds = batch._create_rounds()
        missed = self.env["property.inspection.round"]._mark_missed()
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(self._due_templates()) if batch else 0
        )
        return rounds, missed

    def _due_templates(self):
        """The plans whose next round has come, in their company's time zone (no zone
        is more than a day ahead of UTC)."""
        tomorrow = fields.Date.today() + timedelta(days=1)
        candidates = self.search([("next_date", "<=", tomorrow)], order="next_date, id")
        todays = {}
        for company in candidates.company_id:
            todays[company] = company._property_today()
        return candidates.filtered(lambda t: t.next_date <= todays[t.company_id])

    def _create_rounds(self):
        """A round for each date of these plans that has come and has none yet; the
        next date moves past today."""
        Round = self.env["property.inspection.round"]
        existing = set(
            Round.with_context(active_test=False)
            .search_fetch([("template_id", "in", self.ids)], ["template_id", "date"])
            .mapped(lambda r: (r.template_id.id, r.date))
        )
        vals_list = []
        for template in self:
            today = template.company_id._property_today()
            day, count = template.next_date, 0
            while day and day <= today and count < CATCH_UP_LIMIT:
                if (template.id, day) not in existing:
                    vals_list.append(template._prepare_round_vals(day))
                    existing.add((template.id, day))
                day = template._occurrence_from(day + timedelta(days=1))
                count += 1
            if day <= today:  # more than the catch-up limit behind: start again today
                day = template._occurrence_from(today + timedelta(days=1))
            template.next_date = day
        return Round.create(vals_list)

    def _prepare_round_vals(self, day):
        self.ensure_one()
        return {
            "template_id": self.id,
            "date": day,
            "estate_id": self.estate_id.id,
            "building_id": self.building_id.id,
            "facility_id": self.facility_id.id,
            "location": self.location,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "line_ids": [
                Command.create(
                    {
                        "item_id": item.id,
                        "sequence": item.sequence,
                        "name": item.name,
                        "category_id": item.category_id.id,
                        "instructions": item.instructions,
                    }
                )
                for item in self.item_ids
            ],
        }

    def action_view_rounds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_ticket.action_property_inspection_round"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {"default_template_id": self.id}
        return action


class PropertyInspectionTemplateItem(models.Model):
    """A checklist item of an inspection plan, and the request category raised when it
    fails."""

    _name = "property.inspection.template.item"
    _description = "Inspection Checklist Item"
    _inherit = ["property.company.mixin"]
    _company_from = "template_id"
    _order = "template_id, sequence, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "property.inspection.template",
        string="Inspection Plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    category_id = fields.Many2one(
        "property.ticket.category",
        string="Request Category",
        check_company=True,
        help="The category of the request raised when the check fails.",
    )
    instructions = fields.Text(help="What to look at, and what counts as a failure.")
