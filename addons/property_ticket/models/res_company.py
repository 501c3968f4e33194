from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, follow-up visits: safety-facility repairs within 2 days, leak repairs
    # within 3 days after the leak test, other repairs within 2 days.
    ticket_followup_safety_days = fields.Integer(
        string="Follow-up of Safety-facility Repairs (days)", default=2
    )
    ticket_followup_leak_days = fields.Integer(
        string="Follow-up of Leak Repairs (days after the leak test)", default=3
    )
    ticket_followup_other_days = fields.Integer(
        string="Follow-up of Other Requests (days)", default=2
    )

    # DOMAIN.md, follow-up visits: on-site visits >= 5 % a month, last month's visits
    # done by the 10th, managers spot-check >= 3 visits a month.
    ticket_followup_onsite_target = fields.Float(
        string="On-site Follow-ups Target (%)", default=5.0
    )
    ticket_followup_complete_day = fields.Integer(
        string="Last Month's Follow-ups Done By (day of the month)", default=10
    )
    ticket_spot_check_target = fields.Integer(
        string="Manager Spot-checks Target (per month)", default=3
    )

    # DOMAIN.md, acceptance: "if not satisfied -> rework until satisfied; still
    # unsatisfied -> escalate to the service-centre manager"; follow-up visits:
    # "dissatisfaction found -> corrective action".
    ticket_rework_escalation = fields.Integer(
        string="Refusals Before Escalation",
        default=2,
        help="A request whose work the customer refused this many times goes up a level.",
    )
    ticket_dissatisfied_rating = fields.Integer(
        string="Dissatisfied At or Below",
        default=2,
        help="A rating (1-5) at or below this at the follow-up visit is dissatisfaction: "
        "the request is reopened or a corrective action planned, and it counts as "
        "dissatisfied in the statistics.",
    )

    _property_bounds = {"ticket_rework_escalation": (1, 99), "ticket_dissatisfied_rating": (1, 4)}

    def _property_tz(self):
        """The working calendar's time zone first: that of the requests' deadlines."""
        return self.resource_calendar_id.tz or super()._property_tz()
