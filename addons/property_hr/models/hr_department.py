from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        if departments.manager_id.user_id:
            self.env.registry.clear_cache()
        return departments

    def write(self, vals):
        res = super().write(vals)
        if "manager_id" in vals:
            # the assessment rules read the departments a user heads, cached per user
            self.env.registry.clear_cache()
        return res
