from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import PropertyCommon


class TestMultiCompany(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2, cls.estate_2, cls.unit_2 = cls.second_company()
        cls.staff_2 = cls.company_user(
            cls.company_2, "pb_staff_2", "property_base.group_property_user"
        )

    def test_staff_see_their_company_only(self):
        Unit = self.env["property.unit"]
        self.assertNotIn(self.unit_2, Unit.with_user(self.staff).search([]))
        self.assertEqual(Unit.with_user(self.staff_2).search([]), self.unit_2)
        with self.assertRaises(AccessError):
            self.unit_a1.with_user(self.staff_2).read(["code"])

    def test_unit_company_follows_estate(self):
        self.assertEqual(self.unit_2.company_id, self.company_2)

    def test_estates_are_configured_by_administrators_only(self):
        Estate = self.env["property.estate"]
        for user in (self.staff, self.manager):
            with self.assertRaises(AccessError):
                Estate.with_user(user).create({"name": "X", "code": "T-X"})
        admin = new_test_user(self.env, "pb_admin", groups="property_base.group_property_admin")
        estate = Estate.with_user(admin).create({"name": "新项目", "code": "T-XM"})
        self.assertEqual(estate.company_id, self.env.company)

    def test_portal_user_cannot_write(self):
        portal = new_test_user(self.env, "pb_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["property.unit"].with_user(portal).create(
                {"code": "Z", "estate_id": self.estate.id}
            )


class TestPortalPrivacy(PropertyCommon):
    """Owner Zhang lives in A1-1203 with tenant Wang; owner Li owns A1-1204. Over RPC,
    portal users read their own units, never the private details of their co-occupants
    nor the ids of other owners' units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupancy_zhang = cls.occupy(
            cls.unit_a1,
            cls.owner_zhang,
            note="常年出差，钥匙放在物业",
            emergency_contact_name="张父",
            emergency_contact_phone="13900001111",
        )
        cls.occupy(cls.unit_a1, cls.tenant_wang, role="tenant")
        cls.occupy(cls.unit_a2, cls.owner_li)
        cls.owner_zhang.phone = "13800001111"
        cls.tenant = new_test_user(
            cls.env, "pb_tenant", groups="base.group_portal", partner_id=cls.tenant_wang.id
        )
        cls.owner = new_test_user(
            cls.env, "pb_owner", groups="base.group_portal", partner_id=cls.owner_zhang.id
        )

    def test_private_details_of_occupants_are_staff_only(self):
        occupancy = self.occupancy_zhang.with_user(self.tenant)
        self.assertEqual(occupancy.read(["role"])[0]["role"], "owner")
        for field in ("note", "emergency_contact_name", "emergency_contact_phone", "phone"):
            with self.assertRaises(AccessError, msg=field):
                occupancy.read([field])
        # the owner themself reads them on the portal, not over RPC either
        with self.assertRaises(AccessError):
            self.occupancy_zhang.with_user(self.owner).read(["emergency_contact_phone"])
        staff_view = self.occupancy_zhang.with_user(self.staff).read(["emergency_contact_phone"])
        self.assertEqual(staff_view[0]["emergency_contact_phone"], "13900001111")

    def test_portal_reads_no_other_owners_unit_ids(self):
        for record in (self.estate, self.building_a):
            with self.assertRaises(AccessError):
                record.with_user(self.owner).read(["unit_ids"])
        self.assertEqual(self.estate.with_user(self.owner).read(["name"])[0]["name"], "阳光花园")
        self.assertEqual(self.env["property.unit"].with_user(self.owner).search([]), self.unit_a1)
