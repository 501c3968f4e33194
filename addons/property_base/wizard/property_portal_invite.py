from urllib.parse import quote, urlencode

from odoo import Command, api, fields, models
from odoo.tools import email_normalize

# who is invited from units and buildings: their owners, and whoever pays their bills
INVITE_DOMAIN = ["|", ("role", "=", "owner"), ("is_payer", "=", True)]


class PropertyPortalInvite(models.TransientModel):
    """Brings the people of units onto the owners' portal in one go, from selected
    occupancies, units (their owners and payers) or buildings (those of all their
    units): a portal user each, whose login is their e-mail, else their mobile number;
    Odoo's portal invitation by e-mail where there is one, and for everyone a letter
    with a one-time sign-up link. Who cannot be invited is listed with the reason."""

    _name = "property.portal.invite"
    _description = "Invite to the Portal"

    def _default_occupancy_ids(self):
        context = self.env.context
        model, ids = context.get("active_model"), context.get("active_ids") or []
        Occupancy = self.env["property.occupancy"]
        if model == "property.occupancy":
            occupancies = Occupancy.browse(ids)
        elif model == "property.unit":
            occupancies = Occupancy.search([("unit_id", "in", ids), *INVITE_DOMAIN])
        elif model == "property.building":
            occupancies = Occupancy.search([("building_id", "in", ids), *INVITE_DOMAIN])
        else:
            occupancies = Occupancy
        return [Command.set(occupancies.filtered(lambda o: o.state == "current").ids)]

    occupancy_ids = fields.Many2many(
        "property.occupancy", string="Occupancies", default=_default_occupancy_ids
    )
    line_ids = fields.One2many(
        "property.portal.invite.line",
        "wizard_id",
        string="People",
        compute="_compute_line_ids",
        store=True,
    )
    done = fields.Boolean(readonly=True)
    invited_count = fields.Integer(compute="_compute_counts")
    skipped_count = fields.Integer(compute="_compute_counts")

    @api.depends("occupancy_ids")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [Command.create(vals) for vals in wizard._plan()]

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.invited_count = statuses.count("invited")
            wizard.skipped_count = statuses.count("skipped")

    def _plan(self):
        """One line per person of the current occupancies chosen: their units, and the
        login they get, or why they cannot be invited."""
        self.ensure_one()
        units = {}
        for occupancy in self.occupancy_ids.filtered(lambda o: o.state == "current"):
            units.setdefault(occupancy.partner_id, self.env["property.unit"])
            units[occupancy.partner_id] |= occupancy.unit_id
        partners = self.env["res.partner"].concat(*units).sudo().with_context(active_test=False)
        candidates = {email_normalize(partner.email) for partner in partners} | set(
            partners.mapped("portal_mobile")
        )
        taken = set(
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("login", "in", [login for login in candidates if login])])
            .mapped("login")
        )
        lines = []
        for partner in partners:
            login, reason = self._login_for(partner, taken)
            taken.add(login)
            lines.append(
                {
                    "partner_id": partner.id,
                    "unit_ids": [Command.set(units[partner].ids)],
                    "login": login,
                    "status": "skipped" if reason else "ready",
                    "reason": reason,
                }
            )
        return lines

    def _login_for(self, partner, taken):
        """(login, reason not to invite) for `partner` (sudo), given the logins taken."""
        user = partner.user_ids[:1]
        if user and not user.share:
            return user.login, self.env._("An employee: signs in with their user.")
        if user and user.active and user._is_portal() and user.login_date:
            return user.login, self.env._("Already uses the portal.")
        if user:
            return user.login, False  # never signed in, or access ended: invited again
        logins = [
            login for login in (email_normalize(partner.email), partner.portal_mobile) if login
        ]
        if not logins:
            return False, self.env._("Neither an e-mail address nor a mobile number.")
        free = [login for login in logins if login not in taken]
        if not free:
            return False, self.env._(
                "%(logins)s already used as login by another user.", logins=" / ".join(logins)
            )
        return free[0], False

    def action_invite(self):
        """Give each person ready a portal user (created, or active again), a sign-up
        link, and the invitation e-mail where they have an address."""
        self.ensure_one()
        # the occupancies come from the client: the user must be able to read them all
        self.occupancy_ids.check_access("read")
        plan = self._plan()
        ready = [vals for vals in plan if vals["status"] == "ready"]
        partners = self.env["res.partner"].browse([vals["partner_id"] for vals in ready]).sudo()
        self._grant_portal(partners, {vals["partner_id"]: vals for vals in ready})
        partners.signup_prepare()
        urls = partners._get_signup_url_for_action()
        for vals in ready:
            vals.update(status="invited", signup_url=urls[vals["partner_id"]])
        self._send_invitations(partners.filtered("email"))
        self.write(
            {
                "line_ids": [Command.clear()] + [Command.create(vals) for vals in plan],
                "done": True,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invite to the Portal"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _grant_portal(self, partners, lines):
        """Portal users for `partners` (sudo), in the companies of their units: new ones
        in one go, archived ones back."""
        group_portal = self.env.ref("base.group_portal")
        group_public = self.env.ref("base.group_public")
        users = partners.with_context(active_test=False).user_ids
        users.write(
            {
                "active": True,
                "groups_id": [Command.link(group_portal.id), Command.unlink(group_public.id)],
            }
        )
        Users = self.env["res.users"].sudo().with_context(no_reset_password=True)
        vals_list = []
        for partner in partners - users.partner_id:
            line = lines[partner.id]
            companies = self.env["property.unit"].browse(line["unit_ids"][0][2]).company_id
            vals_list.append(
                {
                    "login": line["login"],
                    "partner_id": partner.id,
                    "company_id": companies[:1].id or self.env.company.id,
                    "company_ids": [Command.set(companies.ids or self.env.company.ids)],
                    "groups_id": [Command.set(group_portal.ids)],
                }
            )
        Users.create(vals_list)

    def _send_invitations(self, partners):
        """Odoo's portal welcome e-mail (with its sign-up link), queued."""
        if not partners:
            return
        portal_wizard = self.env["portal.wizard"].sudo().create({"partner_ids": partners.ids})
        template = self.env.ref("portal.mail_template_data_portal_welcome")
        template.sudo().send_mail_batch(portal_wizard.user_ids.ids)

    def action_print(self):
        self.ensure_one()
        letters = self.line_ids.filtered(lambda line: line.status == "invited")
        return self.env.ref("property_base.action_report_portal_invitation").report_action(letters)


class PropertyPortalInviteLine(models.TransientModel):
    _name = "property.portal.invite.line"
    _description = "Portal Invitation"
    _order = "status desc, id"

    wizard_id = fields.Many2one("property.portal.invite", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Person", required=True, readonly=True)
    unit_ids = fields.Many2many("property.unit", string="Units", readonly=True)
    login = fields.Char(readonly=True)
    status = fields.Selection(
        [("ready", "To Invite"), ("invited", "Invited"), ("skipped", "Not Invited")],
        required=True,
        readonly=True,
    )
    reason = fields.Char(readonly=True)
    signup_url = fields.Char(string="Sign-up Link", readonly=True)

    def _qr_code_src(self):
        """The image of the sign-up link as a QR code, drawn by the report engine."""
        self.ensure_one()
        query = {"barcode_type": "QR", "value": self.signup_url, "width": 220, "height": 220}
        return "/report/barcode/?" + urlencode(query, quote_via=quote)
