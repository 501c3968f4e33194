from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PERMIT_STATES = [
    ("valid", "Valid"),
    ("suspended", "Works Stopped"),
    ("ended", "Ended"),
]
ENGINEERING = "property_renovation.group_renovation_engineering"


class PropertyRenovationPermit(models.Model):
    """The construction permit (装修施工许可证) of an application: issued with the
    permit step, valid from the planned start to the planned end, extendable by the
    engineering department; the workers' passes end with it."""

    _name = "property.renovation.permit"
    _description = "Renovation Construction Permit"
    _sequence_code = "property.renovation.permit"
    _inherit = [
        "property.company.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.workflow.mixin",
    ]
    _company_from = "renovation_id"
    _order = "date_issue desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Permit Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    renovation_id = fields.Many2one(
        "property.renovation",
        string="Application",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="renovation_id.unit_id", store=True, index=True)
    applicant_id = fields.Many2one(related="renovation_id.applicant_id")
    contractor_id = fields.Many2one(related="renovation_id.contractor_id")
    date_issue = fields.Date(
        string="Issued On", required=True, default=fields.Date.context_today, readonly=True
    )
    issued_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid Until", required=True, tracking=True)
    extension_count = fields.Integer(string="Extensions", readonly=True, copy=False)
    state = fields.Selection(
        PERMIT_STATES, default="valid", required=True, readonly=True, tracking=True, index=True
    )
    pass_ids = fields.One2many("property.renovation.pass", "permit_id", string="Worker Passes")
    pass_count = fields.Integer(string="Passes", compute="_compute_pass_count")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "Permit numbers are unique."),
    ]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for permit in self:
            if permit.date_to < permit.date_from:
                raise ValidationError(
                    self.env._(
                        "Permit %(permit)s: the validity cannot end before it starts.",
                        permit=permit.name,
                    )
                )

    def _compute_pass_count(self):
        counts = dict(
            self.env["property.renovation.pass"]._read_group(
                [("permit_id", "in", self.ids)], ["permit_id"], ["__count"]
            )
        )
        for permit in self:
            permit.pass_count = counts.get(permit, 0)

    def _extend(self, date_to, reason):
        """Extend the validity; the passes that ran to the old end run to the new one."""
        self.ensure_one()
        self._require_group(
            ENGINEERING, self.env._("Only the engineering department extends permits.")
        )
        if self.state == "ended":
            raise UserError(
                self.env._("Permit %(permit)s has ended; it cannot be extended.", permit=self.name)
            )
        if not date_to or date_to <= self.date_to:
            raise UserError(
                self.env._(
                    "Permit %(permit)s: the new end must come after %(date)s.",
                    permit=self.name,
                    date=self.date_to,
                )
            )
        old_end = self.date_to
        passes = self.pass_ids.filtered(lambda p: p.date_to == old_end)
        self.write({"date_to": date_to, "extension_count": self.extension_count + 1})
        passes.write({"date_to": date_to})
        self.renovation_id.date_end = date_to
        self.message_post(
            body=self.env._(
                "Validity extended from %(old)s to %(new)s: %(reason)s",
                old=old_end,
                new=date_to,
                reason=reason,
            )
        )
        return True

    def action_view_passes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_renovation.action_property_renovation_pass"
        )
        action["domain"] = [("permit_id", "=", self.id)]
        action["context"] = {
            "default_renovation_id": self.renovation_id.id,
            "default_permit_id": self.id,
        }
        return action

    def action_print(self):
        return self.env.ref("property_renovation.action_report_renovation_permit").report_action(
            self
        )
