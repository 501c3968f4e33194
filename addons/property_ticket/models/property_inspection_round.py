from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

ROUND_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("missed", "Missed"),
]
RESULTS = [("ok", "OK"), ("failed", "Failed"), ("na", "Not Applicable")]
TECHNICIAN = "property_ticket.group_ticket_technician"


class PropertyInspectionRound(models.Model):
    """An inspection round (巡查记录) of a plan on one date: its checklist copied from the
    plan, a result per line. Completing it raises a public-area request for each failed
    line; a round not done by the end of its day is missed."""

    _name = "property.inspection.round"
    _description = "Inspection Round"
    _inherit = [
        "property.company.mixin",
        "property.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _company_from = "estate_id"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    template_id = fields.Many2one(
        "property.inspection.template",
        string="Inspection Plan",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    date = fields.Date(required=True, index=True, readonly=True, copy=False)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    building_id = fields.Many2one("property.building", check_company=True)
    facility_id = fields.Many2one("property.facility", check_company=True)
    location = fields.Char()
    team_id = fields.Many2one("property.team", check_company=True, index="btree_not_null")
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        check_company=True,
        tracking=True,
        index="btree_not_null",
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        ROUND_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_start = fields.Datetime(string="Started", readonly=True, copy=False)
    date_done = fields.Datetime(string="Completed", readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", string="Completed By", readonly=True, copy=False)
    line_ids = fields.One2many("property.inspection.round.line", "round_id", string="Checklist")
    line_count = fields.Integer(string="Checks", compute="_compute_progress")
    checked_count = fields.Integer(string="Checked", compute="_compute_progress")
    failed_count = fields.Integer(string="Failed", compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    ticket_ids = fields.Many2many(
        "property.ticket", string="Requests Raised", compute="_compute_ticket_ids"
    )
    ticket_count = fields.Integer(string="Requests", compute="_compute_ticket_ids")

    _sql_constraints = [
        (
            "template_date_uniq",
            "unique(template_id, date)",
            "An inspection plan has one round per date.",
        ),
    ]

    @api.depends("template_id.name", "date")
    def _compute_name(self):
        for round_ in self:
            round_.name = f"{round_.template_id.name or ''} {round_.date or ''}".strip()

    @api.depends("line_ids.result")
    def _compute_progress(self):
        for round_ in self:
            lines = round_.line_ids
            round_.line_count = len(lines)
            round_.checked_count = len(lines.filtered("result"))
            round_.failed_count = len(lines.filtered(lambda line: line.result == "failed"))
            round_.progress = 100.0 * round_.checked_count / len(lines) if lines else 0.0

    @api.depends("line_ids.ticket_id")
    def _compute_ticket_ids(self):
        for round_ in self:
            round_.ticket_ids = round_.line_ids.ticket_id
            round_.ticket_count = len(round_.ticket_ids)

    # ------------------------------------------------------------------ workflow

    def action_start(self):
        self._require_state("planned")
        now = fields.Datetime.now()
        for round_ in self:
            round_._write_workflow(
                {
                    "state": "in_progress",
                    "date_start": now,
                    "user_id": round_.user_id.id or self.env.uid,
                }
            )
        return True

    def action_done(self):
        """Complete the rounds: every line needs its result; each failed line raises a
        public-area request (once)."""
        self._require_state("planned", "in_progress")
        for round_ in self:
            unchecked = round_.line_ids.filtered(lambda line: not line.result)
            if unchecked:
                raise UserError(
                    self.env._(
                        "Round %(name)s: record a result for every check (%(checks)s).",
                        name=round_.name,
                        checks=", ".join(unchecked.mapped("name")),
                    )
                )
        self.line_ids.filtered(
            lambda line: line.result == "failed" and not line.ticket_id
        )._raise_tickets()
        now = fields.Datetime.now()
        for round_ in self:
            round_._write_workflow(
                {
                    "state": "done",
                    "date_start": round_.date_start or now,
                    "date_done": now,
                    "done_by_id": self.env.uid,
                }
            )
        return True

    @api.model
    def _mark_missed(self):
        """Rounds of past days (in their company's time zone) not done are missed."""
        candidates = self.search(
            [
                ("state", "in", ("planned", "in_progress")),
                # no time zone is more than a day ahead of UTC
                ("date", "<=", fields.Date.today()),
            ]
        )
        todays = {company: company._property_today() for company in candidates.company_id}
        missed = candidates.filtered(lambda r: r.date < todays[r.company_id])
        missed._write_workflow({"state": "missed"})
        return missed

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_ticket.action_property_ticket"
        )
        action["domain"] = [("id", "in", self.ticket_ids.ids)]
        action["context"] = {}
        return action


class PropertyInspectionRoundLine(models.Model):
    """One check of a round: OK, failed (a request is raised when the round is
    completed) or not applicable, with a note and a photo."""

    _name = "property.inspection.round.line"
    _description = "Inspection Check"
    _inherit = ["property.company.mixin"]
    _company_from = "round_id"
    _order = "round_id, sequence, id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "property.inspection.round",
        required=True,
        index=True,
        ondelete="cascade",
    )
    round_state = fields.Selection(related="round_id.state", string="Round State")
    item_id = fields.Many2one("property.inspection.template.item", string="Checklist Item")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    category_id = fields.Many2one(
        "property.ticket.category", string="Request Category", check_company=True
    )
    instructions = fields.Text(readonly=True)
    result = fields.Selection(RESULTS)
    note = fields.Text()
    photo = fields.Image(max_width=1920, max_height=1920)
    ticket_id = fields.Many2one(
        "property.ticket",
        string="Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )

    def _set_result(self, result):
        rounds = self.round_id
        rounds._require_state("planned", "in_progress")
        self.write({"result": result})
        rounds.filtered(lambda r: r.state == "planned").action_start()
        return True

    def action_ok(self):
        return self._set_result("ok")

    def action_failed(self):
        return self._set_result("failed")

    def action_na(self):
        return self._set_result("na")

    def _raise_tickets(self):
        """A public-area request per failed line, found on patrol, linked from the line."""
        vals_list = []
        for line in self:
            round_ = line.round_id
            description = Markup("<p>%s</p>") % self.env._(
                "Found on inspection round %(round)s, check “%(check)s”.",
                round=round_.name,
                check=line.name,
            )
            if line.note:
                description += Markup("<p>%s</p>") % escape(line.note)
            vals = {
                "subject": self.env._(
                    "%(check)s (inspection %(round)s)", check=line.name, round=round_.name
                ),
                "ticket_type": "public_area",
                "category_id": line.category_id.id,
                "estate_id": round_.estate_id.id,
                "building_id": round_.building_id.id,
                "facility_id": round_.facility_id.id,
                "location": round_.location,
                "channel": "patrol",
                "description": description,
            }
            vals_list.append(vals)
        tickets = self.env["property.ticket"].create(vals_list)
        for line, ticket in zip(self, tickets, strict=True):
            line.ticket_id = ticket
            if line.photo:
                photo = self.env["ir.attachment"].create(
                    {
                        "name": f"{line.name}.png",
                        "datas": line.photo,
                        "res_model": "property.ticket",
                        "res_id": ticket.id,
                    }
                )
                ticket.photo_ids = [fields.Command.link(photo.id)]
            ticket.message_post_with_source(
                "mail.message_origin_link",
                render_values={"self": ticket, "origin": line.round_id},
                subtype_xmlid="mail.mt_note",
            )
        return tickets
