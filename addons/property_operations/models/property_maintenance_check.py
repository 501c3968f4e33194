from odoo import api, fields, models

RESULTS = [("ok", "Normal"), ("fault", "Fault Found"), ("na", "Not Applicable")]


class PropertyMaintenanceCheckItem(models.Model):
    """An item of the maintenance checklist of an equipment kind (elevators: the
    half-monthly items of TSG T5002; fire systems: the monthly checks): data, editable,
    given to each preventive order of the kind when it is created."""

    _name = "property.maintenance.check.item"
    _description = "Maintenance Checklist Item"
    _order = "category_id, sequence, id"

    name = fields.Char(string="Item", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "maintenance.equipment.category",
        string="Equipment Kind",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", index=True, help="Empty: every company.")


class PropertyMaintenanceCheck(models.Model):
    """A line of the checklist of a maintenance order: the contractor's technician
    records its result; once the order is verified by engineering it no longer
    changes."""

    _name = "property.maintenance.check"
    _description = "Maintenance Checklist Line"
    _inherit = ["property.company.mixin"]
    _company_from = "request_id"
    _check_company_auto = True
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "maintenance.request",
        string="Maintenance Order",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    item_id = fields.Many2one(
        "property.maintenance.check.item",
        string="Check Item",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    # read in the reader's language; an item in use is archived rather than deleted
    name = fields.Char(related="item_id.name", string="Check")
    result = fields.Selection(RESULTS)
    note = fields.Char(string="Comment")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.request_id._check_not_verified()
        return lines

    def write(self, vals):
        self.request_id._check_not_verified()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_verified(self):
        self.request_id._check_not_verified()

    def _missing_result(self):
        return self.filtered(lambda line: not line.result)
