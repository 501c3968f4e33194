from odoo import api, models


class PropertyTicketStatisticsReport(models.AbstractModel):
    _name = "report.property_ticket.report_ticket_statistics"
    _description = "Monthly Service Statistics"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["property.ticket.statistics.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "property.ticket.statistics.wizard",
            "docs": wizards,
            "summaries_of": lambda wizard: [
                wizard._summary(estate) for estate in wizard._estates()
            ],
        }
