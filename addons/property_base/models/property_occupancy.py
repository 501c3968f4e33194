from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_date

RESIDENT_ROLES = ("owner", "tenant", "family")


class PropertyOccupancy(models.Model):
    """Who is related to a unit, as what, and when: owners (and co-owners with their
    shares), tenants, family members and agents. History is kept: an occupancy is
    ended, never deleted."""

    _name = "property.occupancy"
    _description = "Occupancy"
    _inherit = [
        "property.unit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.workflow.mixin",
    ]
    _order = "unit_id, state, role, date_from desc, id desc"

    building_id = fields.Many2one(related="unit_id.building_id", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person / Company",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    # private details (contacts, documents, notes) are the staff's: portal users read
    # the occupancies of their co-occupants, never these
    phone = fields.Char(related="partner_id.phone", groups="property_base.group_property_user")
    email = fields.Char(related="partner_id.email", groups="property_base.group_property_user")
    role = fields.Selection(
        [
            ("owner", "Owner"),
            ("tenant", "Tenant"),
            ("family", "Family Member"),
            ("agent", "Authorised Agent"),
        ],
        required=True,
        default="owner",
        tracking=True,
    )
    share = fields.Float(
        string="Ownership Share (%)",
        compute="_compute_share",
        store=True,
        precompute=True,
        readonly=False,
        digits=(5, 2),
        tracking=True,
        help="For co-owners: their share of the unit. The shares of a unit's current "
        "owners add up to 100 % at most.",
    )
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="To", tracking=True, copy=False)
    state = fields.Selection(
        [("current", "Current"), ("ended", "Ended")],
        required=True,
        default="current",
        index=True,
        tracking=True,
        copy=False,
    )
    is_payer = fields.Boolean(
        string="Pays the Bills", tracking=True, help="The unit's bills are made out to them."
    )
    is_resident = fields.Boolean(
        string="Lives Here",
        compute="_compute_is_resident",
        store=True,
        precompute=True,
        readonly=False,
        tracking=True,
    )
    relationship = fields.Char(help="For family members: relationship to the owner.")
    emergency_contact_name = fields.Char(groups="property_base.group_property_user")
    emergency_contact_phone = fields.Char(groups="property_base.group_property_user")
    document_ids = fields.Many2many(
        "ir.attachment",
        string="ID Documents",
        groups="property_base.group_property_user",
        help="ID card, power of attorney, company certificate, purchase contract...",
    )
    note = fields.Text(groups="property_base.group_property_user")

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "An occupancy cannot end before it starts.",
        ),
        (
            "share_range",
            "CHECK(share >= 0 AND share <= 100)",
            "An ownership share is between 0 and 100 %.",
        ),
        # One payer at a time, enforced by the database (concurrent desks included).
        (
            "one_current_payer",
            "EXCLUDE (unit_id WITH =) WHERE (is_payer AND state = 'current')",
            "A unit has one payer at a time: end the current payer's occupancy first.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # Pending writes (a payer just ended...) must reach the database before the
        # insert, or the one_current_payer constraint would see stale rows.
        self.flush_model(["is_payer", "state", "unit_id"])
        return super().create(vals_list)

    def write(self, vals):
        if {"is_payer", "state", "unit_id"} & set(vals):
            self.flush_model(["is_payer", "state", "unit_id"])
        return super().write(vals)

    @api.depends("role")
    def _compute_share(self):
        """An owner gets what is left of 100 % by the unit's other current owners."""
        taken = dict(
            self.env["property.occupancy"]._read_group(
                [
                    ("unit_id", "in", self.unit_id.ids),
                    ("role", "=", "owner"),
                    ("state", "=", "current"),
                    ("id", "not in", self.ids),
                ],
                ["unit_id"],
                ["share:sum"],
            )
        )
        for occupancy in self:
            if occupancy.role != "owner":
                occupancy.share = 0.0
            elif not occupancy.share:
                occupancy.share = max(100.0 - taken.get(occupancy.unit_id, 0.0), 0.0)

    @api.depends("role")
    def _compute_is_resident(self):
        for occupancy in self:
            occupancy.is_resident = occupancy.role in RESIDENT_ROLES

    @api.depends("partner_id.name", "unit_id.code", "role")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for occupancy in self:
            parts = [occupancy.unit_id.code, occupancy.partner_id.name]
            name = " · ".join(part for part in parts if part)
            role = roles.get(occupancy.role)
            occupancy.display_name = f"{name} ({role})" if name and role else name or False

    @api.constrains("share", "role", "state", "unit_id")
    def _check_owner_shares(self):
        units = self.filtered(lambda o: o.role == "owner").unit_id
        totals = dict(
            self.env["property.occupancy"]._read_group(
                [("unit_id", "in", units.ids), ("role", "=", "owner"), ("state", "=", "current")],
                ["unit_id"],
                ["share:sum"],
            )
        )
        for unit, total in totals.items():
            if float_compare(total, 100.0, precision_digits=2) > 0:
                raise ValidationError(
                    self.env._(
                        "The ownership shares of unit %(unit)s add up to %(total)s %%; "
                        "they cannot exceed 100 %%.",
                        unit=unit.display_name,
                        total=round(total, 2),
                    )
                )

    @api.constrains("state", "is_resident", "unit_id")
    def _check_not_in_custody(self):
        residents = self.filtered(lambda o: o.state == "current" and o.is_resident)
        in_custody = residents.unit_id.custody_ids.filtered(lambda c: c.state == "active")
        if in_custody:
            raise ValidationError(
                self.env._(
                    "Unit %(unit)s is in custody: end the custody before residents move in.",
                    unit=in_custody[0].unit_id.display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Occupancies are kept as history: end the occupancy instead of deleting it.")
        )

    def action_end(self, date_to=None):
        """End these occupancies (today, or on `date_to`)."""
        date_to = date_to or fields.Date.context_today(self)
        ended = self.filtered(lambda o: o.state == "ended")
        if ended:
            raise UserError(
                self.env._(
                    "Occupancy %(occupancy)s has already ended.",
                    occupancy=ended[0].display_name,
                )
            )
        too_early = self.filtered(lambda o: o.date_from > date_to)
        if too_early:
            raise UserError(
                self.env._(
                    "Occupancy %(occupancy)s starts on %(date)s: it cannot end before.",
                    occupancy=too_early[0].display_name,
                    date=format_date(self.env, too_early[0].date_from),
                )
            )
        self._write_workflow({"state": "ended", "date_to": date_to})
        self._end_portal_access()
        return True

    @api.model
    def _cron_end_expired(self):
        """End the occupancies whose end date has passed (a lease that ran out) in
        their company's time zone (no zone is more than a day ahead of UTC)."""
        tomorrow = fields.Date.today() + timedelta(days=1)
        expired = self.search([("state", "=", "current"), ("date_to", "<", tomorrow)])
        todays = {company: company._property_today() for company in expired.company_id}
        expired = expired.filtered(lambda o: o.date_to < todays[o.company_id])
        expired._write_workflow({"state": "ended"})
        expired._end_portal_access()

    def _end_portal_access(self):
        """The portal is for current occupants: who no longer occupies any unit has their
        portal user archived and any sign-up link they hold voided. Employees keep their
        users. As superuser: the desk ends occupancies, not users, and the person's other
        units may lie in estates the desk does not see."""
        partners = self.partner_id.sudo()
        occupying = (
            self.env["property.occupancy"]
            .sudo()
            .search([("partner_id", "in", partners.ids), ("state", "=", "current")])
            .partner_id
        )
        users = (partners - occupying).user_ids.filtered(lambda user: user._is_portal())
        users.partner_id.signup_cancel()
        users.active = False
