from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import RenovationCommon


@tagged("post_install", "-at_install")
class TestRenovationBrowser(HttpCase, RenovationCommon):
    """An owner applies for a renovation on the portal in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            "prt_tour_owner",
            name="张伟",
            password="prt_tour_owner",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )

    def test_portal_apply_tour(self):
        """From /my: renovations, new application, the form filled in with the uploads
        and the drawn signature, submitted; the engineering department can review it."""
        self.start_tour("/my", "property_renovation_portal_apply", login="prt_tour_owner")
        renovation = self.env["property.renovation"].search(
            [("contractor_id.name", "=", "巧匠装饰工程有限公司")]
        )
        self.assertRecordValues(
            renovation,
            [
                {
                    "state": "submitted",
                    "unit_id": self.unit_a1.id,
                    "applicant_id": self.owner_zhang.id,
                    "contractor_contact": "刘工",
                    "scope_walls": True,
                    "scope_kitchen_bath": True,
                    "scope_structure": False,
                    "date_start": date(2026, 9, 1),
                    "date_end": date(2026, 10, 31),
                    "drawings_stamped": True,
                    "prohibited_items_accepted": True,
                    "commitment_signed_by": "张伟",
                }
            ],
        )
        self.assertTrue(renovation.commitment_signature)
        self.assertEqual(renovation.drawing_ids.mapped("name"), ["plan.png"])
        self.assertEqual(renovation.contractor_licence_ids.mapped("name"), ["licence.png"])
        self.assertEqual(renovation.contractor_id_copy_ids.mapped("name"), ["id.png"])
        self.assertIn("new kitchen", renovation.description)
        renovation.with_user(self.engineer).action_start_review()
        self.assertEqual(renovation.state, "review")
