from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_owners_meeting import CHOICES


class PropertyOwnersMeetingBallot(models.Model):
    """A voter's ballot (表决票), cast on the portal or entered by staff from paper: one
    per voter (the database refuses a second), and never changed once cast."""

    _name = "property.owners.meeting.ballot"
    _description = "Ballot of an Owners' Meeting"
    _order = "date desc, id desc"
    _rec_name = "voter_id"

    meeting_id = fields.Many2one(
        "property.owners.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    voter_id = fields.Many2one(
        "property.owners.meeting.voter", required=True, index=True, ondelete="cascade"
    )
    area = fields.Float(
        string="Exclusive Area (m²)",
        related="voter_id.area",
        store=True,
        digits=(12, 2),
    )
    channel = fields.Selection(
        [("portal", "Online"), ("paper", "Paper Ballot")], required=True, default="portal"
    )
    date = fields.Datetime(string="Cast On", required=True, default=fields.Datetime.now)
    cast_by_id = fields.Many2one(
        "res.partner", string="Cast by", required=True, help="The voter, or their proxy."
    )
    entered_by_id = fields.Many2one("res.users", string="Entered by")
    scan_ids = fields.Many2many("ir.attachment", string="Scan of the Paper Ballot")
    line_ids = fields.One2many("property.owners.meeting.ballot.line", "ballot_id", string="Choices")

    _sql_constraints = [
        ("one_per_voter", "UNIQUE(voter_id)", "A voter votes once."),
    ]

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("A ballot is never changed once cast."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("A ballot is never deleted once cast."))


class PropertyOwnersMeetingBallotLine(models.Model):
    _name = "property.owners.meeting.ballot.line"
    _description = "Choice on a Ballot"
    _order = "ballot_id, matter_id"

    ballot_id = fields.Many2one(
        "property.owners.meeting.ballot", required=True, index=True, ondelete="cascade"
    )
    meeting_id = fields.Many2one(related="ballot_id.meeting_id", store=True, index=True)
    company_id = fields.Many2one(related="ballot_id.company_id", store=True)
    matter_id = fields.Many2one(
        "property.owners.meeting.matter", required=True, index=True, ondelete="cascade"
    )
    choice = fields.Selection(CHOICES, required=True)
    area = fields.Float(related="ballot_id.area", store=True, digits=(12, 2))

    _sql_constraints = [
        ("one_choice_per_matter", "UNIQUE(ballot_id, matter_id)", "One choice per matter."),
    ]

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("A ballot is never changed once cast."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("A ballot is never deleted once cast."))
