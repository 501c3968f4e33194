from odoo import fields, http
from odoo.http import request

from odoo.addons.property_base.controllers.portal import PropertyPortal


class PropertySurveyPortal(PropertyPortal):
    """The estate surveys sent to the logged-in owner and not answered yet, on the
    portal's home and at ``/my/surveys``. The owner answers at survey's own pages
    (``/survey/start/...?answer_token=...``). Survey gives portal users no access to
    its models: the answers listed are those of the user's own partner, read as
    superuser."""

    def _property_open_answers(self):
        return (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("survey_id.property_estate_id", "!=", False),
                    ("survey_id.active", "=", True),
                    ("state", "in", ("new", "in_progress")),
                    ("test_entry", "=", False),
                    "|",
                    ("deadline", "=", False),
                    ("deadline", ">", fields.Datetime.now()),
                ],
                order="create_date desc, id desc",
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_survey_count" in counters:
            values["property_survey_count"] = (
                len(self._property_open_answers()) if request.env.user.share else 0
            )
        return values

    @http.route(["/my/surveys"], type="http", auth="user", website=True)
    def portal_my_surveys(self, **kw):
        values = {
            **self._prepare_portal_layout_values(),
            "answers": self._property_open_answers(),
            "page_name": "property_survey",
        }
        return request.render("property_community.portal_my_surveys", values)
