from odoo import api, models


class PropertyHandoverDailyReport(models.AbstractModel):
    _name = "report.property_base.report_handover_daily"
    _description = "Daily Handover Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["property.handover.daily.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "property.handover.daily.wizard",
            "docs": wizards,
            "handovers_of": lambda wizard: wizard._handovers(),
        }
