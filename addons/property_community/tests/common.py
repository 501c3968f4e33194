from odoo.tests import new_test_user

from odoo.addons.property_billing.tests.common import BillingCommon


class CommunityCommon(BillingCommon):
    """The estate of PropertyCommon (阳光花园: A1-1203, A1-1204, B1-0301) with its
    community staff: a customer-service clerk (Community Affairs) and a project manager
    (Community Manager)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.community_clerk = new_test_user(
            cls.env,
            "pc_clerk",
            groups="property_community.group_community_user",
            name="客服 周",
        )
        cls.community_manager = new_test_user(
            cls.env,
            "pc_manager",
            groups="property_community.group_community_manager",
            name="项目经理 吴",
        )

    @classmethod
    def portal_user(cls, partner, login):
        """A portal user for `partner` (an owner), reading Chinese if loaded."""
        return new_test_user(
            cls.env,
            login,
            groups="base.group_portal",
            name=partner.name,
            partner_id=partner.id,
            password=f"{login}_pw1",
        )
