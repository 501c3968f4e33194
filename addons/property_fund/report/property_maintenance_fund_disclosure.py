from odoo import api, models


class PropertyMaintenanceFundDisclosureReport(models.AbstractModel):
    _name = "report.property_fund.report_maintenance_fund_disclosure"
    _description = "Maintenance Fund Disclosure"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["property.maintenance.fund.disclosure.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "property.maintenance.fund.disclosure.wizard",
            "docs": wizards,
            "disclosure_of": lambda wizard: wizard._disclosure(),
        }
