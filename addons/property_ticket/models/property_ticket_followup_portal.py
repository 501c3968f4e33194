from odoo import fields, models


class PropertyTicketFollowup(models.Model):
    _inherit = "property.ticket.followup"

    method = fields.Selection(
        selection_add=[("portal", "Rated on the Portal")], ondelete={"portal": "set default"}
    )
