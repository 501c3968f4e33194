from odoo import api, fields, models

RENOVATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("review", "Engineering Review"),
    ("approved", "Approved"),
    ("agreement", "Agreement Signed"),
    ("fees_paid", "Fees Paid"),
    ("permit", "Permit Issued"),
    ("in_progress", "Works in Progress"),
    ("inspection", "Completion Inspection"),
    ("accepted", "Accepted"),
    ("settled", "Deposit Settled"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
# the works run (the unit shows "renovating") from the permit to the acceptance
WORKS_STATES = ("permit", "in_progress", "inspection")


class PropertyRenovation(models.Model):
    """A renovation application (装修申请, DOMAIN §7): the owner's (or agent's) request
    to renovate a unit, from the application with its documents through the engineering
    review, agreement, fees and deposit, permit and works, to the completion acceptance
    and the deposit refund."""

    _name = "property.renovation"
    _description = "Renovation Application"
    _inherit = [
        "property.unit.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
    ]
    _order = "date_application desc, id desc"
    _rec_names_search = ["name", "unit_id.code", "applicant_id.name"]
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    state = fields.Selection(
        RENOVATION_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_application = fields.Date(
        string="Application Date", default=fields.Date.context_today, required=True, copy=False
    )
    applicant_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        help="The owner of the unit, or an agent holding the owner's power of attorney.",
    )
    contractor_id = fields.Many2one(
        "res.partner",
        string="Decoration Company",
        index="btree_not_null",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Engineer",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="The engineering-department reviewer in charge of the application.",
    )
    date_start = fields.Date(string="Planned Start", tracking=True)
    date_end = fields.Date(string="Planned End", tracking=True)
    description = fields.Html(string="Works")

    # scope (checkboxes of the application form)
    scope_walls = fields.Boolean(string="Walls")
    scope_floors = fields.Boolean(string="Floors")
    scope_ceiling = fields.Boolean(string="Ceiling")
    scope_lines = fields.Boolean(string="Water / Power Lines")
    scope_low_voltage = fields.Boolean(string="Low-voltage")
    scope_kitchen_bath = fields.Boolean(string="Kitchen / Bath")
    scope_structure = fields.Boolean(string="Structure / Load")
    scope_fire = fields.Boolean(string="Fire Protection")
    scope_gas = fields.Boolean(string="Gas")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                unit = self.env["property.unit"].browse(vals.get("unit_id"))
                sequence = self.env["ir.sequence"].with_company(unit.company_id or self.env.company)
                vals["name"] = sequence.next_by_code("property.renovation") or "/"
        return super().create(vals_list)

    def _compute_access_url(self):
        for renovation in self:
            renovation.access_url = f"/my/renovations/{renovation.id}"
