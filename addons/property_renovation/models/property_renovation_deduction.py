from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DEDUCTION_TYPES = [
    ("damage", "Damage"),
    ("violation", "Violation"),
    ("overdue", "Overdue Completion"),
    ("other", "Other"),
]


class PropertyRenovationDeduction(models.Model):
    """An amount kept from the renovation deposit (damage to common parts, a violation
    of the rules, late completion...), with its reason; the deposit is refunded less
    the deductions."""

    _name = "property.renovation.deduction"
    _description = "Renovation Deposit Deduction"
    _inherit = ["property.company.mixin"]
    _company_from = "renovation_id"
    _order = "date desc, id desc"
    _check_company_auto = True

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="cascade", check_company=True
    )
    currency_id = fields.Many2one(related="renovation_id.currency_id")
    unit_id = fields.Many2one(related="renovation_id.unit_id", store=True)
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True)
    deduction_type = fields.Selection(
        DEDUCTION_TYPES, string="Type", required=True, default="damage"
    )
    name = fields.Text(string="Reason", required=True)
    amount = fields.Monetary(required=True, aggregator="sum")
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("amount")
    def _check_amount(self):
        for deduction in self:
            if deduction.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Deduction “%(reason)s”: the amount must be positive.",
                        reason=deduction.name,
                    )
                )

    @api.constrains("amount", "renovation_id")
    def _check_total(self):
        for renovation in self.renovation_id:
            total = sum(renovation.deduction_ids.mapped("amount"))
            if renovation.currency_id.compare_amounts(total, renovation.deposit_amount) > 0:
                raise ValidationError(
                    self.env._(
                        "Renovation %(name)s: the deductions (%(total)s) cannot exceed the "
                        "deposit (%(deposit)s).",
                        name=renovation.name,
                        total=total,
                        deposit=renovation.deposit_amount,
                    )
                )

    @api.constrains("renovation_id", "amount", "name", "deduction_type")
    def _check_renovation_open(self):
        for deduction in self:
            if deduction.renovation_id.state in ("settled", "closed", "rejected", "withdrawn"):
                raise ValidationError(
                    self.env._(
                        "Renovation %(name)s is settled or closed: its deductions can no "
                        "longer change.",
                        name=deduction.renovation_id.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_before_settlement(self):
        if any(d.renovation_id.state in ("settled", "closed") for d in self):
            raise UserError(
                self.env._("The deductions of a settled deposit can no longer be deleted.")
            )
