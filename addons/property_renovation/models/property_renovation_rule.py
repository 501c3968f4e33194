from odoo import api, fields, models

RULE_KINDS = [
    ("prohibited", "Prohibited Item"),
    ("approval", "Needs Approval"),
    ("site", "Site Rule"),
]
TEAM_KINDS = [("maintenance", "Maintenance"), ("security", "Security")]


class PropertyRenovationRule(models.Model):
    """A renovation rule (装修管理规定): an item of the prohibited list of DOMAIN §7 that
    the applicant accepts before the permit, printed on it, and that patrol findings
    cite. Rules without estates apply to every estate; without a company, to every
    company (the defaults shipped as data)."""

    _name = "property.renovation.rule"
    _description = "Renovation Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Rule", required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(RULE_KINDS, required=True, default="prohibited")
    team_kind = fields.Selection(
        TEAM_KINDS,
        string="Team for Violations",
        required=True,
        default="maintenance",
        help="The team a request raised for a violation of this rule goes to.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        index=True,
        help="Empty: every company. The estates' company for the rules of some estates.",
    )
    estate_ids = fields.Many2many(
        "property.estate", string="Estates", check_company=True, help="Empty: every estate."
    )

    @api.depends("estate_ids")
    def _compute_company_id(self):
        for rule in self.filtered("estate_ids"):
            rule.company_id = rule.estate_ids.company_id[:1]

    def _applicable(self, estate):
        """The active rules of `estate`: its own and those of every estate."""
        return self.search(
            [
                ("company_id", "in", (False, estate.company_id.id)),
                "|",
                ("estate_ids", "=", False),
                ("estate_ids", "in", estate.ids),
            ]
        )
