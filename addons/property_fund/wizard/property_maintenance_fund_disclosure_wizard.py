from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyMaintenanceFundDisclosureWizard(models.TransientModel):
    """Prints the public disclosure (公示) of an estate's maintenance fund for a period:
    per building, the opening balance, the contributions, each use, the closing balance."""

    _name = "property.maintenance.fund.disclosure.wizard"
    _description = "Maintenance Fund Disclosure"

    estate_id = fields.Many2one("property.estate", required=True)
    company_id = fields.Many2one(related="estate_id.company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(month=1, day=1)
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The period cannot end before it starts."))

    def _disclosure(self):
        """[{building, opening, contributions, uses: [{date, reference, description,
        amount, cancellation}], used, other, closing}] for each building of the estate
        (and the estate's units without a building, if they have fund movements)."""
        self.ensure_one()
        Ledger = self.env["property.maintenance.fund.ledger"]
        estate = [("estate_id", "=", self.estate_id.id)]
        period = [*estate, ("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        opening = dict(
            Ledger._read_group(
                [*estate, ("date", "<", self.date_from)], ["building_id"], ["amount:sum"]
            )
        )
        movements = {
            (building, kind): amount
            for building, kind, amount in Ledger._read_group(
                period, ["building_id", "kind"], ["amount:sum"]
            )
        }
        uses = {}
        for building, expense, move, amount in Ledger._read_group(
            [*period, ("kind", "=", "use")],
            ["building_id", "expense_id", "move_id"],
            ["amount:sum"],
            order="move_id",
        ):
            cancellation = move == expense.reversal_move_id
            uses.setdefault(building, []).append(
                {
                    "date": move.date,
                    "reference": expense.name,
                    "description": expense.common_part,
                    "amount": -amount,
                    "cancellation": cancellation,
                }
            )
        buildings = list(self.estate_id.building_ids)
        no_building = self.env["property.building"]
        if no_building in {*opening, *(building for building, _kind in movements)}:
            buildings.append(no_building)
        result = []
        for building in buildings:
            building_uses = sorted(uses.get(building, []), key=lambda use: use["date"])
            values = {
                "building": building,
                "opening": opening.get(building, 0.0),
                "contributions": movements.get((building, "contribution"), 0.0),
                "uses": building_uses,
                "used": -movements.get((building, "use"), 0.0),
                "other": movements.get((building, "other"), 0.0),
            }
            values["closing"] = (
                values["opening"] + values["contributions"] - values["used"] + values["other"]
            )
            result.append(values)
        return result

    def action_print(self):
        return self.env.ref(
            "property_fund.action_report_maintenance_fund_disclosure"
        ).report_action(self)
