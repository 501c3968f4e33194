from odoo import api, fields, models


class PropertyEmergencyPlanRole(models.Model):
    """A role of an emergency plan (总指挥, 疏散引导组...): who holds it and how to reach
    them at once."""

    _name = "property.emergency.plan.role"
    _description = "Emergency Plan Role"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "property.emergency.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Role", required=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", domain=[("share", "=", False)], index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Who holds the role: the responsible user's contact, or an outside contact "
        "(the fire brigade, the elevator contractor's rescue line...).",
    )
    phone = fields.Char(compute="_compute_phone", store=True, readonly=False, precompute=True)
    duties = fields.Text(help="What the role does when the plan is set off.")

    @api.depends("user_id")
    def _compute_partner_id(self):
        for role in self:
            if role.user_id:
                role.partner_id = role.user_id.partner_id

    @api.depends("partner_id")
    def _compute_phone(self):
        for role in self:
            if role.partner_id:
                role.phone = role.partner_id.mobile or role.partner_id.phone or role.phone
