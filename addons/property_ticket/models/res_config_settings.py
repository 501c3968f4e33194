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
    ticket_followup_onsite_target = fields.Float(
        related="company_id.ticket_followup_onsite_target", readonly=False
    )
    ticket_followup_complete_day = fields.Integer(
        related="company_id.ticket_followup_complete_day", readonly=False
    )
    ticket_spot_check_target = fields.Integer(
        related="company_id.ticket_spot_check_target", readonly=False
    )
    ticket_rework_escalation = fields.Integer(
        related="company_id.ticket_rework_escalation", readonly=False
    )
    ticket_dissatisfied_rating = fields.Integer(
        related="company_id.ticket_dissatisfied_rating", readonly=False
    )
