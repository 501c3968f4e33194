from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_owners_meeting import MAJORITIES, QUORUM, reaches

# 民法典 §278: the matters the owners decide together. Raising the maintenance fund,
# rebuilding and changing the use of common parts (items 6 to 8) are weighty.
CATEGORIES = [
    ("rules_of_procedure", "Rules of Procedure of the Owners' Assembly"),
    ("covenant", "Management Covenant"),
    ("committee", "Electing or Changing the Owners' Committee"),
    ("property_company", "Hiring or Dismissing the Property Company"),
    ("fund_use", "Using the Maintenance Fund"),
    ("fund_raising", "Raising the Maintenance Fund"),
    ("rebuilding", "Rebuilding the Building or its Facilities"),
    ("common_use", "Changing the Use of Common Parts or Running a Business on Them"),
    ("other", "Other Major Matter"),
]
WEIGHTY_CATEGORIES = ("fund_raising", "rebuilding", "common_use")


class PropertyOwnersMeetingMatter(models.Model):
    """A matter put to the vote at an owners' meeting, with its result by area and by
    headcount (民法典 §278)."""

    _name = "property.owners.meeting.matter"
    _description = "Matter Put to the Vote"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "property.owners.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Matter", required=True)
    description = fields.Html(help="The proposal as the owners read it on their ballot.")
    category = fields.Selection(CATEGORIES, required=True, default="other")
    majority = fields.Selection(
        [
            ("ordinary", "More than half of the area and owners voting"),
            ("weighty", "Three quarters of the area and owners voting"),
        ],
        compute="_compute_majority",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Raising the maintenance fund, rebuilding and changing the use of common "
        "parts need three quarters; other matters more than half (民法典 §278).",
    )
    agree_count = fields.Integer(string="Agree (Owners)", compute="_compute_result")
    agree_area = fields.Float(string="Agree (m²)", compute="_compute_result")
    against_count = fields.Integer(string="Against (Owners)", compute="_compute_result")
    against_area = fields.Float(string="Against (m²)", compute="_compute_result")
    abstain_count = fields.Integer(string="Abstain (Owners)", compute="_compute_result")
    abstain_area = fields.Float(string="Abstain (m²)", compute="_compute_result")
    agree_count_rate = fields.Float(
        string="Agree of Owners Voting (%)", compute="_compute_result", digits=(5, 2)
    )
    agree_area_rate = fields.Float(
        string="Agree of Area Voting (%)", compute="_compute_result", digits=(5, 2)
    )
    result = fields.Selection(
        [
            ("pending", "Voting"),
            ("no_quorum", "Not Enough Owners Voted"),
            ("passed", "Passed"),
            ("rejected", "Rejected"),
        ],
        compute="_compute_result",
    )

    @api.depends("category")
    def _compute_majority(self):
        for matter in self:
            matter.majority = "weighty" if matter.category in WEIGHTY_CATEGORIES else "ordinary"

    @api.depends("meeting_id.state", "meeting_id.ballot_ids")
    def _compute_result(self):
        figures = self.meeting_id._vote_figures()
        for matter in self:
            meeting = figures.get(matter.meeting_id)
            choices = meeting["matters"].get(matter, {}) if meeting else {}
            for choice in ("agree", "against", "abstain"):
                count, area = choices.get(choice, (0, 0))
                matter[f"{choice}_count"] = count
                matter[f"{choice}_area"] = area / 100
            (voters, total), (voted, voted_area) = (
                meeting["voters"] if meeting else (0, 0),
                meeting["voted"] if meeting else (0, 0),
            )
            agree_count, agree_area = choices.get("agree", (0, 0))
            matter.agree_count_rate = 100.0 * agree_count / voted if voted else 0.0
            matter.agree_area_rate = 100.0 * agree_area / voted_area if voted_area else 0.0
            fraction, strictly = MAJORITIES[matter.majority or "ordinary"]
            if matter.meeting_id.state in ("draft", "open", "cancelled") or not matter.id:
                matter.result = "pending"
            elif not (
                voters and reaches(voted, voters, QUORUM) and reaches(voted_area, total, QUORUM)
            ):
                matter.result = "no_quorum"
            elif reaches(agree_count, voted, fraction, strictly) and reaches(
                agree_area, voted_area, fraction, strictly
            ):
                matter.result = "passed"
            else:
                matter.result = "rejected"

    @api.model_create_multi
    def create(self, vals_list):
        matters = super().create(vals_list)
        matters._check_meeting_in_draft()
        return matters

    def write(self, vals):
        self._check_meeting_in_draft()
        return super().write(vals)

    def unlink(self):
        self._check_meeting_in_draft()
        return super().unlink()

    def _check_meeting_in_draft(self):
        for meeting in self.meeting_id:
            if meeting.state != "draft" and not meeting._is_workflow_writing():
                raise UserError(
                    self.env._(
                        "The voting of meeting %(name)s has started: its matters can no "
                        "longer change.",
                        name=meeting.name,
                    )
                )
