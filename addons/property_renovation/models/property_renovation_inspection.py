from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_renovation_rule import TEAM_KINDS

INSPECTION_STATES = [("draft", "Draft"), ("done", "Done")]
SEVERITIES = [("minor", "Minor"), ("serious", "Serious"), ("critical", "Critical")]
ENGINEERING = "property_renovation.group_renovation_engineering"


class PropertyRenovationInspection(models.Model):
    """A patrol inspection (装修巡查) of works in progress by the desk, security or
    engineering: its findings, each OK or a violation of a rule; a violation can stop
    the works, raise a request for the maintenance or security team and add a deduction
    from the deposit."""

    _name = "property.renovation.inspection"
    _description = "Renovation Patrol Inspection"
    _sequence_code = "property.renovation.inspection"
    _inherit = [
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.workflow.mixin",
    ]
    _company_from = "renovation_id"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    renovation_id = fields.Many2one(
        "property.renovation",
        string="Application",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('state', 'in', ('permit', 'in_progress', 'inspection'))]",
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="renovation_id.unit_id", store=True, index=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Inspector",
        default=lambda self: self.env.user,
        required=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        INSPECTION_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    line_ids = fields.One2many(
        "property.renovation.inspection.line", "inspection_id", string="Findings"
    )
    violation_count = fields.Integer(string="Violations", compute="_compute_violation_count")
    note = fields.Text()
    color = fields.Integer(compute="_compute_violation_count")

    @api.depends("line_ids.result")
    def _compute_violation_count(self):
        for inspection in self:
            inspection.violation_count = len(
                inspection.line_ids.filtered(lambda line: line.result == "violation")
            )
            inspection.color = 1 if inspection.violation_count else 10

    def action_done(self):
        for inspection in self:
            if inspection.state != "draft":
                raise UserError(
                    self.env._("Inspection %(name)s is already done.", name=inspection.name)
                )
            if not inspection.line_ids:
                raise UserError(
                    self.env._(
                        "Inspection %(name)s: record at least one finding (OK or a violation).",
                        name=inspection.name,
                    )
                )
        self._write_workflow({"state": "done"})
        return True


class PropertyRenovationInspectionLine(models.Model):
    """A finding of a patrol: OK, or a violation of a rule with its severity, and what
    was done about it (works stopped, request raised, deduction added)."""

    _name = "property.renovation.inspection.line"
    _description = "Renovation Patrol Finding"
    _inherit = ["property.company.mixin"]
    _company_from = "inspection_id"
    _order = "inspection_id, sequence, id"
    _check_company_auto = True

    inspection_id = fields.Many2one(
        "property.renovation.inspection", required=True, index=True, ondelete="cascade"
    )
    renovation_id = fields.Many2one(related="inspection_id.renovation_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer(default=10)
    result = fields.Selection(
        [("ok", "OK"), ("violation", "Violation")], required=True, default="violation"
    )
    rule_id = fields.Many2one(
        "property.renovation.rule", string="Rule Broken", check_company=True, ondelete="restrict"
    )
    description = fields.Text(required=True)
    photo = fields.Image(max_width=1920, max_height=1920)
    severity = fields.Selection(SEVERITIES, default="minor")
    team_kind = fields.Selection(
        TEAM_KINDS,
        string="Team",
        compute="_compute_team_kind",
        store=True,
        readonly=False,
        help="The team the request raised for the violation goes to.",
    )
    ticket_id = fields.Many2one(
        "property.ticket",
        string="Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    stopped_works = fields.Boolean(readonly=True, copy=False)
    deduction_amount = fields.Monetary(string="Deduction", currency_field="currency_id")
    deduction_added = fields.Boolean(readonly=True, copy=False)

    @api.depends("rule_id")
    def _compute_team_kind(self):
        for line in self:
            line.team_kind = line.rule_id.team_kind or line.team_kind or "maintenance"

    def _check_violations(self):
        for line in self:
            if line.result != "violation":
                raise UserError(
                    self.env._("Finding “%(finding)s” is no violation.", finding=line.description)
                )

    def action_stop_works(self):
        """Stop the works for this violation (resuming them needs engineering)."""
        self._check_violations()
        for line in self:
            line.renovation_id._stop_works(
                self.env._(
                    "Patrol %(inspection)s: %(finding)s",
                    inspection=line.inspection_id.name,
                    finding=line.description,
                )
            )
        self.write({"stopped_works": True})
        return True

    def action_raise_ticket(self):
        """A request per violation for the estate's maintenance or security team."""
        self._check_violations()
        lines = self.filtered(lambda line: not line.ticket_id)
        vals_list = []
        for line in lines:
            renovation = line.renovation_id
            estate = renovation.estate_id
            team = (
                estate.renovation_security_team_id
                if line.team_kind == "security"
                else estate.renovation_maintenance_team_id
            )
            if not team:
                raise UserError(
                    self.env._(
                        "Estate %(estate)s has no %(team)s team for renovations; set it on "
                        "the estate's Renovation tab.",
                        estate=estate.name,
                        team=dict(self._fields["team_kind"]._description_selection(self.env))[
                            line.team_kind
                        ],
                    )
                )
            description = Markup("<p>%s</p>") % self.env._(
                "Found on renovation patrol %(inspection)s of %(unit)s (%(renovation)s).",
                inspection=line.inspection_id.name,
                unit=renovation.unit_id.display_name,
                renovation=renovation.name,
            )
            if line.rule_id:
                description += Markup("<p>%s</p>") % self.env._(
                    "Rule broken: %(rule)s", rule=line.rule_id.name
                )
            description += Markup("<p>%s</p>") % escape(line.description)
            vals_list.append(
                {
                    "subject": self.env._(
                        "Renovation violation at %(unit)s: %(rule)s",
                        unit=renovation.unit_id.display_name,
                        rule=line.rule_id.name or line.description,
                    ),
                    "ticket_type": "public_area",
                    "priority": "1" if line.severity in ("serious", "critical") else "0",
                    "estate_id": estate.id,
                    "building_id": renovation.building_id.id,
                    "location": renovation.unit_id.display_name,
                    "channel": "patrol",
                    "team_id": team.id,
                    "description": description,
                }
            )
        # security guards on patrol raise requests without the request groups, as staff
        # raise public-area problems directly (DOMAIN §4); the line's access was checked
        self.check_access("write")
        tickets = (
            self.env["property.ticket"]
            .sudo()
            .create([{**vals, "receiver_id": self.env.uid} for vals in vals_list])
            .sudo(False)
        )
        for line, ticket in zip(lines, tickets, strict=True):
            line.ticket_id = ticket
            if line.photo:
                photo = (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        {
                            "name": f"{line.inspection_id.name}.png",
                            "datas": line.photo,
                            "res_model": "property.ticket",
                            "res_id": ticket.id,
                        }
                    )
                )
                ticket.sudo().photo_ids = [fields.Command.link(photo.id)]
            ticket.sudo().message_post_with_source(
                "mail.message_origin_link",
                render_values={"self": ticket, "origin": line.inspection_id},
                subtype_xmlid="mail.mt_note",
            )
        return tickets

    def action_add_deduction(self):
        """A violation deduction from the deposit, once per finding (engineering)."""
        self._check_violations()
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department records deductions.")
        )
        for line in self.filtered(lambda line: not line.deduction_added):
            if line.deduction_amount <= 0:
                raise UserError(
                    self.env._(
                        "Finding “%(finding)s”: enter the amount to deduct.",
                        finding=line.description,
                    )
                )
            self.env["property.renovation.deduction"].create(
                {
                    "renovation_id": line.renovation_id.id,
                    "deduction_type": "violation",
                    "name": self.env._(
                        "Patrol %(inspection)s: %(finding)s",
                        inspection=line.inspection_id.name,
                        finding=line.description,
                    ),
                    "amount": line.deduction_amount,
                }
            )
            line.deduction_added = True
        return True
