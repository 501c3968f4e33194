from odoo import api, fields, models


class AccountMove(models.Model):
    """A property invoice is the payment notice (付款通知书) of a payer: it knows the
    unit(s) and the period it bills, from the pending charges on its lines."""

    _inherit = "account.move"

    property_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        compute="_compute_property_fields",
        store=True,
        index="btree_not_null",
        help="The unit billed (the first one when the invoice bills several).",
    )
    property_estate_id = fields.Many2one(
        "property.estate",
        string="Estate",
        compute="_compute_property_fields",
        store=True,
        index="btree_not_null",
    )
    property_period_start = fields.Date(
        string="Billed From", compute="_compute_property_fields", store=True
    )
    property_period_end = fields.Date(
        string="Billed Until", compute="_compute_property_fields", store=True
    )
    property_unit_ids = fields.Many2many(
        "property.unit", string="Units", compute="_compute_property_unit_ids"
    )

    @api.depends("invoice_line_ids.property_charge_id")
    def _compute_property_fields(self):
        for move in self:
            charges = move.invoice_line_ids.property_charge_id
            starts = [d for d in charges.mapped("period_start") if d]
            ends = [d for d in charges.mapped("period_end") if d]
            move.property_unit_id = charges[:1].unit_id
            move.property_estate_id = charges[:1].estate_id
            move.property_period_start = min(starts) if starts else False
            move.property_period_end = max(ends) if ends else False

    @api.depends("invoice_line_ids.property_unit_id")
    def _compute_property_unit_ids(self):
        for move in self:
            move.property_unit_ids = move.invoice_line_ids.property_unit_id


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_charge_id = fields.Many2one("property.charge", index="btree_not_null", copy=False)
    # Set from the charge on billed lines; other entries (e.g. a maintenance-fund
    # contribution) may set it themselves.
    property_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        compute="_compute_property_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )

    @api.depends("property_charge_id")
    def _compute_property_unit_id(self):
        for line in self.filtered("property_charge_id"):
            line.property_unit_id = line.property_charge_id.unit_id
