from odoo import api, fields, models

from ..models.property_owners_meeting import CHOICES


class PropertyOwnersMeetingPaperBallot(models.TransientModel):
    """A paper ballot entered by staff: the voter, their choice on each matter and the
    scan of the signed ballot."""

    _name = "property.owners.meeting.paper.ballot"
    _description = "Paper Ballot Entry"

    meeting_id = fields.Many2one("property.owners.meeting", required=True, readonly=True)
    voter_id = fields.Many2one(
        "property.owners.meeting.voter",
        required=True,
        domain="[('meeting_id', '=', meeting_id), ('has_voted', '=', False)]",
    )
    area = fields.Float(related="voter_id.area", string="Exclusive Area (m²)")
    line_ids = fields.One2many(
        "property.owners.meeting.paper.ballot.line",
        "wizard_id",
        string="Choices",
        compute="_compute_line_ids",
        store=True,
        precompute=True,
        readonly=False,
    )
    scan_ids = fields.Many2many("ir.attachment", string="Scan of the Paper Ballot")

    @api.depends("meeting_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [fields.Command.clear()] + [
                fields.Command.create({"matter_id": matter.id})
                for matter in wizard.meeting_id.matter_ids
            ]

    def action_confirm(self):
        self.ensure_one()
        self.meeting_id._cast_ballot(
            self.voter_id,
            {line.matter_id.id: line.choice for line in self.line_ids},
            channel="paper",
            scans=self.scan_ids,
        )
        return {"type": "ir.actions.act_window_close"}


class PropertyOwnersMeetingPaperBallotLine(models.TransientModel):
    _name = "property.owners.meeting.paper.ballot.line"
    _description = "Choice on a Paper Ballot"

    wizard_id = fields.Many2one(
        "property.owners.meeting.paper.ballot", required=True, ondelete="cascade"
    )
    matter_id = fields.Many2one("property.owners.meeting.matter", required=True, readonly=True)
    choice = fields.Selection(CHOICES)
