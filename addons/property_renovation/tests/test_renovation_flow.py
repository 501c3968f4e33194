from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRenovationSkeleton(TransactionCase):
    def test_create(self):
        unit = self.env["property.unit"].search([], limit=1)
        renovation = self.env["property.renovation"].create(
            {"unit_id": unit.id, "applicant_id": self.env.user.partner_id.id}
        )
        self.assertEqual(renovation.state, "draft")
        self.assertNotEqual(renovation.name, "/")
