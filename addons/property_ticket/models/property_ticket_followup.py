from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_ticket_category import FOLLOWUP_KINDS

SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
# at or above this, the customer is satisfied (the satisfied share of the visits)
SATISFIED = 4


class PropertyTicketFollowup(models.Model):
    """A follow-up visit (回访) of an accepted request, by phone or on site, due after
    the company's days for its kind (safety-facility repair, leak after the leak test,
    other). The customer's satisfaction (1-5) is recorded; dissatisfaction reopens the
    request (counted as rework) or raises a corrective action for the team leader."""

    _name = "property.ticket.followup"
    _description = "Follow-up Visit"
    _inherit = [
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.workflow.mixin",
    ]
    _company_from = "ticket_id"
    _order = "date_due, id"
    _check_company_auto = True
    _rec_names_search = ["ticket_id"]

    ticket_id = fields.Many2one(
        "property.ticket",
        string="Service Request",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="ticket_id.unit_id", store=True)
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Requester")
    contact_phone = fields.Char(related="ticket_id.contact_phone")
    ticket_type = fields.Selection(related="ticket_id.ticket_type", store=True)
    category_id = fields.Many2one(related="ticket_id.category_id", store=True)
    kind = fields.Selection(FOLLOWUP_KINDS, required=True, default="other")
    date_due = fields.Date(string="Due", required=True, index=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Visited By",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
    )
    method = fields.Selection(
        [("phone", "By Phone"), ("on_site", "On Site"), ("portal", "Rated on the Portal")],
        required=True,
        default="phone",
        tracking=True,
    )
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_done = fields.Datetime(string="Visited On", readonly=True, copy=False)
    satisfaction = fields.Selection(SATISFACTION, tracking=True)
    comment = fields.Text(string="Customer's Comment")
    result = fields.Text(help="What was found and said.")
    dissatisfied_action = fields.Selection(
        [("reopen", "Reopen the Request"), ("corrective", "Corrective Action")],
        string="If Dissatisfied",
        default="reopen",
        required=True,
        help="Reopen: the work is redone (counted as rework). Corrective action: an "
        "activity for the team leader, the request is followed up.",
    )

    @api.depends("ticket_id.name")
    def _compute_display_name(self):
        for followup in self:
            followup.display_name = followup.ticket_id and self.env._(
                "Follow-up %(request)s", request=followup.ticket_id.name
            )

    def action_done(self):
        """Record the visit: the customer's satisfaction decides what follows."""
        self._require_group(
            "property_ticket.group_ticket_desk",
            self.env._("Only the service desk records follow-up visits."),
        )
        for followup in self:
            if followup.state != "todo":
                raise UserError(
                    self.env._(
                        "The follow-up visit of %(ticket)s is already recorded or cancelled.",
                        ticket=followup.ticket_id.name,
                    )
                )
            if not followup.satisfaction:
                raise UserError(
                    self.env._(
                        "Follow-up of %(ticket)s: record the customer's satisfaction.",
                        ticket=followup.ticket_id.name,
                    )
                )
            if followup.ticket_id.state != "accepted":
                raise UserError(
                    self.env._(
                        "Request %(ticket)s is not awaiting its follow-up visit.",
                        ticket=followup.ticket_id.name,
                    )
                )
        self._write_workflow({"state": "done", "date_done": fields.Datetime.now()})
        dissatisfied = self.filtered(
            lambda f: int(f.satisfaction) <= f.company_id.ticket_dissatisfied_rating
        )
        for followup in dissatisfied:
            reason = followup.comment or followup.result or self.env._("customer dissatisfied")
            if followup.dissatisfied_action == "reopen":
                followup.ticket_id._reopen(reason)
            else:
                followup.ticket_id._plan_corrective_action(reason)
        tickets = (self - dissatisfied).ticket_id | dissatisfied.filtered(
            lambda f: f.dissatisfied_action == "corrective"
        ).ticket_id
        followed = tickets.filtered(
            lambda t: (
                t.state == "accepted" and not t.followup_ids.filtered(lambda f: f.state == "todo")
            )
        )
        followed._write_workflow(
            {"state": "followed_up", "date_followed_up": fields.Datetime.now()}
        )
        return True

    def action_cancel(self):
        self._require_group(
            "property_ticket.group_ticket_lead",
            self.env._("Only a team lead or a manager cancels a follow-up visit."),
        )
        if self.filtered(lambda f: f.state != "todo"):
            raise UserError(self.env._("Only a follow-up visit to do can be cancelled."))
        self._write_workflow({"state": "cancelled"})
        return True
