from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    property_estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        check_company=True,
        groups="hr.group_hr_user",
        help="The estates (管理处) the employee works for.",
    )
