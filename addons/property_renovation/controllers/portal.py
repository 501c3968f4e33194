from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request

from odoo.addons.property_base.controllers.portal import PropertyPortal

from ..models.property_renovation_portal import PORTAL_DOCUMENTS, PORTAL_SCOPES

CLOSED_STATES = ("closed", "rejected", "withdrawn")
# the dates of the flow shown as the application's steps, in order
STEP_FIELDS = (
    "date_application",
    "date_submitted",
    "date_reviewed",
    "date_approved",
    "owner_signed_on",
    "date_agreement",
    "date_fees_paid",
    "date_permit",
    "date_works_start",
    "date_works_end",
    "date_accepted",
    "date_settled",
    "date_closed",
)


class PropertyRenovationPortal(PropertyPortal):
    """Renovation applications on the owners' portal: the list of the user's
    applications, an application's page (steps, review comments and changes requested,
    fees with their invoice and "Pay now" of property_billing, deductions and deposit
    refund, chatter), the form to apply online with the documents and the signed
    commitment letter, the same form to complete and resubmit after a request for
    changes, and the owner's signature of the approval result. Which applications a
    portal user sees is the record rule of property_renovation; any other answers 404.
    Every change is the application's own action (`_portal_*` methods), which checks
    the user's access before acting."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_renovation_count" in counters:
            Renovation = request.env["property.renovation"]
            values["property_renovation_count"] = (
                Renovation.search_count([]) if Renovation.has_access("read") else 0
            )
        return values

    def _renovation_searchbar(self):
        env = request.env
        sortings = {
            "date": {"label": env._("Newest"), "order": "date_application desc, id desc"},
            "name": {"label": env._("Reference"), "order": "name desc, id desc"},
            "state": {"label": env._("Status"), "order": "state, date_application desc"},
        }
        filters = {
            "all": {"label": env._("All"), "domain": []},
            "open": {"label": env._("Open"), "domain": [("state", "not in", CLOSED_STATES)]},
            "closed": {"label": env._("Closed"), "domain": [("state", "in", CLOSED_STATES)]},
        }
        return sortings, filters

    @http.route(
        ["/my/renovations", "/my/renovations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_renovations(self, page=1, sortby="date", filterby="all", **kw):
        renovations, values = self._portal_list_values(
            "property.renovation",
            "/my/renovations",
            self._renovation_searchbar(),
            page,
            sortby,
            filterby,
        )
        request.session["my_renovations_history"] = renovations.ids[:100]
        values.update(
            {
                # read as found with the user's rights, shown with the company's names
                "renovations": renovations.sudo(),
                "can_apply": bool(request.env["property.renovation"]._portal_units()),
                "page_name": "property_renovation",
            }
        )
        return request.render("property_renovation.portal_my_renovations", values)

    @http.route(["/my/renovations/<int:renovation_id>"], type="http", auth="public", website=True)
    def portal_my_renovation(self, renovation_id, access_token=None, message=None, **kw):
        renovation_sudo = self._check_or_404("property.renovation", renovation_id, access_token)
        renovation_sudo._portal_document_attachments().generate_access_token()
        values = self._get_page_view_values(
            renovation_sudo,
            access_token,
            {
                **self._prepare_portal_layout_values(),
                "renovation": renovation_sudo,
                "steps": self._renovation_steps(renovation_sudo),
                "attachment_groups": self._renovation_documents(renovation_sudo),
                "scopes": self._renovation_scopes(renovation_sudo),
                "fee_move": renovation_sudo.fee_move_id,
                "fee_charges": renovation_sudo.charge_ids.filtered(
                    lambda c: c.state in ("pending", "invoiced")
                ),
                "message": message,
                "error": kw.get("error"),
                "page_name": "property_renovation",
            },
            "my_renovations_history",
            False,
            **kw,
        )
        return request.render("property_renovation.portal_my_renovation", values)

    def _renovation_steps(self, renovation):
        """(label, when, widget) of the steps the application went through, in order."""
        renovation_fields = renovation._fields
        return [
            (
                renovation_fields[name]._description_string(request.env),
                renovation[name],
                renovation_fields[name].type,
            )
            for name in STEP_FIELDS
            if renovation[name]
        ]

    def _renovation_documents(self, renovation):
        """(label, attachments) of the application's documents."""
        return [
            (renovation._fields[name]._description_string(request.env), renovation[name])
            for name in PORTAL_DOCUMENTS.values()
        ]

    def _renovation_scopes(self, renovation=None):
        """(field, label, checked) of the scope checkboxes."""
        renovation_fields = request.env["property.renovation"]._fields
        return [
            (
                name,
                renovation_fields[name]._description_string(request.env),
                bool(renovation and renovation[name]),
            )
            for name in PORTAL_SCOPES
        ]

    def _renovation_form_values(self, renovation=None, form=None, error=None):
        """What the application form offers: the units the user may apply for (or the
        application's unit when completing it), the scopes, the posted values."""
        Renovation = request.env["property.renovation"]
        partner = request.env.user.partner_id
        if renovation:
            units = renovation.unit_id
            form = form or {
                "contractor_name": renovation.contractor_id.name or "",
                "contractor_contact": renovation.contractor_contact or "",
                "contractor_phone": renovation.contractor_phone or "",
                "date_start": renovation.date_start and renovation.date_start.isoformat(),
                "date_end": renovation.date_end and renovation.date_end.isoformat(),
                "drawings_stamped": renovation.drawings_stamped and "on",
                **{name: "on" for name in PORTAL_SCOPES if renovation[name]},
            }
        else:
            units = Renovation._portal_units()
            form = form or {}
        return {
            **self._prepare_portal_layout_values(),
            "renovation": renovation or Renovation,
            "units": units,
            # the rules of the estates offered, to accept with the application
            "estate_rules": [
                (estate, estate._renovation_rules_html()) for estate in units.sudo().estate_id
            ],
            "scopes": self._renovation_scopes(),
            "form": form,
            "default_signer": partner.name,
            "error": error,
            "page_name": "property_renovation_form",
        }

    def _renovation_files(self):
        """The uploaded files by form field, as (file name, content) pairs."""
        files = request.httprequest.files
        return {
            key: [(upload.filename, upload.read()) for upload in files.getlist(key) if upload]
            for key in PORTAL_DOCUMENTS
        }

    @http.route(
        ["/my/renovations/new"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_renovation_new(self, **post):
        template = "property_renovation.portal_renovation_form"
        if request.httprequest.method != "POST":
            return request.render(template, self._renovation_form_values())
        files = self._renovation_files()
        try:
            with request.env.cr.savepoint():
                renovation = request.env["property.renovation"]._portal_create(post, files)
        except (UserError, AccessError) as exc:
            return request.render(
                template, self._renovation_form_values(form=post, error=exc.args[0])
            )
        return request.redirect(f"{renovation.access_url}?message=submitted")

    def _portal_renovation(self, renovation_id, access_token=None):
        """The application as the portal user (the checks of its `_portal_*` methods),
        or 404."""
        self._check_or_404("property.renovation", renovation_id, access_token)
        return request.env["property.renovation"].browse(renovation_id)

    @http.route(
        ["/my/renovations/<int:renovation_id>/edit"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_renovation_edit(self, renovation_id, **post):
        """Complete the application sent back for changes, and submit it again."""
        renovation = self._portal_renovation(renovation_id)
        renovation_sudo = renovation.sudo()
        if renovation_sudo.state != "draft":
            return request.redirect(renovation_sudo.access_url)
        template = "property_renovation.portal_renovation_form"
        if request.httprequest.method != "POST":
            return request.render(template, self._renovation_form_values(renovation_sudo))
        files = self._renovation_files()
        try:
            with request.env.cr.savepoint():
                renovation._portal_resubmit(post, files)
        except (UserError, AccessError) as exc:
            return request.render(
                template,
                self._renovation_form_values(renovation_sudo, form=post, error=exc.args[0]),
            )
        return request.redirect(f"{renovation_sudo.access_url}?message=resubmitted")

    @http.route(
        [
            "/my/renovations/<int:renovation_id>/permit",
            "/my/renovations/<int:renovation_id>/passes",
        ],
        type="http",
        auth="public",
        website=True,
    )
    def portal_renovation_permit(self, renovation_id, access_token=None, download=False, **kw):
        """The construction permit, or the cards of the valid worker passes, as PDF."""
        renovation_sudo = self._check_or_404("property.renovation", renovation_id, access_token)
        if request.httprequest.path.endswith("/passes"):
            records = renovation_sudo.pass_ids.filtered(lambda p: not p.revoked)
            report = "property_renovation.action_report_renovation_pass"
            filename = request.env._("%(name)s Worker Passes", name=renovation_sudo.name)
        else:
            records = renovation_sudo.permit_id
            report = "property_renovation.action_report_renovation_permit"
            filename = records.name
        if not records:
            raise NotFound()
        reports = request.env["ir.actions.report"].sudo().with_company(renovation_sudo.company_id)
        pdf, _type = reports._render_qweb_pdf(report, records.ids)
        headers = [("Content-Type", "application/pdf"), ("Content-Length", len(pdf))]
        if download:
            headers.append(("Content-Disposition", content_disposition(f"{filename}.pdf")))
        return request.make_response(pdf, headers=headers)

    @http.route(
        ["/my/renovations/<int:renovation_id>/sign"], type="json", auth="user", website=True
    )
    def portal_renovation_sign(self, renovation_id, name=None, signature=None, **kw):
        """The signature form's call (portal.signature_form): the owner signs the
        approval result."""
        return self._property_sign(
            lambda: self._portal_renovation(renovation_id),
            request.env._("This application does not exist."),
            lambda renovation: renovation._portal_owner_sign(name, signature),
            lambda renovation: f"{renovation.sudo().access_url}?message=signed",
        )
