from collections import defaultdict
from fractions import Fraction

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

COMMUNITY_USER = "property_community.group_community_user"
COMMUNITY_MANAGER = "property_community.group_community_manager"

# 民法典 §278: a matter is decided when owners holding at least two thirds of the
# exclusive area AND at least two thirds of the owners take part in the vote... The law
# sets these fractions, not the property company: they are not settings.
QUORUM = Fraction(2, 3)
# ... and is passed by the owners taking part: more than half of their area and of their
# number (ordinary matters), at least three quarters of both (weighty matters).
MAJORITIES = {"ordinary": (Fraction(1, 2), True), "weighty": (Fraction(3, 4), False)}
CHOICES = [("agree", "Agree"), ("against", "Against"), ("abstain", "Abstain")]


def reaches(part, whole, fraction, strictly=False):
    """Whether `part` reaches `fraction` of `whole`, in exact arithmetic (integers)."""
    if strictly:
        return part * fraction.denominator > whole * fraction.numerator
    return part * fraction.denominator >= whole * fraction.numerator


def cents(area):
    """An area in m², as an integer number of hundredths (exact sums and ratios)."""
    return round((area or 0.0) * 100)


class PropertyOwnersMeeting(models.Model):
    """An owners' general meeting (业主大会会议) of an estate, voting on its matters.

    Each owner has one vote with the exclusive area of all their units (co-owners of a
    unit choose one voter among them; the units nobody owns yet are the developer's, one
    voter). The vote is counted by area and by headcount (民法典 §278), live while it
    is open: see `_vote_figures`."""

    _name = "property.owners.meeting"
    _description = "Owners' General Meeting"
    _inherit = [
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "property.workflow.mixin",
    ]
    _company_from = "estate_id"
    _check_company_auto = True
    _order = "date_start desc, id desc"
    _workflow_locked = {
        "open": ("estate_id", "developer_id"),
        "closed": ("estate_id", "developer_id", "date_start", "date_end"),
        "published": ("estate_id", "developer_id", "date_start", "date_end", "minutes"),
        "cancelled": ("estate_id", "developer_id", "date_start", "date_end"),
    }

    name = fields.Char(required=True, tracking=True, help="E.g. 2026年第一次业主大会")
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Voting"),
            ("closed", "Counted"),
            ("published", "Published"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Datetime(
        string="Voting Opens", required=True, default=fields.Datetime.now, tracking=True
    )
    date_end = fields.Datetime(string="Voting Closes", required=True, tracking=True)
    developer_id = fields.Many2one(
        "res.partner",
        help="The developer (建设单位), who votes for the units nobody has bought yet.",
    )
    committee_id = fields.Many2one(
        "property.owners.committee",
        string="Convened by",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
        help="The owners' committee convening the meeting (none for the first meeting).",
    )
    matter_ids = fields.One2many(
        "property.owners.meeting.matter", "meeting_id", string="Matters", copy=True
    )
    voter_ids = fields.One2many("property.owners.meeting.voter", "meeting_id", string="Voters")
    ballot_ids = fields.One2many("property.owners.meeting.ballot", "meeting_id", string="Ballots")
    minutes = fields.Html(help="The minutes of the meeting, printed with its result.")
    announcement_id = fields.Many2one(
        "property.announcement", string="Result Announcement", readonly=True, copy=False
    )
    date_closed = fields.Datetime(string="Counted On", readonly=True, copy=False)

    voter_count = fields.Integer(string="Voters (Headcount)", compute="_compute_figures")
    total_area = fields.Float(string="Exclusive Area (m²)", compute="_compute_figures")
    voted_count = fields.Integer(string="Voted (Headcount)", compute="_compute_figures")
    voted_area = fields.Float(string="Voted Area (m²)", compute="_compute_figures")
    voted_count_rate = fields.Float(
        string="Turnout by Headcount (%)", compute="_compute_figures", digits=(5, 2)
    )
    voted_area_rate = fields.Float(
        string="Turnout by Area (%)", compute="_compute_figures", digits=(5, 2)
    )
    quorum_reached = fields.Boolean(
        compute="_compute_figures",
        help="At least two thirds of the exclusive area and of the owners have voted "
        "(民法典 §278).",
    )

    is_my_vote = fields.Boolean(
        string="My Meeting",
        compute="_compute_is_my_vote",
        search="_search_is_my_vote",
        help="The current user votes in the meeting: as an owner, the owners' chosen "
        "voter or a proxy (what the portal's record rule reads).",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end > date_start)",
            "The voting must close after it opens.",
        ),
    ]

    def _compute_access_url(self):
        for meeting in self:
            meeting.access_url = f"/my/meetings/{meeting.id}"

    # Odoo checks the record rules of records in memory with `filtered_domain`, in
    # Python: a rule through `voter_ids` would read every voter of the meeting. This
    # field answers for all the meetings at hand in one query.
    @api.depends_context("uid")
    def _compute_is_my_vote(self):
        mine = self.sudo().search([("id", "in", self.ids), ("is_my_vote", "=", True)])
        for meeting in self:
            meeting.is_my_vote = meeting in mine

    def _search_is_my_vote(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the meetings one votes in."))
        partner = self.env.user.partner_id.id
        # the chosen voter is one of the owners (a constraint of the voter)
        mine = ["|", ("voter_ids.owner_ids", "in", partner), ("voter_ids.proxy_id", "=", partner)]
        return mine if (operator == "=") == value else ["!", *mine]

    # ------------------------------------------------------------ the count

    def _vote_figures(self):
        """The count of each meeting, in one query per model whatever the number of
        voters: {meeting: {"voters": (headcount, area in cents), "voted": (...),
        "matters": {matter: {choice: (headcount, area in cents)}}}}. Aggregates of the
        ballots, read as superuser: an owner sees the count, not the others' ballots."""
        # records are dictionary keys by model and id, whatever their environment
        figures = {
            meeting: {"voters": (0, 0), "voted": (0, 0), "matters": defaultdict(dict)}
            for meeting in self
        }
        if not self.ids:
            return figures
        for model, key in (("voter", "voters"), ("ballot", "voted")):
            for meeting, count, area in (
                self.env[f"property.owners.meeting.{model}"]
                .sudo()
                ._read_group(
                    [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count", "area:sum"]
                )
            ):
                figures[meeting][key] = (count, cents(area))
        Line = self.env["property.owners.meeting.ballot.line"].sudo()
        for meeting, matter, choice, count, area in Line._read_group(
            [("meeting_id", "in", self.ids)],
            ["meeting_id", "matter_id", "choice"],
            ["__count", "area:sum"],
        ):
            figures[meeting]["matters"][matter][choice] = (count, cents(area))
        return figures

    @api.depends("voter_ids.area", "ballot_ids")
    def _compute_figures(self):
        figures = self._vote_figures()
        for meeting in self:
            (count, area), (voted_count, voted_area) = (
                figures[meeting]["voters"],
                figures[meeting]["voted"],
            )
            meeting.voter_count = count
            meeting.total_area = area / 100
            meeting.voted_count = voted_count
            meeting.voted_area = voted_area / 100
            meeting.voted_count_rate = 100.0 * voted_count / count if count else 0.0
            meeting.voted_area_rate = 100.0 * voted_area / area if area else 0.0
            meeting.quorum_reached = bool(count and area) and (
                reaches(voted_count, count, QUORUM) and reaches(voted_area, area, QUORUM)
            )

    # ------------------------------------------------------------ voters

    def _require_manager(self):
        self._require_group(
            COMMUNITY_MANAGER,
            self.env._("Only the community managers open, close and publish owners' meetings."),
        )

    def action_prepare_voters(self):
        """List the voters from the estate's current owners: one per owner, or per group
        of co-owners, with the area of all the units they own; the units nobody owns
        are the developer's."""
        self._require_group(
            COMMUNITY_USER, self.env._("Only the community staff prepare owners' meetings.")
        )
        self._require_state("draft")
        for meeting in self:
            units = self.env["property.unit"].search([("estate_id", "=", meeting.estate_id.id)])
            if not units:
                raise UserError(
                    self.env._("Estate %(estate)s has no units.", estate=meeting.estate_id.name)
                )
            without_area = units.filtered(lambda unit: unit.building_area <= 0)
            if without_area:
                raise UserError(
                    self.env._(
                        "The vote counts the owners' exclusive area: enter the building "
                        "area of units %(units)s first.",
                        units=", ".join(without_area[:10].mapped("code")),
                    )
                )
            owners = defaultdict(list)
            for occupancy in self.env["property.occupancy"].search(
                [("unit_id", "in", units.ids), ("role", "=", "owner"), ("state", "=", "current")],
                order="share desc, id",
            ):
                owners[occupancy.unit_id].append(occupancy.partner_id)
            groups = defaultdict(lambda: self.env["property.unit"])
            unsold = self.env["property.unit"]
            for unit in units:
                if owners[unit]:
                    partners = tuple(dict.fromkeys(owners[unit]))
                    groups[frozenset(p.id for p in partners), partners[0]] |= unit
                else:
                    unsold |= unit
            if unsold and not meeting.developer_id:
                raise UserError(
                    self.env._(
                        "Units %(units)s have no current owner: they count as the "
                        "developer's, who votes for them. Set the developer first.",
                        units=", ".join(unsold[:10].mapped("code")),
                    )
                )
            if unsold:
                groups[frozenset(meeting.developer_id.ids), meeting.developer_id] |= unsold
            # the list is the owners', as listed here: nobody else creates or changes
            # voters, their units or their areas
            meeting.voter_ids.sudo().unlink()
            self.env["property.owners.meeting.voter"].sudo().create(
                [
                    {
                        "meeting_id": meeting.id,
                        "partner_id": first.id,
                        "owner_ids": [fields.Command.set(list(partner_ids))],
                        "unit_ids": [fields.Command.set(group_units.ids)],
                        "area": sum(group_units.mapped("building_area")),
                    }
                    for (partner_ids, first), group_units in groups.items()
                ]
            )
            meeting.message_post(
                body=self.env._(
                    "Voters listed: %(count)s, with %(area)s m² of exclusive area.",
                    count=len(meeting.voter_ids),
                    area=round(sum(meeting.voter_ids.mapped("area")), 2),
                )
            )
        return True

    # ------------------------------------------------------------ workflow

    def action_open(self):
        self._require_manager()
        self._require_state("draft")
        for meeting in self:
            if not meeting.matter_ids:
                raise UserError(
                    self.env._("Meeting %(name)s has no matter to vote on.", name=meeting.name)
                )
            if not meeting.voter_ids:
                raise UserError(
                    self.env._(
                        "Meeting %(name)s has no voters: list them from the owners first.",
                        name=meeting.name,
                    )
                )
            if meeting.date_end <= fields.Datetime.now():
                raise UserError(
                    self.env._(
                        "The voting of meeting %(name)s would close in the past: set when "
                        "it closes.",
                        name=meeting.name,
                    )
                )
        self._write_workflow({"state": "open"})
        return True

    def action_close(self):
        self._require_manager()
        self._require_state("open")
        self._write_workflow({"state": "closed", "date_closed": fields.Datetime.now()})
        for meeting in self:
            meeting.message_post(body=meeting._result_summary())
        return True

    def action_publish(self):
        """Publish the result: the minutes and result as PDF, in an announcement to the
        estate's occupants."""
        self._require_manager()
        self._require_state("closed")
        report = self.env.ref("property_community.action_report_owners_meeting_result")
        for meeting in self:
            pdf, _type = report.sudo()._render_qweb_pdf(report.id, meeting.ids)
            announcement = self.env["property.announcement"].create(
                {
                    "name": self.env._("Result of %(meeting)s", meeting=meeting.name),
                    "body": meeting._result_html(),
                    "company_id": meeting.company_id.id,
                    "estate_ids": [fields.Command.set(meeting.estate_id.ids)],
                }
            )
            self.env["ir.attachment"].create(
                {
                    "name": self.env._("Result of %(meeting)s.pdf", meeting=meeting.name),
                    "raw": pdf,
                    "res_model": announcement._name,
                    "res_id": announcement.id,
                    "mimetype": "application/pdf",
                }
            )
            announcement.action_publish()
            meeting._write_workflow({"state": "published", "announcement_id": announcement.id})
        return True

    def action_cancel(self):
        self._require_manager()
        self._require_state("draft", "open")
        self._write_workflow({"state": "cancelled"})
        return True

    def action_enter_paper_ballot(self):
        self.ensure_one()
        self._require_state("open")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Paper Ballot"),
            "res_model": "property.owners.meeting.paper.ballot",
            "view_mode": "form",
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }

    def action_view_ballots(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ballots"),
            "res_model": "property.owners.meeting.ballot",
            "view_mode": "list,form",
            "domain": [("meeting_id", "=", self.id)],
            "context": {"default_meeting_id": self.id},
        }

    def _result_summary(self):
        self.ensure_one()
        results = dict(
            self.env["property.owners.meeting.matter"]
            ._fields["result"]
            ._description_selection(self.env)
        )
        return self.env._(
            "Voted: %(count)s of %(voters)s owners (%(count_rate)s %%), %(area)s of "
            "%(total)s m² (%(area_rate)s %%). %(matters)s",
            count=self.voted_count,
            voters=self.voter_count,
            count_rate=round(self.voted_count_rate, 2),
            area=round(self.voted_area, 2),
            total=round(self.total_area, 2),
            area_rate=round(self.voted_area_rate, 2),
            matters="; ".join(
                f"{matter.name}: {results[matter.result]}" for matter in self.matter_ids
            ),
        )

    def _result_html(self):
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "property_community.owners_meeting_result_body", {"meeting": self}
        )

    # ------------------------------------------------------------ voting

    def _cast_ballot(self, voter, choices, channel="portal", scans=None):
        """Record `voter`'s ballot: `choices` maps each matter of the meeting to
        agree / against / abstain. On the portal, the voter (or their proxy) votes
        while the voting is open; staff enter paper ballots until it is counted. A
        voter votes once: the database refuses a second ballot."""
        self.ensure_one()
        voter.ensure_one()
        if voter.meeting_id != self:
            raise UserError(self.env._("This voter is not on the meeting's list."))
        if self.state != "open":
            raise UserError(
                self.env._("The voting of meeting %(name)s is not open.", name=self.name)
            )
        partner = self.env.user.partner_id
        if channel == "paper":
            self._require_group(
                COMMUNITY_USER, self.env._("Only the community staff enter paper ballots.")
            )
            if not scans:
                raise UserError(self.env._("Attach the scan of the paper ballot."))
            cast_by = voter.partner_id
        else:
            now = fields.Datetime.now()
            if not self.date_start <= now < self.date_end:
                raise UserError(
                    self.env._(
                        "The voting of meeting %(name)s is open from %(start)s to %(end)s.",
                        name=self.name,
                        start=fields.Datetime.to_string(self.date_start),
                        end=fields.Datetime.to_string(self.date_end),
                    )
                )
            if partner == voter.partner_id:
                cast_by = partner
            elif partner == voter.proxy_id and voter.power_of_attorney:
                cast_by = partner
            else:
                raise UserError(
                    self.env._("Only the voter or their proxy with a power of attorney votes.")
                )
        if voter.sudo().ballot_ids:
            raise UserError(self.env._("%(voter)s has already voted.", voter=voter.partner_id.name))
        missing = self.matter_ids - self.env["property.owners.meeting.matter"].browse(
            [int(matter_id) for matter_id in choices]
        )
        valid = {value for value, _label in CHOICES}
        if missing or set(choices.values()) - valid or len(choices) != len(self.matter_ids):
            raise UserError(self.env._("Vote on every matter: agree, against or abstain."))
        values = {
            "meeting_id": self.id,
            "voter_id": voter.id,
            "channel": channel,
            "cast_by_id": cast_by.id,
            "entered_by_id": self.env.user.id if channel == "paper" else False,
            "line_ids": [
                fields.Command.create({"matter_id": int(matter_id), "choice": choice})
                for matter_id, choice in choices.items()
            ],
        }
        try:
            with self.env.cr.savepoint():
                ballot = self.env["property.owners.meeting.ballot"].sudo().create(values)
                if scans:
                    scans.sudo().write({"res_model": ballot._name, "res_id": ballot.id})
                    ballot.scan_ids = scans
                ballot.flush_recordset()
        except psycopg2.errors.UniqueViolation:
            raise UserError(
                self.env._("%(voter)s has already voted.", voter=voter.partner_id.name)
            ) from None
        return ballot.sudo(False)

    @api.constrains("estate_id", "committee_id")
    def _check_committee_estate(self):
        for meeting in self:
            if meeting.committee_id and meeting.committee_id.estate_id != meeting.estate_id:
                raise ValidationError(
                    self.env._("The convening committee must be the estate's own.")
                )
