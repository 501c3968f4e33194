from odoo import api, fields, models
from odoo.exceptions import ValidationError

FOLLOWUP_KINDS = [
    ("safety", "Safety Facility"),
    ("leak", "Leak"),
    ("other", "Other"),
]


class PropertyTicketCategory(models.Model):
    """What a request is about (water, power, elevator, doors and windows, cleaning,
    security...), in a tree: SLA policies and the kind of follow-up visit are set on a
    category and apply to its sub-categories."""

    _name = "property.ticket.category"
    _description = "Service Request Category"
    _parent_store = True
    _order = "sequence, id"
    _rec_names_search = ["name", "parent_id.name"]
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    parent_id = fields.Many2one(
        "property.ticket.category", index=True, ondelete="restrict", check_company=True
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("property.ticket.category", "parent_id", string="Sub-categories")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty for a category of every company."
    )
    # not check_company: a category shared by the companies names the team of one of
    # them, which only that company's requests get (see _get_team)
    team_id = fields.Many2one(
        "property.team",
        string="Default Team",
        help="The team requests of this category are dispatched to, unless the facility "
        "concerned has its own; for the requests of the team's company.",
    )
    followup_kind = fields.Selection(
        FOLLOWUP_KINDS,
        string="Follow-up Visit",
        help="Decides when the follow-up visit is due (safety-facility repairs, leaks "
        "after the leak test, others). Empty: as the parent category.",
    )
    color = fields.Integer()

    @api.depends_context("lang")
    @api.depends("name", "parent_id")
    def _compute_display_name(self):
        # not stored: the names are translated
        for category in self:
            names, node = [], category
            while node:
                names.append(node.name or "")
                node = node.parent_id
            category.display_name = " / ".join(reversed(names))

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A category cannot be its own sub-category."))

    def _get_followup_kind(self):
        """The follow-up kind of the category, inherited from its parents."""
        self.ensure_one()
        category = self
        while category:
            if category.followup_kind:
                return category.followup_kind
            category = category.parent_id
        return "other"

    def _get_team(self, company):
        """The default team of the category (or of its parents) for `company`."""
        category = self[:1]
        while category:
            if category.team_id and category.team_id.company_id == company:
                return category.team_id
            category = category.parent_id
        return self.env["property.team"]
