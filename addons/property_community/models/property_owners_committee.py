from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyOwnersCommittee(models.Model):
    """An owners' committee (业主委员会) of an estate, elected by the owners' meeting for
    a term. Its members, portal users as owners, see the committee's pages: the
    meetings of their estate and their live count."""

    _name = "property.owners.committee"
    _description = "Owners' Committee"
    _inherit = ["property.company.mixin", "mail.thread", "mail.activity.mixin"]
    _company_from = "estate_id"
    _check_company_auto = True
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True, help="E.g. 第二届业主委员会")
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    date_from = fields.Date(string="Term from", required=True, tracking=True)
    date_to = fields.Date(string="Term to", required=True, tracking=True)
    elected_by_id = fields.Many2one(
        "property.owners.meeting",
        string="Elected by",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    member_ids = fields.One2many(
        "property.owners.committee.member", "committee_id", string="Members"
    )
    is_current = fields.Boolean(
        string="In Office", compute="_compute_is_current", search="_search_is_current"
    )
    note = fields.Html()

    _sql_constraints = [
        ("term_ordered", "CHECK(date_to >= date_from)", "A term cannot end before it starts."),
    ]

    @api.depends("date_from", "date_to")
    def _compute_is_current(self):
        for committee in self:
            today = committee.company_id._property_today()
            committee.is_current = bool(committee.date_from and committee.date_to) and (
                committee.date_from <= today <= committee.date_to
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValueError(self.env._("Unsupported search on In Office."))
        today = self.env.company._property_today()
        in_office = ["&", ("date_from", "<=", today), ("date_to", ">=", today)]
        return in_office if (operator == "=") == value else ["!", *in_office]


class PropertyOwnersCommitteeMember(models.Model):
    _name = "property.owners.committee.member"
    _description = "Owners' Committee Member"
    _order = "committee_id, role, id"

    committee_id = fields.Many2one(
        "property.owners.committee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    estate_id = fields.Many2one(related="committee_id.estate_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True)
    role = fields.Selection(
        [("chair", "Chair"), ("vice_chair", "Vice Chair"), ("member", "Member")],
        required=True,
        default="member",
    )
    phone = fields.Char(related="partner_id.phone")

    _sql_constraints = [
        (
            "one_seat_per_owner",
            "UNIQUE(committee_id, partner_id)",
            "An owner sits once on a committee.",
        ),
    ]

    @api.constrains("partner_id", "committee_id")
    def _check_member_is_owner(self):
        for member in self:
            owns = self.env["property.occupancy"].search_count(
                [
                    ("partner_id", "=", member.partner_id.id),
                    ("estate_id", "=", member.estate_id.id),
                    ("role", "=", "owner"),
                    ("state", "=", "current"),
                ],
                limit=1,
            )
            if not owns:
                raise ValidationError(
                    self.env._(
                        "%(partner)s owns no unit of %(estate)s: the committee's members "
                        "are owners of the estate.",
                        partner=member.partner_id.name,
                        estate=member.estate_id.name,
                    )
                )
