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

    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        index=True,
    )

    @api.depends(lambda self: [f"{self._company_from}.company_id"] if self._company_from else [])
    def _compute_company_id(self):
        for record in self:
            record.company_id = record[self._company_from].company_id or self.env.company
