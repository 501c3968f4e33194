from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

TRADES = [
    ("manager", "Site Manager"),
    ("mason", "Mason / Tiler"),
    ("carpenter", "Carpenter"),
    ("electrician", "Electrician"),
    ("plumber", "Plumber"),
    ("painter", "Painter"),
    ("labourer", "Labourer"),
    ("other", "Other"),
]
REVOKE_REASONS = [
    ("stopped", "Works Stopped"),
    ("ended", "Works Ended"),
    ("manual", "Withdrawn"),
]


class PropertyRenovationPass(models.Model):
    """A worker's pass (出入证) for the works of a permit: who may come in, checked by
    security at the gate. It never runs beyond the permit and is revoked when the works
    stop (restored when they resume) or end."""

    _name = "property.renovation.pass"
    _description = "Renovation Worker Pass"
    _inherit = ["property.company.mixin", "mail.thread"]
    _company_from = "renovation_id"
    _order = "permit_id desc, id"
    _check_company_auto = True

    name = fields.Char(string="Worker", required=True, tracking=True)
    id_number = fields.Char(string="ID Number", required=True)
    phone = fields.Char()
    photo = fields.Image(max_width=512, max_height=512)
    trade = fields.Selection(TRADES, required=True, default="other")
    number = fields.Char(
        string="Pass Number", readonly=True, copy=False, compute="_compute_number", store=True
    )
    renovation_id = fields.Many2one(
        "property.renovation",
        string="Application",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    permit_id = fields.Many2one(
        "property.renovation.permit",
        compute="_compute_permit_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('renovation_id', '=', renovation_id)]",
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="renovation_id.unit_id", store=True)
    contractor_id = fields.Many2one(related="renovation_id.contractor_id")
    date_from = fields.Date(
        string="Valid From",
        compute="_compute_dates",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    date_to = fields.Date(
        string="Valid Until",
        compute="_compute_dates",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
        help="Never beyond the permit's end; extending the permit extends the passes "
        "that ran to its end.",
    )
    revoked = fields.Boolean(readonly=True, copy=False, tracking=True, index=True)
    revoke_reason = fields.Selection(REVOKE_REASONS, readonly=True, copy=False)
    is_valid = fields.Boolean(
        string="Valid Today", compute="_compute_is_valid", search="_search_is_valid"
    )

    @api.depends("permit_id.name")
    def _compute_number(self):
        for worker_pass in self:
            worker_pass.number = (
                f"{worker_pass.permit_id.name}-{worker_pass.id}" if worker_pass.id else False
            )

    @api.depends("renovation_id")
    def _compute_permit_id(self):
        for worker_pass in self:
            if not worker_pass.permit_id and worker_pass.renovation_id.permit_id:
                worker_pass.permit_id = worker_pass.renovation_id.permit_id

    @api.depends("permit_id")
    def _compute_dates(self):
        today = fields.Date.context_today(self)
        for worker_pass in self:
            permit = worker_pass.permit_id
            if permit:
                worker_pass.date_from = max(permit.date_from, today)
                worker_pass.date_to = permit.date_to

    @api.constrains("date_from", "date_to", "permit_id")
    def _check_dates(self):
        for worker_pass in self:
            permit = worker_pass.permit_id
            if worker_pass.date_to < worker_pass.date_from:
                raise ValidationError(
                    self.env._(
                        "Pass of %(worker)s: the validity cannot end before it starts.",
                        worker=worker_pass.name,
                    )
                )
            if worker_pass.date_to > permit.date_to or worker_pass.date_from < permit.date_from:
                raise ValidationError(
                    self.env._(
                        "Pass of %(worker)s: valid %(start)s – %(end)s at most, the "
                        "validity of permit %(permit)s.",
                        worker=worker_pass.name,
                        start=permit.date_from,
                        end=permit.date_to,
                        permit=permit.name,
                    )
                )

    @api.depends("revoked", "date_from", "date_to")
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for worker_pass in self:
            # A new pass has no dates until its permit is chosen.
            worker_pass.is_valid = bool(
                not worker_pass.revoked
                and worker_pass.date_from
                and worker_pass.date_to
                and worker_pass.date_from <= today <= worker_pass.date_to
            )

    def _search_is_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on the pass validity."))
        today = fields.Date.context_today(self)
        domain = [("revoked", "=", False), ("date_from", "<=", today), ("date_to", ">=", today)]
        return domain if (operator == "=") == value else ["!", *expression.normalize_domain(domain)]

    def _revoke(self, reason):
        self.filtered(lambda p: not p.revoked).write({"revoked": True, "revoke_reason": reason})

    def _restore(self, reason):
        self.filtered(lambda p: p.revoke_reason == reason).write(
            {"revoked": False, "revoke_reason": False}
        )

    def action_revoke(self):
        self._revoke("manual")
        return True

    def action_print(self):
        return self.env.ref("property_renovation.action_report_renovation_pass").report_action(self)
