from odoo import fields, models

from .hr_job import TEAM_KINDS


class PropertyTeam(models.Model):
    _inherit = "property.team"

    property_kind = fields.Selection(
        TEAM_KINDS,
        string="Kind",
        help="Employees whose position has this team kind join the team when they work for "
        "one of its estates.",
    )
