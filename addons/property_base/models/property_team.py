from odoo import fields, models


class PropertyTeam(models.Model):
    """A team of the property company (maintenance, security, cleaning...): responsible
    for facilities here, dispatched to service requests by property_ticket."""

    _name = "property.team"
    _description = "Property Team"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    leader_id = fields.Many2one("res.users", string="Team Leader", check_company=True)
    member_ids = fields.Many2many("res.users", string="Members", check_company=True)
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", check_company=True, help="Estates the team serves."
    )
    color = fields.Integer()
