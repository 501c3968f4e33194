from odoo import api, fields, models


class PropertyUnitMixin(models.AbstractModel):
    """A business record about one unit (occupancy, custody, handover, billing schedule,
    later tickets and renovations): the unit, and its estate and company stored for
    searching, grouping and the multi-company rules. Inherit it with mail.thread."""

    _name = "property.unit.mixin"
    _description = "Record of a Unit"
    _inherit = ["property.company.mixin"]
    _company_from = "unit_id"
    _check_company_auto = True

    unit_id = fields.Many2one(
        "property.unit",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)

    @api.depends("unit_id")
    def _compute_partner_id(self):
        """For a model whose `partner_id` is computed with this method: the unit's
        owner, the partner set so far kept when the unit has none."""
        for record in self:
            if record.unit_id.owner_id:
                record.partner_id = record.unit_id.owner_id
