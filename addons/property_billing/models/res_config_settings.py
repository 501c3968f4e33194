from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    custody_fee_factor = fields.Float(related="company_id.custody_fee_factor", readonly=False)
    property_late_fee_rate = fields.Float(
        related="company_id.property_late_fee_rate", readonly=False
    )
    property_move_in_months = fields.Integer(
        related="company_id.property_move_in_months", readonly=False
    )
    property_reminder_due_days_monthly = fields.Integer(
        related="company_id.property_reminder_due_days_monthly", readonly=False
    )
    property_reminder_due_months = fields.Integer(
        related="company_id.property_reminder_due_months", readonly=False
    )
    property_final_notice_after_days = fields.Integer(
        related="company_id.property_final_notice_after_days", readonly=False
    )
    property_final_notice_due_days = fields.Integer(
        related="company_id.property_final_notice_due_days", readonly=False
    )
    property_formal_demand_after_months = fields.Integer(
        related="company_id.property_formal_demand_after_months", readonly=False
    )
    property_wallet_journals = fields.Boolean(
        related="company_id.property_wallet_journals", readonly=False
    )
