from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import PropertyCommon


class TestMultiCompany(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "第二物业公司"})
        cls.estate_2 = cls.env["property.estate"].create(
            {"name": "滨江府", "code": "T-BJ", "company_id": cls.company_2.id}
        )
        cls.unit_2 = cls.env["property.unit"].create(
            {"code": "1-101", "estate_id": cls.estate_2.id}
        )
        cls.staff_2 = new_test_user(
            cls.env,
            "pb_staff_2",
            groups="property_base.group_property_user",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
        )

    def test_staff_see_their_company_only(self):
        Unit = self.env["property.unit"]
        self.assertNotIn(self.unit_2, Unit.with_user(self.staff).search([]))
        self.assertEqual(Unit.with_user(self.staff_2).search([]), self.unit_2)
        with self.assertRaises(AccessError):
            self.unit_a1.with_user(self.staff_2).read(["code"])

    def test_unit_company_follows_estate(self):
        self.assertEqual(self.unit_2.company_id, self.company_2)

    def test_staff_cannot_configure_estates(self):
        with self.assertRaises(AccessError):
            self.env["property.estate"].with_user(self.staff).create({"name": "X", "code": "T-X"})
        estate = (
            self.env["property.estate"]
            .with_user(self.manager)
            .create({"name": "新项目", "code": "T-XM"})
        )
        self.assertEqual(estate.company_id, self.env.company)

    def test_portal_user_cannot_write(self):
        portal = new_test_user(self.env, "pb_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["property.unit"].with_user(portal).create(
                {"code": "Z", "estate_id": self.estate.id}
            )
