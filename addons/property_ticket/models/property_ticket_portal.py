from pytz import UTC, timezone

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

# what owners may ask for on the portal (public areas are raised by staff on patrol)
PORTAL_TYPES = ("repair", "complaint", "inquiry", "paid_service", "suggestion")
PORTAL_PHOTOS_MAX = 6
PORTAL_PHOTO_BYTES = 10 * 1024 * 1024


class PropertyTicket(models.Model):
    """The owners' side of a request on the portal: submitted by the owner with photos,
    accepted with a signature or refused with a reason, rated after the work. Portal
    users have read access only (record rule: their requests and their units'); these
    methods check that access first, then run the ticket's own actions as superuser,
    so that the states, their checks and what follows (charges, follow-up visits) stay
    in one place."""

    _inherit = "property.ticket"

    def _portal_check(self):
        """The portal user may read the request (theirs or their unit's), else AccessError."""
        self.ensure_one()
        self.check_access("read")
        if not self.env.user.share:
            raise AccessError(self.env._("These are the owners' portal actions."))

    def _portal_followup(self):
        """The follow-up visit that awaits the customer's rating, if any."""
        self.ensure_one()
        if self.state != "accepted":
            return self.env["property.ticket.followup"]
        return self.sudo().followup_ids.filtered(lambda f: f.state == "todo")[:1]

    def _portal_create(self, values, photos=()):
        """A request submitted by the portal user about one of the units they occupy.
        `values`: unit_id, ticket_type, category_id, subject, description (plain text),
        preferred_time (naive, in the user's time zone), contact_phone; `photos`:
        (file name, content) pairs, images only."""
        user = self.env.user
        unit = self.env["property.unit"].browse(int(values.get("unit_id") or 0)).exists()
        if not unit or not unit.has_access("read"):
            raise AccessError(self.env._("Choose one of your units."))
        occupancy = unit.sudo().current_occupancy_ids.filtered(
            lambda o: o.partner_id == user.partner_id
        )
        if not occupancy:
            raise AccessError(self.env._("Choose one of your units."))
        ticket_type = values.get("ticket_type") or "repair"
        if ticket_type not in PORTAL_TYPES:
            raise UserError(self.env._("Choose the type of your request."))
        subject = (values.get("subject") or "").strip()
        if not subject:
            raise UserError(self.env._("Say in a few words what your request is about."))
        category = self.env["property.ticket.category"]
        if values.get("category_id"):
            category = category.browse(int(values["category_id"])).exists()
            if not category or (category.company_id and category.company_id != unit.company_id):
                raise UserError(self.env._("Choose a category of the list."))
        photos = [(name, data) for name, data in photos if data]
        if len(photos) > PORTAL_PHOTOS_MAX:
            raise UserError(
                self.env._("At most %(count)s photos per request.", count=PORTAL_PHOTOS_MAX)
            )
        for name, data in photos:
            if len(data) > PORTAL_PHOTO_BYTES or not guess_mimetype(data).startswith("image/"):
                raise UserError(
                    self.env._("%(name)s is not a photo (or is larger than 10 MB).", name=name)
                )
        preferred = values.get("preferred_time") or False
        if preferred:
            calendar_tz = unit.company_id.sudo().resource_calendar_id.tz
            tz = timezone(user.tz or calendar_tz or "UTC")
            local = fields.Datetime.to_datetime(str(preferred).replace("T", " "))
            preferred = tz.localize(local).astimezone(UTC).replace(tzinfo=None)
        description = (values.get("description") or "").strip()
        # Portal users cannot create requests themselves (read-only access): the request
        # is created as superuser once the unit is checked, with the fields above only.
        ticket = self.sudo().create(
            {
                "subject": subject[:200],
                "ticket_type": ticket_type,
                "category_id": category.id,
                "unit_id": unit.id,
                "partner_id": user.partner_id.id,
                "contact_name": user.partner_id.name,
                "contact_phone": (values.get("contact_phone") or "").strip()
                or user.partner_id.phone
                or user.partner_id.mobile,
                "contact_email": user.partner_id.email,
                "description": plaintext2html(description) if description else False,
                "preferred_time": preferred,
                "channel": "portal",
                "receiver_id": False,
            }
        )
        if photos:
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": data,
                            "res_model": self._name,
                            "res_id": ticket.id,
                        }
                        for name, data in photos
                    ]
                )
            )
            # the owner's page shows them by token (portal users do not read attachments)
            attachments.generate_access_token()
            ticket.photo_ids = attachments
        return ticket.sudo(False)

    def _portal_accept(self, name, signature):
        """The customer accepts the work on the portal and signs the work order: the
        acceptance action of the desk (state and signature checks, charges, follow-up
        visits)."""
        self._portal_check()
        self.sudo()._require_state("done")
        if not (name or "").strip() or not signature:
            raise UserError(self.env._("Sign with your name to accept the work."))
        ticket = self.sudo()
        ticket.write({"signature": signature, "signed_by": name.strip()})
        ticket.action_accept()
        ticket.message_post(
            body=self.env._("Work accepted and signed on the portal by %(name)s.", name=name),
            author_id=self.env.user.partner_id.id,
        )
        return True

    def _portal_refuse(self, reason):
        """The customer refuses the work on the portal: the refusal action of the desk
        (back to work, counted as rework, escalated when refused again)."""
        self._portal_check()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why you refuse the work."))
        self.sudo().action_refuse(reason=reason)
        return True

    def _portal_rate(self, satisfaction, comment=None):
        """The customer rates the work (1-5, with a comment): this is the follow-up
        visit, recorded as made on the portal."""
        self._portal_check()
        followup = self._portal_followup()
        if not followup:
            raise UserError(
                self.env._("Request %(name)s is not awaiting your rating.", name=self.name)
            )
        if str(satisfaction) not in ("1", "2", "3", "4", "5"):
            raise UserError(self.env._("Rate the work from 1 to 5."))
        followup.write(
            {
                "satisfaction": str(satisfaction),
                "comment": (comment or "").strip() or False,
                "method": "portal",
            }
        )
        followup.action_done()
        return True
