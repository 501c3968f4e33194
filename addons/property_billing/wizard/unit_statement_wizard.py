from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyUnitStatementWizard(models.TransientModel):
    """Prints the statement of account (对账单) of units for a date range (default:
    this year)."""

    _name = "property.unit.statement.wizard"
    _description = "Print Unit Statements of Account"

    unit_ids = fields.Many2many(
        "property.unit", string="Units", required=True, default=lambda self: self._default_units()
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_dates()[0]
    )
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_dates()[1])

    def _default_dates(self):
        return self.env["report.property_billing.report_unit_statement"]._default_dates()

    def _default_units(self):
        if self.env.context.get("active_model") == "property.unit":
            return self.env["property.unit"].browse(self.env.context.get("active_ids"))
        return self.env["property.unit"]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The statement must start before it ends."))

    def action_print(self):
        self.ensure_one()
        return self.env.ref("property_billing.action_report_unit_statement").report_action(
            self.unit_ids,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
