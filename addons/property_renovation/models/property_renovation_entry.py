from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

ENTRY_STATES = [("draft", "Draft"), ("confirmed", "Confirmed")]
CHECK_AREAS = [
    ("doors", "Doors"),
    ("windows", "Windows"),
    ("walls", "Walls"),
    ("utilities", "Water / Power"),
    ("protection", "Protective Measures"),
    ("other", "Other"),
]


class PropertyRenovationEntryItem(models.Model):
    """An item of the entry inspection checklist (进场装修确认表), copied to each entry
    inspection."""

    _name = "property.renovation.entry.item"
    _description = "Renovation Entry Checklist Item"
    _order = "sequence, id"

    name = fields.Char(string="Item", required=True, translate=True)
    area = fields.Selection(CHECK_AREAS, required=True, default="other")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: every company.")


class PropertyRenovationEntry(models.Model):
    """The entry inspection (进场装修确认表) before the works start: the state of the
    unit's doors, windows, walls and water / power, the meter readings and the
    protective measures in place, confirmed by the property company and the applicant
    (or the decoration company). Works cannot start without a confirmed one."""

    _name = "property.renovation.entry"
    _description = "Renovation Entry Inspection"
    _inherit = ["property.company.mixin", "mail.thread", "property.workflow.mixin"]
    _company_from = "renovation_id"
    _order = "date desc, id desc"
    _check_company_auto = True

    renovation_id = fields.Many2one(
        "property.renovation",
        string="Application",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    name = fields.Char(related="renovation_id.name", string="Application Reference")
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="renovation_id.unit_id", store=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Inspector",
        default=lambda self: self.env.user,
        required=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        ENTRY_STATES, default="draft", required=True, readonly=True, tracking=True, copy=False
    )
    line_ids = fields.One2many("property.renovation.entry.line", "entry_id", string="Checklist")
    meter_water = fields.Float(string="Water Meter (m³)", digits=(16, 2))
    meter_electricity = fields.Float(string="Electricity Meter (kWh)", digits=(16, 2))
    meter_gas = fields.Float(string="Gas Meter (m³)", digits=(16, 2))
    note = fields.Text()
    company_confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed For the Company", readonly=True, copy=False
    )
    applicant_signature = fields.Binary(copy=False, attachment=True)
    applicant_signed_by = fields.Char(
        string="Signed By",
        copy=False,
        help="The applicant or the decoration company's site manager.",
    )
    date_confirmed = fields.Datetime(string="Confirmed On", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        items = self.env["property.renovation.entry.item"].search([])
        for entry in entries.filtered(lambda e: not e.line_ids):
            entry.line_ids = [
                Command.create({"item_id": item.id, "name": item.name, "area": item.area})
                for item in items
                if item.company_id in (entry.company_id, self.env["res.company"])
            ]
        return entries

    def action_confirm(self):
        """Both parties confirm: every item checked, the applicant's signature taken."""
        for entry in self:
            if entry.state != "draft":
                raise UserError(
                    self.env._(
                        "Entry inspection of %(name)s is already confirmed.", name=entry.name
                    )
                )
            unchecked = entry.line_ids.filtered(lambda line: not line.result)
            if unchecked:
                raise UserError(
                    self.env._(
                        "Entry inspection of %(name)s: record the condition of every item "
                        "(%(items)s).",
                        name=entry.name,
                        items=", ".join(unchecked.mapped("name")),
                    )
                )
            if not (entry.applicant_signature and entry.applicant_signed_by):
                raise UserError(
                    self.env._(
                        "Entry inspection of %(name)s: the applicant or the decoration "
                        "company signs it too.",
                        name=entry.name,
                    )
                )
        self._write_workflow(
            {
                "state": "confirmed",
                "company_confirmed_by_id": self.env.uid,
                "date_confirmed": fields.Datetime.now(),
            }
        )
        return True

    def action_reset(self):
        self.filtered(lambda e: e.state == "confirmed")._write_workflow(
            {"state": "draft", "company_confirmed_by_id": False, "date_confirmed": False}
        )
        return True


class PropertyRenovationEntryLine(models.Model):
    _name = "property.renovation.entry.line"
    _description = "Renovation Entry Inspection Item"
    _inherit = ["property.company.mixin"]
    _company_from = "entry_id"
    _order = "entry_id, sequence, id"

    entry_id = fields.Many2one(
        "property.renovation.entry", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    item_id = fields.Many2one("property.renovation.entry.item", string="Checklist Item")
    name = fields.Char(string="Item", required=True)
    area = fields.Selection(CHECK_AREAS, required=True, default="other")
    result = fields.Selection([("ok", "Good"), ("damaged", "Damaged")], string="Condition")
    note = fields.Text()
    photo = fields.Image(max_width=1920, max_height=1920)
