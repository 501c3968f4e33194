from odoo import api, fields, models
from odoo.exceptions import AccessError

TEAM_KINDS = [
    ("management", "Management"),
    ("customer_service", "Customer Service"),
    ("maintenance", "Maintenance"),
    ("security", "Security"),
    ("cleaning", "Cleaning"),
    ("greening", "Greening"),
    ("finance", "Finance"),
    ("administration", "HR & Administration"),
    ("warehouse", "Warehouse"),
    ("quality", "Quality"),
]


class HrJob(models.Model):
    """A role (岗位) of the property company: what the holder may do in Odoo (the user
    groups granted on onboarding), the kind of team they join, and the trainings and
    certificates the role requires."""

    _inherit = "hr.job"

    # the job description (职位描述) is shown to staff in their language
    description = fields.Html(translate=True)
    property_group_ids = fields.Many2many(
        "res.groups",
        "hr_job_property_group_rel",
        "job_id",
        "group_id",
        string="Access Groups",
        help="User groups given to the users of the employees holding this position; "
        "taken back when they leave it. Only access-rights administrators may change them.",
    )
    property_team_kind = fields.Selection(
        TEAM_KINDS,
        string="Team Kind",
        help="The kind of team the holders join: they become members of the teams of this "
        "kind serving their estates.",
    )
    property_home_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Lands On",
        help="What the holders see first when they log in: their own work.",
    )
    property_course_ids = fields.Many2many(
        "property.training.course",
        "property_training_course_job_rel",
        "job_id",
        "course_id",
        string="Required Courses",
    )
    property_certification_type_ids = fields.Many2many(
        "property.certification.type",
        "property_certification_type_job_rel",
        "job_id",
        "type_id",
        string="Required Certificates",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("property_group_ids") for vals in vals_list):
            self._check_property_group_access()
        return super().create(vals_list)

    def write(self, vals):
        if "property_group_ids" in vals:
            self._check_property_group_access()
        res = super().write(vals)
        if "property_group_ids" in vals:
            employees = self.env["hr.employee"].sudo().search([("job_id", "in", self.ids)])
            employees._property_apply_role()
        return res

    def _check_property_group_access(self):
        """Whoever sets a role's groups grants them to every holder: an HR officer must
        not be able to make anyone an administrator."""
        if not self.env.su and not self.env.user.has_group("base.group_erp_manager"):
            raise AccessError(
                self.env._("Only access-rights administrators may change the groups of a role.")
            )

    def _property_required_groups(self):
        """The groups the holders of these roles need, with the groups they imply."""
        groups = self.sudo().property_group_ids
        return groups | groups.trans_implied_ids
