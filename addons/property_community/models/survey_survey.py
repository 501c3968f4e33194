from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PURPOSES = [
    ("satisfaction", "Satisfaction Survey"),
    ("opinion", "Opinion Survey"),
    ("other", "Other"),
]


class SurveySurvey(models.Model):
    """A survey of an estate's owners: the quarterly satisfaction survey (满意度调查) or
    the annual opinion survey (《业主意见征询表》). It is sent with survey's own invite
    wizard to the estate's current owners, who answer it at survey's own pages while
    logged in on the portal; the satisfaction surveys' scale questions make the
    satisfaction figure (``property.survey.satisfaction.report``)."""

    _inherit = "survey.survey"

    property_estate_id = fields.Many2one(
        "property.estate",
        string="Estate",
        index=True,
        tracking=True,
        help="The estate whose current owners the survey is sent to.",
    )
    property_purpose = fields.Selection(
        PURPOSES,
        string="Purpose",
        tracking=True,
        help="Satisfaction surveys count into the satisfaction figure (KPI): the answers "
        "to their scale questions.",
    )
    property_date_from = fields.Date(string="Period From", tracking=True)
    property_date_to = fields.Date(string="Period To", tracking=True)
    property_owner_count = fields.Integer(
        string="Owners Invited",
        compute="_compute_property_owner_count",
        help="Owners of the estate who were sent the survey.",
    )

    @api.constrains("property_date_from", "property_date_to")
    def _check_property_period(self):
        for survey in self:
            if (
                survey.property_date_from
                and survey.property_date_to
                and survey.property_date_to < survey.property_date_from
            ):
                raise ValidationError(
                    self.env._(
                        "Survey %(survey)s: its period cannot end before it starts.",
                        survey=survey.title,
                    )
                )

    @api.depends("user_input_ids.partner_id", "property_estate_id")
    def _compute_property_owner_count(self):
        counts = dict(
            self.env["survey.user_input"]._read_group(
                [("survey_id", "in", self.ids), ("partner_id", "!=", False)],
                ["survey_id"],
                ["partner_id:count_distinct"],
            )
        )
        for survey in self:
            survey.property_owner_count = counts.get(survey, 0)

    def _property_owners(self):
        """The partners of the estate's current owners (co-owners included)."""
        self.ensure_one()
        occupancies = (
            self.env["property.occupancy"]
            .sudo()
            .search(
                [
                    ("unit_id.estate_id", "=", self.property_estate_id.id),
                    ("role", "=", "owner"),
                    ("state", "=", "current"),
                ]
            )
        )
        return occupancies.partner_id

    def action_property_send_to_owners(self):
        """Open survey's invite wizard with the estate's current owners as recipients
        (those with a portal account when the survey requires to log in). Survey's
        wizard makes one answer per owner and, sent again, reuses each owner's answer."""
        self.ensure_one()
        if not self.property_estate_id:
            raise UserError(
                self.env._(
                    "Survey %(survey)s: set the estate whose owners it is sent to.",
                    survey=self.title,
                )
            )
        owners = self._property_owners()
        if self.users_login_required:
            owners = owners.filtered(lambda partner: partner.sudo().user_ids)
        if not owners:
            raise UserError(
                self.env._(
                    "Survey %(survey)s: estate %(estate)s has no current owner with a "
                    "portal account to send it to.",
                    survey=self.title,
                    estate=self.property_estate_id.display_name,
                )
            )
        action = self.action_send_survey()
        action["context"] = {
            **action.get("context", {}),
            "default_partner_ids": owners.ids,
            "default_existing_mode": "resend",
        }
        return action
