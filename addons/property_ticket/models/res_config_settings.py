from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ticket_followup_safety_days = fields.Integer(
        related="company_id.ticket_followup_safety_days", readonly=False
    )
    ticket_followup_leak_days = fields.Integer(
        related="company_id.ticket_followup_leak_days", readonly=False
    )
    ticket_followup_other_days = fields.Integer(
        related="company_id.ticket_followup_other_days", readonly=False
    )
    property_ticket_calendar_id = fields.Many2one(
        related="company_id.resource_calendar_id", readonly=False
    )
