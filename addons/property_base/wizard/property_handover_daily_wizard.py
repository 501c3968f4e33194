from odoo import fields, models


class PropertyHandoverDailyWizard(models.TransientModel):
    """Prints the daily handover report (交房日报表) of a day for chosen estates."""

    _name = "property.handover.daily.wizard"
    _description = "Daily Handover Report"

    date = fields.Date(required=True, default=fields.Date.context_today)
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", help="Leave empty for every estate."
    )

    def _handovers(self):
        """The handovers of the day: done, and not taken over (with their reasons)."""
        self.ensure_one()
        domain = [("date", "=", self.date), ("state", "in", ("done", "not_taken"))]
        if self.estate_ids:
            domain.append(("estate_id", "in", self.estate_ids.ids))
        return self.env["property.handover"].search(domain, order="estate_id, state, unit_id")

    def action_print(self):
        return self.env.ref("property_base.action_report_handover_daily").report_action(self)
