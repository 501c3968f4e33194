from odoo import fields, models


class PropertyEmergencyPlanStep(models.Model):
    """A step of an emergency plan, in the order it is taken."""

    _name = "property.emergency.plan.step"
    _description = "Emergency Plan Step"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "property.emergency.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True)
    role_id = fields.Many2one(
        "property.emergency.plan.role",
        domain="[('plan_id', '=', plan_id)]",
        ondelete="set null",
        help="The role that takes this step.",
    )
    description = fields.Text(string="Details")
