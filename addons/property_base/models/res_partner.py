import re

from odoo import api, fields, models

# a mainland mobile number (11 digits): the only phone number good for a login
CN_MOBILE = re.compile(r"1[3-9]\d{9}")


def normalize_mobile(number):
    """A phone number as people sign in with it: its digits, without China's country
    code (+86 138-0013-8000 -> 13800138000); False if too short for a phone number."""
    digits = re.sub(r"\D", "", number or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and CN_MOBILE.fullmatch(digits[len(prefix) :]):
            digits = digits[len(prefix) :]
    return digits if len(digits) >= 7 else False


class ResPartner(models.Model):
    _inherit = "res.partner"

    portal_mobile = fields.Char(
        string="Mobile (Portal Login)",
        compute="_compute_portal_mobile",
        store=True,
        index="btree_not_null",
        help="The mobile number in digits, with which the person may sign in to the portal: "
        "the mobile, else the phone if it is a mobile number.",
    )
    occupancy_ids = fields.One2many("property.occupancy", "partner_id", string="Occupancies")
    property_unit_count = fields.Integer(compute="_compute_property_unit_count", string="Units")

    @api.depends("mobile", "phone")
    def _compute_portal_mobile(self):
        for partner in self:
            phone = normalize_mobile(partner.phone)
            partner.portal_mobile = normalize_mobile(partner.mobile) or (
                phone if phone and CN_MOBILE.fullmatch(phone) else False
            )

    @api.depends("occupancy_ids.state")
    def _compute_property_unit_count(self):
        counts = dict(
            self.env["property.occupancy"]._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "current")],
                ["partner_id"],
                ["unit_id:count_distinct"],
            )
        )
        for partner in self:
            partner.property_unit_count = counts.get(partner, 0)

    @api.model
    def get_import_templates(self):
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Owners and Tenants"),
                "template": "/property_base/static/xlsx/property_owners.xlsx",
            },
        ]

    def action_view_property_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.action_property_unit")
        action["domain"] = [
            ("occupancy_ids", "any", [("partner_id", "=", self.id), ("state", "=", "current")])
        ]
        return action
