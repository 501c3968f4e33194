from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN.md, follow-up visits: safety-facility repairs within 2 days, leak repairs
    # within 3 days after the leak test, other repairs within 2 days.
    ticket_followup_safety_days = fields.Integer(
        string="Follow-up of Safety-facility Repairs (days)", default=2
    )
    ticket_followup_leak_days = fields.Integer(
        string="Follow-up of Leak Repairs (days after the leak test)", default=3
    )
    ticket_followup_other_days = fields.Integer(
        string="Follow-up of Other Requests (days)", default=2
    )
