from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyAnnouncement(models.Model):
    """An announcement (公告) to the occupants of chosen estates, or of chosen buildings
    only: published on the owners' portal and e-mailed to the current occupants."""

    _name = "property.announcement"
    _description = "Announcement"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "property.workflow.mixin"]
    _order = "date_published desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Html(required=True, sanitize_style=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", required=True, check_company=True
    )
    building_ids = fields.Many2many(
        "property.building",
        string="Buildings",
        check_company=True,
        domain="[('estate_id', 'in', estate_ids)]",
        help="Leave empty to address the whole estates.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_published = fields.Datetime(string="Published On", readonly=True, copy=False)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, check_company=True)
    send_email = fields.Boolean(
        string="E-mail the Occupants", default=True, help="On publishing, e-mail every occupant."
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count", string="Recipients")

    def _compute_access_url(self):
        for announcement in self:
            announcement.access_url = f"/my/announcements/{announcement.id}"

    def _target_units(self):
        """The units the announcement addresses: of its buildings if any, else estates."""
        self.ensure_one()
        domain = (
            [("building_id", "in", self.building_ids.ids)]
            if self.building_ids
            else [("estate_id", "in", self.estate_ids.ids)]
        )
        return self.env["property.unit"].search(domain)

    def _recipients(self):
        """Current occupants (not agents) of the addressed units."""
        self.ensure_one()
        occupancies = self.env["property.occupancy"].search(
            [
                ("unit_id", "in", self._target_units().ids),
                ("state", "=", "current"),
                ("role", "!=", "agent"),
            ]
        )
        return occupancies.partner_id

    @api.depends("estate_ids", "building_ids")
    def _compute_recipient_count(self):
        for announcement in self:
            announcement.recipient_count = (
                len(announcement._recipients()) if announcement.estate_ids else 0
            )

    @api.constrains("estate_ids", "building_ids")
    def _check_buildings_in_estates(self):
        for announcement in self:
            stray = announcement.building_ids - announcement.estate_ids.building_ids
            if stray:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s is not in the announcement's estates.",
                        building=stray[0].display_name,
                    )
                )

    def action_publish(self):
        for announcement in self:
            if announcement.state != "draft":
                raise UserError(self.env._("Only a draft announcement can be published."))
        self._write_workflow({"state": "published", "date_published": fields.Datetime.now()})
        for announcement in self.filtered("send_email"):
            announcement._send_to_occupants()
        return True

    def _send_to_occupants(self):
        recipients = self._recipients().filtered("email")
        if not recipients:
            return
        self.message_post(
            body=self.body,
            subject=self.name,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )

    def action_archive_announcement(self):
        for announcement in self:
            if announcement.state != "published":
                raise UserError(self.env._("Only a published announcement can be archived."))
        self._write_workflow({"state": "archived"})
        return True

    def action_reset_draft(self):
        for announcement in self:
            if announcement.state != "archived":
                raise UserError(self.env._("Only an archived announcement goes back to draft."))
        self._write_workflow({"state": "draft"})
        return True
