from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, staff: the collection rate is a KPI; whether the late fees billed count
    # in it is the company's choice (by default, the fees only).
    kpi_collection_late_fees = fields.Boolean(
        string="Late Fees in the Collection Rate KPI",
        help="Count late fees in what was billed and collected when the collection rate "
        "of the assessments is computed; unticked, the fees only.",
    )
