from odoo import fields, models


class PropertyMaintenanceFundExpenseShare(models.Model):
    """The share of a unit in a use of the maintenance fund, by building area."""

    _name = "property.maintenance.fund.expense.share"
    _description = "Maintenance Fund Use Share"
    _inherit = ["property.company.mixin"]
    _company_from = "expense_id"
    _order = "expense_id, building_id, unit_id"
    _check_company_auto = True

    expense_id = fields.Many2one(
        "property.maintenance.fund.expense", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, ondelete="restrict", check_company=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    owner_id = fields.Many2one(related="unit_id.owner_id")
    area = fields.Float(string="Building Area (m²)", digits=(12, 2))
    amount = fields.Monetary(aggregator="sum")
