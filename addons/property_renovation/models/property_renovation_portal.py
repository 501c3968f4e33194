import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

# the uploads of the portal form: form field -> field of the application
PORTAL_DOCUMENTS = {
    "contractor_licence": "contractor_licence_ids",
    "contractor_qualification": "contractor_qualification_ids",
    "contractor_id_copy": "contractor_id_copy_ids",
    "drawings": "drawing_ids",
}
PORTAL_FILES_MAX = 10
PORTAL_FILE_BYTES = 20 * 1024 * 1024
PORTAL_SCOPES = (
    "scope_walls",
    "scope_floors",
    "scope_ceiling",
    "scope_lines",
    "scope_low_voltage",
    "scope_kitchen_bath",
    "scope_structure",
    "scope_fire",
    "scope_gas",
)
CHECKED = ("on", "1", "true", "True")


class PropertyRenovation(models.Model):
    """The owner's side of an application on the portal: applied for online with the
    documents and the signed commitment letter, completed and resubmitted after a
    request for changes, and the approval result signed. Portal users only read their
    applications (record rule: they apply or pay); these methods check that access,
    then write as superuser and run the application's own actions (`action_submit`,
    `action_owner_sign`), so that the checks of the flow stay in one place."""

    _inherit = "property.renovation"
    # the owner who reads the application writes to the service centre in its chatter
    _mail_post_access = "read"

    def _portal_check(self):
        """The portal user may read the application (theirs), else AccessError."""
        self.ensure_one()
        self.check_access("read")
        if not self.env.user.share:
            raise AccessError(self.env._("These are the owners' portal actions."))

    def _portal_document_attachments(self):
        """The application's documents, which the owner's page links by token."""
        self.ensure_one()
        renovation = self.sudo()
        return renovation.env["ir.attachment"].union(
            *(renovation[field_name] for field_name in PORTAL_DOCUMENTS.values())
        )

    @api.model
    def _portal_units(self):
        """The units the portal user may apply for: as their current owner, or as an
        agent whose power of attorney is on file (the application's own check)."""
        partner = self.env.user.partner_id
        Renovation = self.sudo()
        return (
            self.env["property.unit"]
            .search([])
            .filtered(
                lambda unit: Renovation.new(
                    {"unit_id": unit.id, "applicant_id": partner.id}
                )._applicant_occupancies()
            )
        )

    @api.model
    def _portal_files(self, files):
        """The uploads by application field, checked: PDF or images, 20 MB at most.
        `files`: {form field: [(file name, content)]}."""
        documents = {}
        for key, field_name in PORTAL_DOCUMENTS.items():
            uploads = [(name, data) for name, data in files.get(key, ()) if data]
            if len(uploads) > PORTAL_FILES_MAX:
                raise UserError(
                    self.env._("At most %(count)s files per document.", count=PORTAL_FILES_MAX)
                )
            for name, data in uploads:
                mimetype = guess_mimetype(data)
                if len(data) > PORTAL_FILE_BYTES or not (
                    mimetype.startswith("image/") or mimetype == "application/pdf"
                ):
                    raise UserError(
                        self.env._(
                            "%(name)s is not a PDF or an image (or is larger than 20 MB).",
                            name=name,
                        )
                    )
            if uploads:
                documents[field_name] = uploads
        return documents

    @api.model
    def _portal_signature(self, signature):
        """The drawn signature (base64 PNG of the signature pad), checked."""
        if not signature:
            return False
        try:
            data = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError, TypeError) as exc:
            raise UserError(self.env._("Invalid signature data.")) from exc
        if not guess_mimetype(data).startswith("image/"):
            raise UserError(self.env._("Invalid signature data."))
        return signature

    @api.model
    def _portal_contractor(self, name, company):
        """The decoration company by its name: found among the companies, else created."""
        name = (name or "").strip()
        if not name:
            return self.env["res.partner"]
        Partner = self.env["res.partner"].sudo()
        contractor = Partner.search(
            [
                ("name", "=ilike", name),
                ("is_company", "=", True),
                ("company_id", "in", [False, company.id]),
            ],
            limit=1,
        )
        return contractor or Partner.create({"name": name[:200], "is_company": True})

    def _portal_values(self, values, unit):
        """The application's values from the portal form (plain text, checkboxes and
        dates as posted); the signature and the prohibitions are kept when not given
        again (resubmission)."""
        try:
            date_start = fields.Date.to_date(values.get("date_start") or False)
            date_end = fields.Date.to_date(values.get("date_end") or False)
        except ValueError as exc:
            raise UserError(self.env._("Enter the planned dates as dates.")) from exc
        if values.get("prohibited_items_accepted") not in CHECKED and not (
            self.prohibited_items_accepted
        ):
            raise UserError(
                self.env._("Read and accept the prohibitions of renovation works to apply.")
            )
        description = (values.get("description") or "").strip()
        vals = {
            "contractor_id": self._portal_contractor(
                values.get("contractor_name"), unit.company_id
            ).id,
            "contractor_contact": (values.get("contractor_contact") or "").strip()[:100] or False,
            "contractor_phone": (values.get("contractor_phone") or "").strip()[:50] or False,
            "date_start": date_start,
            "date_end": date_end,
            "description": plaintext2html(description) if description else False,
            "drawings_stamped": values.get("drawings_stamped") in CHECKED,
            "prohibited_items_accepted": True,
            **{scope: values.get(scope) in CHECKED for scope in PORTAL_SCOPES},
        }
        signature = self._portal_signature(values.get("commitment_signature"))
        if signature:
            partner = self.env.user.partner_id
            vals.update(
                {
                    "commitment_signature": signature,
                    "commitment_signed_by": (values.get("commitment_signed_by") or "").strip()[:100]
                    or partner.name,
                    "commitment_signed_on": fields.Date.context_today(self),
                }
            )
        return vals

    def _portal_attach(self, documents):
        """Attach the uploads to the application (a new upload of a document replaces
        the previous one in its field; the old files stay in the attachments)."""
        self.ensure_one()
        Attachment = self.env["ir.attachment"].sudo()
        for field_name, uploads in documents.items():
            attachments = Attachment.create(
                [
                    {"name": name, "raw": data, "res_model": self._name, "res_id": self.id}
                    for name, data in uploads
                ]
            )
            # the owner's page links them by token (portal users do not read attachments)
            attachments.generate_access_token()
            self.sudo()[field_name] = [Command.set(attachments.ids)]

    @api.model
    def _portal_create(self, values, files):
        """An application made and submitted on the portal by the user (owner or agent)
        for one of the units they may apply for: created and submitted at once, the
        submission checking the documents. The caller runs it in a savepoint: on an
        error nothing stays. `values`: the form's fields; `files`: {form field:
        [(file name, content)]}."""
        unit = self.env["property.unit"].browse(int(values.get("unit_id") or 0)).exists()
        if not unit or unit not in self._portal_units():
            raise AccessError(self.env._("Choose one of the units you may apply for."))
        documents = self._portal_files(files)
        vals = self._portal_values(values, unit)
        # Portal users cannot create applications (read-only access): the application is
        # created as superuser once the unit is checked, with the fields above only.
        renovation = (
            self.sudo()
            .with_company(unit.company_id)
            .create({**vals, "unit_id": unit.id, "applicant_id": self.env.user.partner_id.id})
        )
        renovation._portal_attach(documents)
        renovation.action_submit()
        renovation.message_post(
            body=self.env._(
                "Application submitted on the portal by %(name)s.",
                name=self.env.user.partner_id.name,
            ),
            author_id=self.env.user.partner_id.id,
        )
        return renovation.sudo(False)

    def _portal_resubmit(self, values, files):
        """The applicant completes the application sent back for changes (new
        documents, corrected works) and submits it again."""
        self._portal_check()
        renovation = self.sudo()
        renovation._require_state("draft")
        documents = self._portal_files(files)
        renovation.write(renovation._portal_values(values, renovation.unit_id))
        renovation._portal_attach(documents)
        renovation.action_submit()
        renovation.message_post(
            body=self.env._(
                "Application completed and submitted again on the portal by %(name)s.",
                name=self.env.user.partner_id.name,
            ),
            author_id=self.env.user.partner_id.id,
        )
        return True

    def _portal_owner_sign(self, name, signature):
        """The owner signs the approval result on the portal: the desk's action
        (state and signature checks)."""
        self._portal_check()
        renovation = self.sudo()
        renovation._require_state("approved")
        if renovation.owner_signed_on:
            raise UserError(
                self.env._(
                    "Renovation %(name)s: the approval result is already signed.",
                    name=renovation.name,
                )
            )
        if not (name or "").strip() or not signature:
            raise UserError(self.env._("Sign with your name to sign the approval result."))
        renovation.write(
            {
                "owner_signature": self._portal_signature(signature),
                "owner_signed_by": name.strip()[:100],
            }
        )
        renovation.action_owner_sign()
        renovation.message_post(
            body=self.env._("Approval result signed on the portal by %(name)s.", name=name),
            author_id=self.env.user.partner_id.id,
        )
        return True
