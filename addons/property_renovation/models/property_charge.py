from odoo import fields, models

from .property_renovation import DESK


class PropertyCharge(models.Model):
    _inherit = "property.charge"

    renovation_id = fields.Many2one(
        "property.renovation",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        check_company=True,
    )

    def _check_may_credit(self):
        """The renovation desk has billing credit the fees of the applications it
        handles (an application withdrawn, a deposit settled)."""
        own = self.filtered("renovation_id")
        if own and not self.env.su and self.env.user.has_group(DESK):
            own.renovation_id.check_access("write")
            return super(PropertyCharge, self - own)._check_may_credit()
        return super()._check_may_credit()
