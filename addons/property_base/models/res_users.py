from odoo import api, fields, models
from odoo.tools import email_normalize

from .res_partner import normalize_mobile


class ResUsers(models.Model):
    _inherit = "res.users"

    property_estate_ids = fields.Many2many(
        "property.estate",
        "res_users_property_estate_rel",
        "user_id",
        "estate_id",
        string="Estates (Staff)",
        help="The estates (管理处) the user works for; with Property Staff, the estates "
        "of their employees. A service-desk clerk or technician sees the requests, "
        "visits and rounds of these estates and those they handle; without estates, "
        "only those they handle.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "property_estate_ids" in vals:
            # the record rules read the user's estates and are cached per user
            self.env.registry.clear_cache()
        return res

    @api.model
    def _get_login_domain(self, login):
        """Owners sign in with their login (their e-mail, else their mobile number) or
        with the other of the two, as their contact now has it. Only when no active user
        has this login, for one active portal user exactly, never for an employee."""
        domain = super()._get_login_domain(login)
        Users = self.sudo().with_context(active_test=True)
        if not isinstance(login, str) or not login or Users.search_count(domain, limit=1):
            return domain
        email = email_normalize(login, strict=True)
        mobile = not email and normalize_mobile(login)
        if not (email or mobile):
            return domain
        users = Users.search(
            [
                ("share", "=", True),
                ("partner_id.email_normalized", "=", email)
                if email
                else ("partner_id.portal_mobile", "=", mobile),
            ],
            limit=2,
        )
        return [("id", "=", users.id)] if len(users) == 1 and users._is_portal() else domain
