from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyTakeoverDocument(models.Model):
    """A document on a takeover's checklist: received or not, how many copies."""

    _name = "property.takeover.document"
    _description = "Takeover Document"
    _order = "sequence, id"

    takeover_id = fields.Many2one(
        "property.takeover", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="takeover_id.company_id", store=True, index=True)
    item_id = fields.Many2one("property.takeover.document.item", index=True)
    name = fields.Char(string="Document", required=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True)
    received = fields.Boolean()
    copies = fields.Integer(default=1)
    date_received = fields.Date(
        string="Received On",
        compute="_compute_date_received",
        store=True,
        precompute=True,
        readonly=False,
    )
    notes = fields.Char()

    _sql_constraints = [
        ("copies_positive", "CHECK(copies >= 0)", "The number of copies cannot be negative.")
    ]

    @api.depends("received")
    def _compute_date_received(self):
        """Today when ticked (the day typed stays), none when unticked."""
        for document in self:
            if not document.received:
                document.date_received = False
            elif not document.date_received:
                document.date_received = document.takeover_id.company_id._property_today()

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._check_takeover_open()
        return documents

    def write(self, vals):
        self._check_takeover_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_takeover(self):
        self._check_takeover_open()

    def _check_takeover_open(self):
        if self.takeover_id.filtered(lambda t: t.state in ("handed_over", "cancelled")):
            raise UserError(
                self.env._("The documents of a closed takeover inspection can no longer change.")
            )
