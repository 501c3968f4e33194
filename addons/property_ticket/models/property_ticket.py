from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .property_ticket_sla import (
    COMPLAINT_TIERS,
    ESCALATION_LEVELS,
    PRIORITIES,
    SLA_TARGETS,
    TICKET_TYPES,
)

TICKET_STATES = [
    ("new", "Received"),
    ("dispatched", "Dispatched"),
    ("in_progress", "In Progress"),
    ("done", "Awaiting Acceptance"),
    ("accepted", "Accepted"),
    ("followed_up", "Followed Up"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# the states in which the SLA clock runs
OPEN_STATES = ("new", "dispatched", "in_progress", "done")
CHANNELS = [
    ("phone", "Phone"),
    ("walk_in", "Walk-in"),
    ("letter", "Letter"),
    ("email", "E-mail"),
    ("portal", "Portal"),
    ("patrol", "Found on Patrol"),
    ("handover", "Move-in Inspection"),
]
# requests visited after acceptance (DOMAIN §4: 100 % of repairs; §5: complaints revisited)
FOLLOWUP_TYPES = ("repair", "paid_service", "complaint")
# what the service levels of a request depend on
SLA_FIELDS = (
    "ticket_type",
    "category_id",
    "priority",
    "complaint_tier",
    "company_id",
    "date_received",
    "date_dispatched",
)
DESK = "property_ticket.group_ticket_desk"
LEAD = "property_ticket.group_ticket_lead"


# the clock of the SLA cron (see _sla_clock_at)
_sla_clock = ContextVar("property_ticket_sla_clock", default=None)


class PropertyTicket(models.Model):
    """A service request (报事报修 / 服务需求, DOMAIN §4-6): repair, complaint, inquiry,
    paid service, suggestion or public-area issue, from receipt to follow-up visit.

    The ticket is also its work order (服务工作单): a request has one job, which rework
    continues (and counts) rather than replacing, so the work-order fields (take-over,
    arrival, materials, labour, acceptance and signature, damage) live on the ticket and
    its reference is the work-order number that charges and notices cite.

    Not a `property.unit.mixin`: public-area issues and facility faults have no unit, so
    the estate is the required location, filled from the unit or the facility."""

    _name = "property.ticket"
    _description = "Service Request"
    _sequence_code = "property.ticket"
    _inherit = [
        "property.company.mixin",
        "property.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
    ]
    _company_from = "estate_id"
    _order = "priority desc, date_received desc, id desc"
    _rec_names_search = ["name", "subject"]
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    subject = fields.Char(required=True, tracking=True)
    ticket_type = fields.Selection(
        TICKET_TYPES, string="Type", required=True, default="repair", tracking=True, index=True
    )
    category_id = fields.Many2one(
        "property.ticket.category", tracking=True, index=True, check_company=True
    )
    priority = fields.Selection(PRIORITIES, default="0", required=True, tracking=True, index=True)
    complaint_tier = fields.Selection(
        COMPLAINT_TIERS,
        tracking=True,
        help="Major: serious impact on residents' life or safety, or on the company's "
        "image. Important: a failure of management or service. Minor: the rest.",
    )

    # where
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    building_id = fields.Many2one(
        "property.building",
        compute="_compute_building_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    unit_id = fields.Many2one(
        "property.unit",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('estate_id', '=?', estate_id)]",
        help="Empty for public areas and common facilities.",
    )
    facility_id = fields.Many2one(
        "property.facility",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    location = fields.Char(help="Where exactly, for public areas.")
    handover_id = fields.Many2one(
        "property.handover",
        string="Move-in Handover",
        index="btree_not_null",
        check_company=True,
        readonly=True,
        copy=False,
    )
    handover_check_id = fields.Many2one(
        "property.handover.check", string="Inspection Line", readonly=True, copy=False
    )

    # who asks
    partner_id = fields.Many2one(
        "res.partner",
        string="Requester",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
    )
    contact_name = fields.Char(
        compute="_compute_contact", store=True, precompute=True, readonly=False
    )
    contact_phone = fields.Char(
        compute="_compute_contact", store=True, precompute=True, readonly=False
    )
    contact_email = fields.Char(
        compute="_compute_contact", store=True, precompute=True, readonly=False
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    preferred_time = fields.Datetime(help="When the requester would like the visit.")
    description = fields.Html()
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_ticket_photo_rel",
        "ticket_id",
        "attachment_id",
        string="Photos",
    )

    # who handles
    receiver_id = fields.Many2one(
        "res.users",
        string="First Receiver",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
        help="Whoever receives a request owns it until it is handed on (首问负责).",
    )
    team_id = fields.Many2one(
        "property.team",
        compute="_compute_team_id",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Technician",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        TICKET_STATES,
        default="new",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        group_expand="_expand_states",
    )
    rework_count = fields.Integer(
        readonly=True, copy=False, tracking=True, help="Times the work was refused and redone."
    )

    # steps
    date_received = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now, index=True, copy=False
    )
    date_dispatched = fields.Datetime(string="Dispatched", readonly=True, copy=False)
    date_replied = fields.Datetime(
        string="Requester Informed",
        readonly=True,
        copy=False,
        help="When the requester was told who comes and when.",
    )
    date_first_response = fields.Datetime(
        string="First Response",
        readonly=True,
        copy=False,
        help="When the technician took the order over (接单).",
    )
    date_on_site = fields.Datetime(string="On Site", readonly=True, copy=False)
    date_done = fields.Datetime(string="Done", readonly=True, copy=False)
    date_accepted = fields.Datetime(string="Accepted", readonly=True, copy=False)
    date_followed_up = fields.Datetime(string="Followed Up", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed", readonly=True, copy=False)
    date_cancelled = fields.Datetime(string="Cancelled", readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    cancelled_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # escalation
    escalation_level = fields.Selection(
        ESCALATION_LEVELS, default="none", required=True, readonly=True, copy=False, index=True
    )
    escalated_to_id = fields.Many2one("res.users", readonly=True, copy=False)
    escalated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_escalated = fields.Datetime(string="Escalated", readonly=True, copy=False)

    # service levels
    sla_ids = fields.Many2many(
        "property.ticket.sla",
        string="SLA Policies",
        compute="_compute_sla",
        store=True,
        copy=False,
    )
    deadline_reply = fields.Datetime(
        string="Reply Due", compute="_compute_sla", store=True, copy=False
    )
    deadline_response = fields.Datetime(
        string="Response Due", compute="_compute_sla", store=True, copy=False
    )
    deadline_onsite = fields.Datetime(
        string="On Site Due", compute="_compute_sla", store=True, copy=False
    )
    deadline_resolve = fields.Datetime(
        string="Resolution Due", compute="_compute_sla", store=True, copy=False
    )
    deadline_escalate = fields.Datetime(
        string="Escalation Due", compute="_compute_sla", store=True, copy=False
    )
    sla_escalate_to = fields.Selection(
        ESCALATION_LEVELS[1:],
        string="Escalation Due To",
        compute="_compute_sla",
        store=True,
        copy=False,
    )
    overdue = fields.Boolean(
        compute="_compute_sla_status",
        store=True,
        index=True,
        copy=False,
        help="A deadline of the request has passed and its step is not done.",
    )
    sla_failed = fields.Boolean(
        string="SLA Missed",
        compute="_compute_sla_status",
        store=True,
        copy=False,
        help="At least one step was (or is) late.",
    )
    sla_next_check = fields.Datetime(
        string="Next SLA Check",
        compute="_compute_sla_status",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The next deadline the escalation cron watches.",
    )
    sla_checked_on = fields.Datetime(string="SLA Checked On", readonly=True, copy=False)

    # work order
    material_ids = fields.One2many(
        "property.ticket.material", "ticket_id", string="Materials", copy=False
    )
    material_amount = fields.Monetary(compute="_compute_amounts", store=True)
    labour_hours = fields.Float(copy=False)
    work_note = fields.Html(string="Work Done", copy=False)
    signature = fields.Binary(copy=False, attachment=True)
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False, readonly=True)
    refuse_reason = fields.Text(
        string="Refusal Reason", readonly=True, copy=False, help="Why the customer last refused."
    )
    has_damage = fields.Boolean(string="Damage to Customer's Property", copy=False, tracking=True)
    damage_description = fields.Text(copy=False)
    damage_compensation = fields.Monetary(copy=False, tracking=True)

    # paid services
    service_price_id = fields.Many2one(
        "property.service.price",
        string="Service (Price List)",
        check_company=True,
        tracking=True,
        domain="[('company_id', '=', company_id), ('estate_id', 'in', [estate_id, False])]",
    )
    service_product_id = fields.Many2one(related="service_price_id.product_id")
    price_agreed = fields.Monetary(
        string="Agreed Price",
        compute="_compute_price_agreed",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
    )
    price_confirmed = fields.Boolean(readonly=True, copy=False, tracking=True)
    date_price_confirmed = fields.Datetime(string="Price Confirmed On", readonly=True, copy=False)
    amount_total = fields.Monetary(
        string="Amount to Charge", compute="_compute_amounts", store=True
    )
    payment_mode = fields.Selection(
        [("notice", "On the Next Payment Notice"), ("on_spot", "Paid on the Spot")],
        default="notice",
        required=True,
        tracking=True,
    )
    charge_ids = fields.One2many("property.charge", "ticket_id", string="Charges")
    invoice_id = fields.Many2one("account.move", readonly=True, copy=False)
    is_declined = fields.Boolean(
        string="Declined",
        readonly=True,
        copy=False,
        index=True,
        help="A request the company cannot serve, counted as demand.",
    )
    decline_reason = fields.Text(readonly=True, copy=False)

    # follow-up
    followup_ids = fields.One2many(
        "property.ticket.followup", "ticket_id", string="Follow-up Visits", copy=False
    )
    followup_count = fields.Integer(string="Follow-ups", compute="_compute_followup_count")
    satisfaction = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        compute="_compute_satisfaction",
        store=True,
    )
    leak_test_date = fields.Date(
        help="Date of the leak test after a leak repair: the follow-up is due from it."
    )

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Request references are unique."),
        (
            "amounts_positive",
            "CHECK(price_agreed >= 0 AND damage_compensation >= 0 AND labour_hours >= 0)",
            "Prices, compensation and labour cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("unit_id", "facility_id")
    def _compute_estate_id(self):
        for ticket in self:
            estate = ticket.unit_id.estate_id or ticket.facility_id.estate_id
            if estate:
                ticket.estate_id = estate

    @api.depends("unit_id", "facility_id")
    def _compute_building_id(self):
        for ticket in self:
            building = ticket.unit_id.building_id or ticket.facility_id.building_id
            if building:
                ticket.building_id = building

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for ticket in self.filtered("unit_id"):
            partner = ticket.unit_id._ticket_requester()
            if partner:
                ticket.partner_id = partner

    @api.depends("partner_id")
    def _compute_contact(self):
        for ticket in self.filtered("partner_id"):
            ticket.contact_name = ticket.partner_id.name
            ticket.contact_phone = ticket.partner_id.phone or ticket.partner_id.mobile
            ticket.contact_email = ticket.partner_id.email

    @api.depends("facility_id", "category_id")
    def _compute_team_id(self):
        for ticket in self:
            team = ticket.facility_id.team_id or ticket.category_id._get_team(ticket.company_id)
            if team:
                ticket.team_id = team

    @api.depends("service_price_id")
    def _compute_price_agreed(self):
        for ticket in self.filtered("service_price_id"):
            ticket.price_agreed = ticket.service_price_id.price

    @api.depends("price_agreed", "material_ids.subtotal", "material_ids.chargeable", "ticket_type")
    def _compute_amounts(self):
        for ticket in self:
            ticket.material_amount = sum(ticket.material_ids.mapped("subtotal"))
            chargeable = sum(ticket.material_ids.filtered("chargeable").mapped("subtotal"))
            ticket.amount_total = (
                ticket.price_agreed + chargeable if ticket.ticket_type == "paid_service" else 0.0
            )

    def _compute_followup_count(self):
        counts = dict(
            self.env["property.ticket.followup"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.followup_count = counts.get(ticket, 0)

    @api.depends("followup_ids.state", "followup_ids.satisfaction")
    def _compute_satisfaction(self):
        for ticket in self:
            done = ticket.followup_ids.filtered(lambda f: f.state == "done" and f.satisfaction)
            ticket.satisfaction = done.sorted(lambda f: (f.date_done, f.id))[-1:].satisfaction

    def _compute_access_url(self):
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for ticket in self:
            ticket.display_name = (
                f"{ticket.name} {ticket.subject}" if ticket.subject else ticket.name
            )

    # ------------------------------------------------------------------ service levels

    @api.depends(*SLA_FIELDS)
    def _compute_sla(self):
        """The deadlines of the policies matching each request, each from the most
        specific policy setting it (the strictest among those as specific), planned for
        the whole batch at once."""
        policies = (
            self.env["property.ticket.sla"]
            .sudo()
            .search([("company_id", "in", [False, *self.company_id.ids])])
        )
        requests, targets = [], []
        for ticket in self:
            matched = policies.filtered(lambda policy, t=ticket: policy._matches(t))
            ticket.sla_ids = matched
            for policy in matched:
                calendar = policy._calendar_for(ticket.company_id)
                specificity = policy._specificity(ticket)
                for hours_field, deadline_field in SLA_TARGETS:
                    hours = policy[hours_field]
                    start = (
                        ticket.date_dispatched
                        if deadline_field == "deadline_reply"
                        else ticket.date_received
                    )
                    if hours and start:
                        requests.append((start, hours, calendar))
                        targets.append((ticket, deadline_field, policy, specificity))
                if ticket.date_received and (policy.escalate_hours or policy.escalate_same_day):
                    # "the same day": at once (0 hours)
                    hours = 0 if policy.escalate_same_day else policy.escalate_hours
                    requests.append((ticket.date_received, hours, calendar))
                    targets.append((ticket, "deadline_escalate", policy, specificity))
        deadlines = self.env["property.ticket.sla"]._plan_deadlines(requests)
        best = {}  # (ticket id, deadline field): (specificity, deadline, policy)
        for (ticket, field, policy, specificity), deadline in zip(targets, deadlines, strict=True):
            kept = best.get((ticket.id, field))
            if deadline and (
                not kept or specificity > kept[0] or (specificity == kept[0] and deadline < kept[1])
            ):
                best[ticket.id, field] = (specificity, deadline, policy)
        for ticket in self:
            for _hours, field in SLA_TARGETS:
                ticket[field] = best.get((ticket.id, field), (None, False))[1]
            escalate = best.get((ticket.id, "deadline_escalate"))
            ticket.deadline_escalate = escalate and escalate[1]
            ticket.sla_escalate_to = escalate and escalate[2].escalate_to

    def _sla_now(self):
        return _sla_clock.get() or fields.Datetime.now()

    @contextmanager
    def _sla_clock_at(self, now):
        """Within this block, the SLA computations and the steps recorded read `now`
        (the escalation cron's clock). The server's own setting, never a client's: a
        context key would let any client date its work."""
        token = _sla_clock.set(now)
        try:
            yield
        finally:
            _sla_clock.reset(token)

    def _sla_steps(self):
        """(deadline, when the step was done) of each target of the request."""
        self.ensure_one()
        return [
            # a technician on site has informed the requester, if the desk did not
            (self.deadline_reply, self.date_replied or self.date_on_site),
            (self.deadline_response, self.date_first_response),
            (self.deadline_onsite, self.date_on_site),
            (self.deadline_resolve, self.date_done),
        ]

    def _escalation_pending(self):
        self.ensure_one()
        levels = [level for level, _label in ESCALATION_LEVELS]
        return bool(
            self.deadline_escalate
            and self.sla_escalate_to
            and levels.index(self.escalation_level) < levels.index(self.sla_escalate_to)
        )

    @api.depends(
        "state",
        "deadline_reply",
        "deadline_response",
        "deadline_onsite",
        "deadline_resolve",
        "deadline_escalate",
        "date_replied",
        "date_first_response",
        "date_on_site",
        "date_done",
        "date_closed",
        "date_cancelled",
        "escalation_level",
        "sla_checked_on",
    )
    def _compute_sla_status(self):
        now = self._sla_now()
        for ticket in self:
            is_open = ticket.state in OPEN_STATES
            end = now if is_open else (ticket.date_cancelled or ticket.date_closed or now)
            steps = [(deadline, done) for deadline, done in ticket._sla_steps() if deadline]
            ticket.overdue = is_open and any(
                not done and deadline < now for deadline, done in steps
            )
            ticket.sla_failed = any(
                (done and done > deadline) or (not done and deadline < end)
                for deadline, done in steps
            )
            upcoming = [deadline for deadline, done in steps if not done]
            if ticket._escalation_pending():
                upcoming.append(ticket.deadline_escalate)
            if ticket.sla_checked_on:
                upcoming = [deadline for deadline in upcoming if deadline > ticket.sla_checked_on]
            ticket.sla_next_check = is_open and upcoming and min(upcoming)

    @api.model
    def _cron_check_sla(self, batch_size=500, now=None):
        """Escalate the open requests whose deadlines have passed since the last check:
        one level up (team leader, then the estate's project manager) per deadline
        missed, or to the level the policy asks for when its escalation time comes,
        with an activity for the person concerned. Works in batches of `batch_size`
        and tells the scheduler how many are left (it calls again at once)."""
        now = now or fields.Datetime.now()
        domain = [("state", "in", OPEN_STATES), ("sla_next_check", "<=", now)]
        tickets = self.search(domain, order="sla_next_check, id", limit=batch_size)
        with self._sla_clock_at(now):
            tickets._check_sla(now)
        self.env["ir.cron"]._notify_progress(
            done=len(tickets), remaining=self.search_count(domain) if tickets else 0
        )
        return tickets

    def _check_sla(self, now):
        levels = [level for level, _label in ESCALATION_LEVELS]
        to_escalate = defaultdict(lambda: self.browse())
        for ticket in self:
            since = ticket.sla_checked_on
            missed = [
                deadline
                for deadline, done in ticket._sla_steps()
                if deadline and not done and deadline <= now and (not since or deadline > since)
            ]
            current = levels.index(ticket.escalation_level)
            target = min(current + len(missed), len(levels) - 1)
            if ticket._escalation_pending() and ticket.deadline_escalate <= now:
                target = max(target, levels.index(ticket.sla_escalate_to))
            if target > current:
                to_escalate[levels[target]] |= ticket
        # one write for the batch: overdue and the next check follow from it, computed
        # here at the cron's clock
        self._write_workflow({"sla_checked_on": now})
        with self._sla_clock_at(now):
            self.flush_recordset(["overdue", "sla_failed", "sla_next_check"])
        for level, tickets in to_escalate.items():
            tickets._escalate(level)

    def _escalate_if_due(self):
        """Escalate at once the open requests whose policy's escalation is already due,
        as the cron would at its next run: a complaint classified major goes to the
        project manager when it is saved."""
        now = self._sla_now()
        due = self.filtered(
            lambda t: (
                t.state in OPEN_STATES and t._escalation_pending() and t.deadline_escalate <= now
            )
        )
        for level in set(due.mapped("sla_escalate_to")):
            due.filtered(lambda t, level=level: t.sla_escalate_to == level)._escalate(
                level, reason=self.env._("due under its service level")
            )

    def _escalation_user(self, level):
        self.ensure_one()
        if level == "lead":
            return self.team_id.leader_id
        return self.estate_id.manager_id

    def _escalate(self, level=None, reason=None):
        """Raise the requests to `level` (default: one level up; to the project manager
        when the team has no leader), record who and when, and give the person now
        responsible an activity, in their language; `reason`: why (default: a deadline
        was missed). Grouped writes, one batch of activities."""
        levels = [code for code, _label in ESCALATION_LEVELS]
        now = self._sla_now()
        groups = defaultdict(lambda: self.browse())
        activities = []
        activity_type = self.env.ref("property_ticket.mail_activity_ticket_escalation")
        model = self.env["ir.model"]._get_id(self._name)
        summaries = {}
        for ticket in self:
            target = level or levels[min(levels.index(ticket.escalation_level) + 1, 2)]
            user = ticket._escalation_user(target)
            if target == "lead" and not user:
                target = "manager"
                user = ticket._escalation_user(target)
            groups[(target, user)] |= ticket
            if not user:
                continue
            if (target, user.lang) not in summaries:
                env = self.with_context(lang=user.lang).env
                label = dict(self._fields["escalation_level"]._description_selection(env))
                summaries[target, user.lang] = env._(
                    "Escalated to you (%(level)s): %(reason)s",
                    level=label[target],
                    reason=reason or env._("Deadline missed"),
                )
            activities.append(
                {
                    "res_model_id": model,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self, now),
                    "summary": summaries[target, user.lang],
                }
            )
        for (target, user), tickets in groups.items():
            tickets._write_workflow(
                {
                    "escalation_level": target,
                    "escalated_to_id": user.id,
                    "escalated_by_id": self.env.uid,
                    "date_escalated": now,
                }
            )
        # The escalation shows in the person's activities; no e-mail per activity, so
        # that the cron's batches stay a few queries whatever their size.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            activities
        )

    # ------------------------------------------------------------------ create / write

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._escalate_if_due()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        if any(name in vals for name in SLA_FIELDS):
            self._escalate_if_due()
        return result

    def _expand_states(self, states, domain):
        """Kanban columns: every state, in the order of the flow."""
        return [state for state, _label in TICKET_STATES]

    @api.model
    def _company_of_vals(self, vals):
        # the estate is computed from the unit or the facility when not given
        if vals.get("estate_id"):
            return self.env["property.estate"].browse(vals["estate_id"]).company_id
        if vals.get("unit_id"):
            return self.env["property.unit"].browse(vals["unit_id"]).company_id
        if vals.get("facility_id"):
            return self.env["property.facility"].browse(vals["facility_id"]).company_id
        return self.env.company

    # ------------------------------------------------------------------ checks

    def _check_worker(self):
        """Work steps are for the request's technician, a member of its team when it
        has no technician yet, its team leader, or a team lead."""
        if self.env.su or self.env.user.has_group(LEAD):
            return
        user = self.env.user
        for ticket in self:
            team_users = ticket.team_id.member_ids | ticket.team_id.leader_id
            allowed = ticket.user_id == user or (
                not ticket.user_id and (user in team_users or not ticket.team_id)
            )
            if ticket.team_id.leader_id == user:
                allowed = True
            if not allowed:
                raise AccessError(
                    self.env._(
                        "Request %(name)s is assigned to %(technician)s: only they, or their "
                        "team leader, can do this.",
                        name=ticket.name,
                        technician=ticket.user_id.name or ticket.team_id.name,
                    )
                )

    # ------------------------------------------------------------------ workflow

    def action_dispatch(self):
        """Hand the request on to a team (and its technician): the reply deadline starts.
        A request nobody at the desk received yet (portal, e-mail) is received by whoever
        dispatches it (首问负责)."""
        self._require_group(DESK, self.env._("Only the service desk dispatches requests."))
        self._require_state("new", "dispatched")
        for ticket in self:
            if not ticket.team_id:
                raise UserError(
                    self.env._(
                        "Request %(name)s: choose the team to dispatch it to.", name=ticket.name
                    )
                )
            if ticket.ticket_type == "complaint" and not ticket.complaint_tier:
                raise UserError(
                    self.env._(
                        "Complaint %(name)s: set its tier (major, important, minor) first.",
                        name=ticket.name,
                    )
                )
        unreceived = self.filtered(lambda t: not t.receiver_id)
        now = self._sla_now()
        self.filtered(lambda t: t.state == "new")._write_workflow(
            {"state": "dispatched", "date_dispatched": now}
        )
        for ticket in self.filtered("user_id"):
            ticket.activity_unlink(["property_ticket.mail_activity_ticket_work"])
            if ticket.user_id != self.env.user:
                ticket.activity_schedule(
                    "property_ticket.mail_activity_ticket_work",
                    user_id=ticket.user_id.id,
                    date_deadline=fields.Date.context_today(self, ticket.deadline_onsite or now),
                    summary=ticket.subject,
                )
        if not self.env.user.share:
            unreceived._write_workflow({"receiver_id": self.env.uid})
        return True

    def action_reply(self):
        """The desk told the requester who comes and when (reply within 15 min)."""
        self._require_group(DESK, self.env._("Only the service desk replies to requesters."))
        self._require_state("dispatched", "in_progress")
        replied = self.filtered("date_replied")
        if replied:
            raise UserError(
                self.env._(
                    "Request %(name)s: the requester was already informed.", name=replied[0].name
                )
            )
        self._write_workflow({"date_replied": self._sla_now()})
        return True

    def action_take(self):
        """The technician takes the order over (接单): the first response."""
        self._require_state("dispatched")
        self._check_worker()
        taken = self.filtered("date_first_response")
        if taken:
            raise UserError(
                self.env._("Request %(name)s is already taken over.", name=taken[0].name)
            )
        now = self._sla_now()
        for ticket in self:
            ticket._write_workflow(
                {"date_first_response": now, "user_id": ticket.user_id.id or self.env.uid}
            )
        return True

    def action_confirm_price(self):
        """The customer agreed the price of the paid service, from the price list."""
        self._require_state("new", "dispatched", "in_progress")
        if not self.env.user.has_group(DESK):
            self._check_worker()
        for ticket in self:
            if ticket.ticket_type != "paid_service":
                raise UserError(
                    self.env._(
                        "Request %(name)s is not a paid service: there is no price to agree.",
                        name=ticket.name,
                    )
                )
            if not ticket.service_price_id or not ticket.price_agreed:
                raise UserError(
                    self.env._(
                        "Request %(name)s: choose the service from the price list and the "
                        "price first.",
                        name=ticket.name,
                    )
                )
        self._write_workflow({"price_confirmed": True, "date_price_confirmed": self._sla_now()})
        return True

    def action_start(self):
        """The technician is on site and starts the work."""
        self._require_state("dispatched")
        self._check_worker()
        unpriced = self.filtered(
            lambda t: t.ticket_type == "paid_service" and not t.price_confirmed
        )
        if unpriced:
            raise UserError(
                self.env._(
                    "Paid service %(name)s: agree the price with the customer before starting.",
                    name=unpriced[0].name,
                )
            )
        now = self._sla_now()
        for ticket in self:
            ticket._write_workflow(
                {
                    "state": "in_progress",
                    "date_on_site": now,
                    "date_first_response": ticket.date_first_response or now,
                    "user_id": ticket.user_id.id or self.env.uid,
                }
            )
        self.activity_feedback(["property_ticket.mail_activity_ticket_work"])
        return True

    def action_done(self):
        """The work is done: the customer tries it and accepts or refuses."""
        self._require_state("in_progress")
        self._check_worker()
        self._write_workflow({"state": "done", "date_done": self._sla_now()})
        return True

    def action_accept(self):
        """The customer accepts the work and signs the work order; paid services are
        charged and the follow-up visits planned."""
        self._require_group(DESK, self.env._("Only the service desk records the acceptance."))
        self._require_state("done")
        for ticket in self:
            if ticket.unit_id and ticket.ticket_type in ("repair", "paid_service"):
                if not ticket.signature:
                    raise UserError(
                        self.env._(
                            "Request %(name)s: the customer signs the work order to accept it.",
                            name=ticket.name,
                        )
                    )
        now = self._sla_now()
        for ticket in self:
            ticket._write_workflow(
                {"state": "accepted", "date_accepted": now, "signed_on": ticket.signed_on or now}
            )
        self._charge_paid_services()
        self._create_followups()
        # a move-in defect repaired and accepted is re-inspected
        self.handover_check_id.write({"repaired": True})
        return True

    def action_refuse(self, reason=None):
        """The customer is not satisfied: the work is redone (counted as rework). Refused
        again, the request goes up a level."""
        self._require_group(DESK, self.env._("Only the service desk records a refusal."))
        self._require_state("done")
        if not reason:
            return self._reason_wizard(
                "action_refuse",
                self.env._("Work Refused"),
                self.env._(
                    "The customer does not accept the work: it is redone and counted as rework."
                ),
            )
        for ticket in self:
            ticket._write_workflow(
                {
                    "state": "in_progress",
                    "date_done": False,
                    "rework_count": ticket.rework_count + 1,
                    "refuse_reason": reason,
                    "signature": False,
                    "signed_by": False,
                }
            )
            ticket.message_post(
                body=self.env._("Work refused by the customer: %(reason)s", reason=reason)
            )
        again = self.filtered(
            lambda t: (
                t.rework_count >= t.company_id.ticket_rework_escalation
                and t.escalation_level != "manager"
            )
        )
        again._escalate(reason=self.env._("Work refused again: %(reason)s", reason=reason))
        return True

    def action_close(self):
        """Close a request after its follow-up visit (or once accepted, when it needs none)."""
        self._require_group(DESK, self.env._("Only the service desk closes requests."))
        self._require_state("accepted", "followed_up")
        for ticket in self.filtered(lambda t: t.state == "accepted"):
            if ticket.followup_ids.filtered(lambda f: f.state == "todo"):
                raise UserError(
                    self.env._(
                        "Request %(name)s: make the follow-up visit before closing it.",
                        name=ticket.name,
                    )
                )
        self._write_workflow({"state": "closed", "date_closed": self._sla_now()})
        return True

    def action_cancel(self, reason=None):
        """Write the request off at the desk, with the reason; work already started is
        cancelled by a team lead."""
        self._require_group(DESK, self.env._("Only the service desk cancels requests."))
        self._require_state("new", "dispatched", "in_progress")
        if self.filtered(lambda t: t.state == "in_progress"):
            self._require_group(
                LEAD, self.env._("Work in progress is cancelled by a team lead or a manager.")
            )
        if not reason:
            return self._reason_wizard(
                "action_cancel",
                self.env._("Cancel Request"),
                self.env._("The request is written off at the desk with this reason."),
            )
        self._write_workflow(
            {
                "state": "cancelled",
                "cancel_reason": reason,
                "cancelled_by_id": self.env.uid,
                "date_cancelled": self._sla_now(),
            }
        )
        self.activity_unlink(
            [
                "property_ticket.mail_activity_ticket_work",
                "property_ticket.mail_activity_ticket_escalation",
            ]
        )
        return True

    def action_decline(self, reason=None):
        """A paid service the company cannot provide: declined with the reason given to
        the requester, and kept as demand."""
        self._require_group(DESK, self.env._("Only the service desk declines requests."))
        self._require_state("new", "dispatched")
        if self.filtered(lambda t: t.ticket_type != "paid_service"):
            raise UserError(self.env._("Only paid-service requests are declined."))
        if not reason:
            return self._reason_wizard(
                "action_decline",
                self.env._("Decline Paid Service"),
                self.env._(
                    "The company cannot provide this service: the requester is told why, and "
                    "the request is kept as demand."
                ),
            )
        self._write_workflow(
            {
                "state": "cancelled",
                "is_declined": True,
                "decline_reason": reason,
                "cancel_reason": reason,
                "cancelled_by_id": self.env.uid,
                "date_cancelled": self._sla_now(),
            }
        )
        return True

    def action_escalate(self):
        """Hand the request up: to the team leader, then to the project manager."""
        self._require_group(DESK, self.env._("Only the service desk escalates requests."))
        self._require_state(*OPEN_STATES)
        top = self.filtered(lambda t: t.escalation_level == "manager")
        if top:
            raise UserError(
                self.env._(
                    "Request %(name)s is already with the project manager.", name=top[0].name
                )
            )
        self._escalate(reason=self.env._("escalated by %(user)s", user=self.env.user.name))
        labels = dict(ESCALATION_LEVELS)
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "Escalated to %(user)s (%(level)s).",
                    user=ticket.escalated_to_id.name or "-",
                    level=labels[ticket.escalation_level],
                )
            )
        return True

    def _reopen(self, reason):
        """Back to work after a dissatisfied follow-up visit: counted as rework."""
        for ticket in self:
            ticket._write_workflow(
                {
                    "state": "in_progress",
                    "date_done": False,
                    "rework_count": ticket.rework_count + 1,
                    "refuse_reason": reason,
                }
            )
            ticket.message_post(
                body=self.env._("Reopened after the follow-up visit: %(reason)s", reason=reason)
            )

    def _plan_corrective_action(self, reason):
        """A corrective action after a dissatisfied follow-up visit, for the team leader
        (or the project manager)."""
        for ticket in self:
            user = ticket._escalation_user("lead") or ticket._escalation_user("manager")
            ticket.activity_schedule(
                "property_ticket.mail_activity_ticket_corrective",
                user_id=(user or self.env.user).id,
                summary=self.env._("Corrective action: %(reason)s", reason=reason),
            )

    # ------------------------------------------------------------------ paid services

    def _charge_lines(self):
        """(product, quantity, unit price, description) the customer pays for."""
        self.ensure_one()
        lines = [
            (
                self.service_product_id,
                1.0,
                self.price_agreed,
                self.service_product_id.name,
            )
        ]
        for material in self.material_ids.filtered("chargeable"):
            lines.append(
                (material.product_id, material.quantity, material.price_unit, material.name)
            )
        return lines

    def _charge_paid_services(self):
        """Pending charges for the unit's payer citing the work order, which the next
        billing run puts on the payment notice; paid on the spot, they are invoiced at
        once and the invoice waits for the payment to be registered (receipt)."""
        tickets = self.filtered(lambda t: t.ticket_type == "paid_service" and not t.charge_ids)
        values = []
        for ticket in tickets:
            payer = (
                ticket.partner_id
                if ticket.payment_mode == "on_spot" and ticket.partner_id
                else ticket.unit_id.payer_id
            )
            if not ticket.unit_id or not payer:
                raise UserError(
                    self.env._(
                        "Paid service %(name)s: the unit and its payer are needed to charge it.",
                        name=ticket.name,
                    )
                )
            for product, quantity, price, label in ticket._charge_lines():
                values.append(
                    {
                        "name": label,
                        "unit_id": ticket.unit_id.id,
                        "partner_id": payer.id,
                        "product_id": product.id,
                        "quantity": quantity,
                        "price_unit": price,
                        "date": fields.Date.context_today(self, ticket.date_accepted),
                        "origin": ticket.name,
                        "ticket_id": ticket.id,
                    }
                )
        charges = self.env["property.charge"]._create_for_document(values)
        for ticket in tickets.filtered(lambda t: t.payment_mode == "on_spot"):
            ticket._invoice_on_spot(charges.filtered(lambda c, t=ticket: c.ticket_id == t))

    def _invoice_on_spot(self, charges):
        """The paid service invoiced at once, for payment on the spot (the desk needs no
        accounting rights: the cashier registers the payment and prints the receipt)."""
        self.ensure_one()
        invoice = charges._invoice_now(origin=self.name)
        self._write_workflow({"invoice_id": invoice.id})
        return invoice

    # ------------------------------------------------------------------ follow-up

    def _create_followups(self):
        """Follow-up visits (回访) of the accepted requests that need one, due after the
        company's days for their kind (leaks: after the leak test)."""
        values = []
        for ticket in self.filtered(lambda t: t.ticket_type in FOLLOWUP_TYPES):
            if ticket.followup_ids.filtered(lambda f: f.state == "todo"):
                continue
            kind = ticket.category_id._get_followup_kind() if ticket.category_id else "other"
            company = ticket.company_id
            accepted = fields.Date.context_today(self, ticket.date_accepted)
            if kind == "leak":
                start, days = ticket.leak_test_date or accepted, company.ticket_followup_leak_days
            elif kind == "safety":
                start, days = accepted, company.ticket_followup_safety_days
            else:
                start, days = accepted, company.ticket_followup_other_days
            values.append(
                {
                    "ticket_id": ticket.id,
                    "kind": kind,
                    "date_due": start + timedelta(days=days),
                    "user_id": ticket._followup_user().id,
                }
            )
        return self.env["property.ticket.followup"].create(values)

    def _followup_user(self):
        """Who makes the follow-up visit: the desk clerk who received the request, else
        whoever accepted the work; accepted on the portal, the visit is not the
        customer's: whoever received the request, else the estate's project manager."""
        self.ensure_one()
        receiver = self.receiver_id
        if receiver and receiver.has_group(DESK):
            return receiver
        if not self.env.user.share:
            return self.env.user
        if receiver and not receiver.share:
            return receiver
        return self.estate_id.manager_id

    def action_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_ticket.action_property_ticket_followup"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    # ------------------------------------------------------------------ e-mail intake

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A request e-mailed to an estate's alias: the estate comes from the alias, the
        requester from the sender, the unit from the sender's occupancy in the estate."""
        values = dict(custom_values or {})
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        values.setdefault("subject", msg_dict.get("subject") or self.env._("(no subject)"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        values.setdefault("ticket_type", "repair")
        if author:
            values.setdefault("partner_id", author.id)
            estate_id = values.get("estate_id")
            occupancy = self.env["property.occupancy"].search(
                [
                    ("partner_id", "=", author.id),
                    ("state", "=", "current"),
                    *([("estate_id", "=", estate_id)] if estate_id else []),
                ],
                limit=1,
            )
            if occupancy:
                values.setdefault("unit_id", occupancy.unit_id.id)
                values.setdefault("estate_id", occupancy.estate_id.id)
        else:
            values.setdefault("contact_email", msg_dict.get("email_from"))
        values["receiver_id"] = False
        values["name"] = "/"  # the reference from the sequence, not the subject
        return super().message_new(msg_dict, custom_values=values)
