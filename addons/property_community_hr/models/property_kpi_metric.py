from odoo import fields, models

from odoo.addons.property_hr.models.property_kpi_metric import figure


class PropertyKpiMetric(models.Model):
    _inherit = "property.kpi.metric"

    source = fields.Selection(
        selection_add=[("survey", "Surveys")], ondelete={"survey": "set default"}
    )

    def _compute_metric_survey_satisfaction(self, scope, date_from, date_to):
        """Owner satisfaction (%) of the scope's estates (an employee's or a
        department's estates, a team's, the estate itself): the ratings of the
        satisfaction surveys completed in the period that are 4 or 5 out of 5 / ratings,
        as property_community's satisfaction report counts them."""
        domain = [
            ("company_id", "=", scope.company_id.id),
            ("estate_id", "in", self._scope_estates(scope).ids),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        [(rate,)] = (
            self.env["property.survey.satisfaction.report"]
            .sudo()
            ._read_group(domain, [], ["satisfaction_rate:avg"])
        )
        return figure(rate)
