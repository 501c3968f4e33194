from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # the estates a user works for are their employees'
    property_estate_ids = fields.Many2many(
        compute="_compute_property_estate_ids",
        store=True,
        compute_sudo=True,
    )
    property_managed_department_ids = fields.Many2many(
        "hr.department",
        string="Managed Departments",
        compute="_compute_property_managed_department_ids",
        compute_sudo=True,
        help="The departments the user's employees head: the user sees the "
        "assessments of these departments and of the departments below.",
    )

    @api.depends("employee_ids.property_estate_ids", "employee_ids.active")
    def _compute_property_estate_ids(self):
        # not employee_ids: its domain keeps the employees of the current companies
        employees = self.env["hr.employee"].search([("user_id", "in", self.ids)])
        changed = False
        for user in self:
            estates = employees.filtered(lambda e, user=user: e.user_id == user).property_estate_ids
            if user.id and estates != user.property_estate_ids:
                changed = True
            user.property_estate_ids = estates
        if changed:
            # the record rules read the user's estates and are cached per user
            self.env.registry.clear_cache()

    def _compute_property_managed_department_ids(self):
        departments = self.env["hr.department"].search([("manager_id.user_id", "in", self.ids)])
        for user in self:
            user.property_managed_department_ids = departments.filtered(
                lambda d, user=user: d.manager_id.user_id == user
            )
