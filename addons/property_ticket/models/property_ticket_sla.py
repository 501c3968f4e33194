from bisect import bisect_right
from collections import defaultdict
from datetime import timedelta

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TICKET_TYPES = [
    ("repair", "Repair"),
    ("complaint", "Complaint"),
    ("inquiry", "Inquiry"),
    ("paid_service", "Paid Service"),
    ("suggestion", "Suggestion"),
    ("public_area", "Public-area Issue"),
]
PRIORITIES = [
    ("0", "Normal"),
    ("1", "Urgent"),
    ("2", "Emergency"),
]
COMPLAINT_TIERS = [
    ("major", "Major"),
    ("important", "Important"),
    ("minor", "Minor"),
]
ESCALATION_LEVELS = [
    ("none", "Not Escalated"),
    ("lead", "Team Leader"),
    ("manager", "Estate Manager"),
]
# the targets of a policy: (field of the policy, deadline field of the ticket)
SLA_TARGETS = [
    ("reply_hours", "deadline_reply"),
    ("response_hours", "deadline_response"),
    ("onsite_hours", "deadline_onsite"),
    ("resolve_hours", "deadline_resolve"),
]
# what a policy can match a request on
SLA_CRITERIA = ("ticket_type", "category_ids", "priority", "complaint_tier")
# how far ahead working intervals are read at first; widened when a target needs more
_FIRST_SPAN = timedelta(days=21)
_MAX_SPAN = timedelta(days=3 * 366)


def _naive_utc(value):
    return value.astimezone(utc).replace(tzinfo=None)


class PropertyTicketSla(models.Model):
    """A service-level rule (DOMAIN §4 and §5): for the requests it matches (by type,
    category and its sub-categories, priority, complaint tier), how soon the requester
    is replied to after dispatch, the first response, the arrival on site and the
    resolution are due, and when and to whom the request is escalated. A target of 0
    is no target. When several policies match a request, each target comes from the
    most specific policy that sets it (see `_specificity`): a major complaint's own
    answer within 2 days, not the 24 h of every request; a policy without a target of
    a kind leaves it to the others. Among policies as specific, the strictest target
    applies. Time counts in calendar hours, or in the working hours of the company's
    working-time calendar (public holidays excluded)."""

    _name = "property.ticket.sla"
    _description = "Service Level Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for a policy of every company."
    )
    description = fields.Text(translate=True)

    # which requests
    ticket_type = fields.Selection(TICKET_TYPES, string="Request Type")
    category_ids = fields.Many2many(
        "property.ticket.category",
        check_company=True,
        help="The policy applies to these categories and their sub-categories; "
        "empty: to every category.",
    )
    priority = fields.Selection(PRIORITIES)
    complaint_tier = fields.Selection(COMPLAINT_TIERS)

    # how time counts
    time_basis = fields.Selection(
        [("calendar", "Calendar Hours"), ("working", "Working Hours")],
        required=True,
        default="calendar",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Time",
        check_company=True,
        help="For working hours; empty: the working time of the request's company.",
    )

    # targets, in hours (0: none)
    reply_hours = fields.Float(
        string="Reply to Requester",
        help="Hours from dispatch until the requester is told who comes and when.",
    )
    response_hours = fields.Float(
        string="First Response",
        help="Hours from receipt until a technician (or the handler of a complaint) "
        "takes the request over.",
    )
    onsite_hours = fields.Float(
        string="On Site", help="Hours from receipt until the technician arrives."
    )
    resolve_hours = fields.Float(
        string="Resolution", help="Hours from receipt until the work is done."
    )
    escalate_hours = fields.Float(
        string="Escalate After", help="Hours from receipt until the request is escalated."
    )
    escalate_same_day = fields.Boolean(
        string="Escalate the Same Day",
        help="Escalate at once, as soon as the request falls under the policy (a complaint "
        "classified major): it reaches the person the same day. In working hours, when "
        "work starts again if it comes after hours.",
    )
    escalate_to = fields.Selection(
        ESCALATION_LEVELS[1:],
        default="lead",
        help="Who the request is escalated to: the leader of its team or the estate's "
        "project manager.",
    )

    _sql_constraints = [
        (
            "targets_positive",
            "CHECK(reply_hours >= 0 AND response_hours >= 0 AND onsite_hours >= 0 "
            "AND resolve_hours >= 0 AND escalate_hours >= 0)",
            "SLA targets cannot be negative.",
        ),
    ]

    @api.constrains("time_basis", "calendar_id", "company_id")
    def _check_calendar(self):
        for policy in self:
            if policy.calendar_id and policy.time_basis != "working":
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s counts calendar hours: a working time is only "
                        "used with working hours.",
                        policy=policy.name,
                    )
                )

    # ------------------------------------------------------------------ matching

    def _matches(self, ticket):
        self.ensure_one()
        if self.company_id and self.company_id != ticket.company_id:
            return False
        if self.ticket_type and self.ticket_type != ticket.ticket_type:
            return False
        if self.priority and self.priority != ticket.priority:
            return False
        if self.complaint_tier and self.complaint_tier != ticket.complaint_tier:
            return False
        if self.category_ids:
            path = ticket.category_id.parent_path
            if not path or not any(
                path.startswith(category.parent_path) for category in self.category_ids
            ):
                return False
        return True

    def _specificity(self, ticket):
        """How closely the policy (matching `ticket`) fits it, to compare with the other
        policies matching it: the more criteria it sets, the more specific; then the
        deeper its category in the tree; then a company's own over a shared one."""
        self.ensure_one()
        criteria = sum(bool(self[name]) for name in SLA_CRITERIA)
        path = ticket.category_id.parent_path or ""
        depth = max(
            (
                category.parent_path.count("/")
                for category in self.category_ids
                if path.startswith(category.parent_path)
            ),
            default=0,
        )
        return (criteria, depth, bool(self.company_id))

    def _calendar_for(self, company):
        """The working-time calendar of this policy for a request of `company`, or
        False when it counts calendar hours."""
        self.ensure_one()
        if self.time_basis != "working":
            return False
        return self.calendar_id or company.resource_calendar_id

    # ------------------------------------------------------------------ planning

    @api.model
    def _plan_deadlines(self, requests):
        """Deadlines of a batch of requests, each `(start, hours, calendar)` (start
        naive UTC, hours 0 for "at once", calendar False for calendar hours). The
        working intervals of each calendar are read once for the whole batch. Returns
        the list of deadlines (naive UTC), False where none can be planned (a calendar
        without working time)."""
        results = [False] * len(requests)
        by_calendar = defaultdict(list)
        for index, (start, hours, calendar) in enumerate(requests):
            if calendar:
                by_calendar[calendar].append(index)
            else:
                results[index] = start + timedelta(seconds=round(hours * 3600))
        for calendar, indexes in by_calendar.items():
            span = _FIRST_SPAN
            while indexes and span <= _MAX_SPAN:
                first = min(requests[i][0] for i in indexes)
                last = max(requests[i][0] for i in indexes) + span
                intervals = self._working_intervals(calendar, first, last)
                left = []
                for index in indexes:
                    start, hours, _calendar = requests[index]
                    deadline = self._add_working_hours(intervals, start, hours)
                    if deadline:
                        results[index] = deadline
                    else:
                        left.append(index)
                indexes = left
                span *= 4
        return results

    @api.model
    def _working_intervals(self, calendar, start, stop):
        """Working intervals of a calendar (leaves excluded) as sorted naive UTC pairs."""
        intervals = calendar._work_intervals_batch(utc.localize(start), utc.localize(stop))[False]
        return [(_naive_utc(begin), _naive_utc(end)) for begin, end, _meta in intervals]

    @api.model
    def _add_working_hours(self, intervals, start, hours):
        """`start` plus `hours` of working time (0: the next moment of working time), or
        None when the intervals run out."""
        remaining = round(hours * 3600)
        stops = [end for _begin, end in intervals]
        for begin, end in intervals[bisect_right(stops, start) :]:
            begin = max(begin, start)
            available = (end - begin).total_seconds()
            if remaining <= available:
                return begin + timedelta(seconds=remaining)
            remaining -= available
        return None
