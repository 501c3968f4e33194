from dateutil.relativedelta import relativedelta

from odoo import fields, models


class PropertyKpiAssessmentGenerate(models.TransientModel):
    """Create a month's assessments for the letters in force (what the monthly cron
    does for last month)."""

    _name = "property.kpi.assessment.generate"
    _description = "Generate Monthly Assessments"

    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=1, months=-1),
        help="Any day of the month to assess.",
    )
    letter_ids = fields.Many2many(
        "property.kpi.letter",
        string="Letters",
        domain="[('state', '=', 'active')]",
        help="Leave empty for all the letters in force.",
    )

    def action_generate(self):
        self.ensure_one()
        assessments = self.env["property.kpi.assessment"]._generate(
            self.month, self.letter_ids or None
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_hr.action_property_kpi_assessment"
        )
        action["domain"] = [("month", "=", self.month + relativedelta(day=1))]
        action["context"] = {}
        if not assessments:
            action["help"] = self.env._(
                "No new assessment: they exist already, or no letter is in force."
            )
        return action
