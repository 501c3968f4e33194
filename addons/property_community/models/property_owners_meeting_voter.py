from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyOwnersMeetingVoter(models.Model):
    """A vote of an owners' meeting: an owner with the exclusive area of all their units
    (民法典 §278 counts owners, not rooms). Co-owners of the same units share one vote
    and choose who casts it; an owner may give a proxy with a power of attorney."""

    _name = "property.owners.meeting.voter"
    _description = "Voter of an Owners' Meeting"
    _order = "meeting_id, id"
    _rec_name = "partner_id"

    meeting_id = fields.Many2one(
        "property.owners.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    partner_id = fields.Many2one(
        "res.partner",
        string="Voter",
        required=True,
        index=True,
        domain="[('id', 'in', owner_ids)]",
        help="Who casts the vote: for co-owners, the one they chose.",
    )
    owner_ids = fields.Many2many(
        "res.partner",
        "property_owners_meeting_voter_owner_rel",
        "voter_id",
        "partner_id",
        string="Owners",
        readonly=True,
    )
    unit_ids = fields.Many2many(
        "property.unit",
        "property_owners_meeting_voter_unit_rel",
        "voter_id",
        "unit_id",
        string="Units",
        readonly=True,
    )
    area = fields.Float(string="Exclusive Area (m²)", digits=(12, 2), readonly=True)
    proxy_id = fields.Many2one(
        "res.partner",
        help="Who votes in the owner's stead (委托代理人), with a power of attorney.",
    )
    power_of_attorney = fields.Binary(
        string="Power of Attorney", attachment=True, help="The signed power of attorney (委托书)."
    )
    power_of_attorney_name = fields.Char(string="Power of Attorney File")
    ballot_ids = fields.One2many("property.owners.meeting.ballot", "voter_id")
    has_voted = fields.Boolean(string="Voted", compute="_compute_has_voted", store=True, index=True)
    channel = fields.Selection(related="ballot_ids.channel", string="Voted By")

    _sql_constraints = [
        (
            "area_positive",
            "CHECK(area >= 0)",
            "An exclusive area cannot be negative.",
        ),
    ]

    @api.depends("ballot_ids")
    def _compute_has_voted(self):
        for voter in self:
            voter.has_voted = bool(voter.ballot_ids)

    @api.depends("partner_id", "unit_ids")
    def _compute_display_name(self):
        for voter in self:
            units = ", ".join(voter.unit_ids[:3].mapped("code"))
            if len(voter.unit_ids) > 3:
                units += "…"
            voter.display_name = (
                f"{voter.partner_id.name} ({units})" if units else (voter.partner_id.name or "")
            )

    @api.constrains("partner_id", "owner_ids")
    def _check_voter_is_owner(self):
        for voter in self:
            if voter.owner_ids and voter.partner_id not in voter.owner_ids:
                raise ValidationError(
                    self.env._(
                        "%(partner)s does not own units %(units)s: co-owners choose the "
                        "voter among themselves.",
                        partner=voter.partner_id.name,
                        units=", ".join(voter.unit_ids.mapped("code")),
                    )
                )

    @api.constrains("proxy_id", "power_of_attorney")
    def _check_power_of_attorney(self):
        for voter in self:
            if voter.proxy_id and not voter.power_of_attorney:
                raise ValidationError(
                    self.env._(
                        "A proxy votes with a power of attorney: attach the one %(owner)s "
                        "signed for %(proxy)s.",
                        owner=voter.partner_id.name,
                        proxy=voter.proxy_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # listed by the meeting's action only (as superuser, after its checks)
        if not self.env.su:
            raise UserError(self.env._("Voters are listed from the owners: List the Voters."))
        voters = super().create(vals_list)
        if any(meeting.state != "draft" for meeting in voters.meeting_id):
            raise UserError(self.env._("Voters are listed before the voting opens."))
        return voters

    def write(self, vals):
        if {"meeting_id", "owner_ids", "unit_ids", "area", "has_voted"} & set(vals) and not (
            self.env.su
        ):
            raise UserError(
                self.env._(
                    "The voters, their units and areas are listed from the owners "
                    "(List the Voters); who has voted is their ballots'."
                )
            )
        if {"partner_id", "proxy_id", "power_of_attorney"} & set(vals) and (
            self.filtered("has_voted")
            or any(meeting.state not in ("draft", "open") for meeting in self.meeting_id)
        ):
            raise UserError(self.env._("Who votes cannot change once the vote is cast."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(self.env._("Voters are listed from the owners: List the Voters."))
        if any(meeting.state != "draft" for meeting in self.meeting_id):
            raise UserError(self.env._("Voters are listed before the voting opens."))
        return super().unlink()
