from odoo import api, fields, models


class PropertyCompanyMixin(models.AbstractModel):
    """A record whose company is the company of its parent: the estate of a unit, the
    unit of an occupancy, the ticket of a material line. Name the parent (a required
    many2one) in ``_company_from``.

    Until the parent is chosen, the company is the user's current company, as core
    models default ``company_id`` to ``self.env.company``: the web client filters the
    choices of every ``check_company`` field - the parent's first - by this field, and
    an empty company would offer no record at all on *New*."""

    _name = "property.company.mixin"
    _description = "Record in its Parent's Company"
    _company_from = None
    # the code of the ir.sequence numbering the records in their company ("name" left
    # empty or "/" at creation), if they are numbered
    _sequence_code = None

    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        index=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if self._sequence_code:
            for vals in vals_list:
                if vals.get("name", "/") == "/":
                    sequence = self.env["ir.sequence"].with_company(self._company_of_vals(vals))
                    vals["name"] = sequence.next_by_code(self._sequence_code) or "/"
        return super().create(vals_list)

    @api.model
    def _company_of_vals(self, vals):
        """The company of a record about to be created with `vals`: its parent's, else
        the current company."""
        Parent = self.env[self._fields[self._company_from].comodel_name]
        return Parent.browse(vals.get(self._company_from)).company_id or self.env.company

    @api.depends(lambda self: [f"{self._company_from}.company_id"] if self._company_from else [])
    def _compute_company_id(self):
        for record in self:
            record.company_id = record[self._company_from].company_id or self.env.company
