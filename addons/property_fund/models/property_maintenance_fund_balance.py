from odoo import api, fields, models


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    currency_id = fields.Many2one(related="company_id.currency_id")
    maintenance_fund_balance = fields.Monetary(
        compute="_compute_maintenance_fund_balance",
        help="The unit's money in the owners' maintenance fund: its posted contributions "
        "less its share of the repairs paid from the fund.",
    )

    @api.model
    def _maintenance_fund_domain(self, companies):
        """Posted journal items of the fund's liability account of these companies."""
        return [
            ("company_id", "in", companies.ids),
            ("account_id", "in", companies.maintenance_fund_account_id.ids),
            ("parent_state", "=", "posted"),
        ]

    @api.model
    def _maintenance_fund_unit_balances(self, companies, items_domain, date=None):
        """{unit: fund balance} of the units of `companies` whose fund items match
        `items_domain` (at `date` included if given), in one query."""
        domain = [*self._maintenance_fund_domain(companies), *items_domain]
        if date:
            domain.append(("date", "<=", date))
        # The balance is a figure of the unit staff see, not access to accounting.
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(domain, ["property_unit_id"], ["balance:sum"])
        )
        # Credit is money in the fund.
        return {unit.with_env(self.env): -balance for unit, balance in groups}

    def _maintenance_fund_balances(self, date=None):
        """{unit: fund balance}, from the journal items (at `date` included if given)."""
        return self._maintenance_fund_unit_balances(
            self.company_id, [("property_unit_id", "in", self.ids)], date
        )

    def _compute_maintenance_fund_balance(self):
        balances = self._maintenance_fund_balances()
        for unit in self:
            unit.maintenance_fund_balance = balances.get(unit, 0.0)

    def action_view_maintenance_fund(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_fund.action_property_maintenance_fund_ledger"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {}
        return action


class PropertyBuilding(models.Model):
    _inherit = "property.building"

    currency_id = fields.Many2one(related="company_id.currency_id")
    maintenance_fund_balance = fields.Monetary(
        compute="_compute_maintenance_fund_balance",
        help="Money of the building's units in the owners' maintenance fund.",
    )

    def _maintenance_fund_balances(self, date=None):
        """{building: fund balance}: the sum of its units' balances, in one query."""
        unit_balances = self.env["property.unit"]._maintenance_fund_unit_balances(
            self.company_id, [("property_unit_id.building_id", "in", self.ids)], date
        )
        balances = dict.fromkeys(self, 0.0)
        for unit, balance in unit_balances.items():
            balances[unit.building_id] = balances.get(unit.building_id, 0.0) + balance
        return balances

    def _compute_maintenance_fund_balance(self):
        balances = self._maintenance_fund_balances()
        for building in self:
            building.maintenance_fund_balance = balances.get(building, 0.0)

    def action_view_maintenance_fund(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_fund.action_property_maintenance_fund_ledger"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"search_default_group_unit": 1}
        return action
