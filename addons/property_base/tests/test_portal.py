from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyCommon


@tagged("post_install", "-at_install")
class TestPortal(PropertyCommon, HttpCase):
    """Owner A sees their own unit on the portal; owner B's unit answers 404 to A, by
    URL alone or with somebody else's access token."""

    browser_size = "390x844"  # an owner's phone

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner_zhang)
        cls.occupy(
            cls.unit_b1,
            cls.owner_li,
            emergency_contact_name="李父",
            emergency_contact_phone="13900002222",
        )
        cls.occupy(cls.unit_b1, cls.tenant_wang, role="tenant")
        cls.water = cls.env["property.meter"].create(
            {"name": "W-A1-1203", "meter_type": "water", "unit_id": cls.unit_a1.id}
        )
        cls.env["property.meter.reading"].create({"meter_id": cls.water.id, "value": 321.5})
        cls.user_a = new_test_user(
            cls.env,
            "owner_a",
            name="张伟",
            password="owner_a_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )
        cls.user_b = new_test_user(
            cls.env,
            "owner_b",
            name="李娜",
            password="owner_b_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_li.id,
        )

    def test_owner_sees_own_unit(self):
        self.authenticate("owner_a", "owner_a_pw1")
        response = self.url_open("/my/units")
        self.assertEqual(response.status_code, 200)
        self.assertIn("A1-1203", response.text)
        self.assertNotIn("B1-0301", response.text)
        detail = self.url_open(f"/my/units/{self.unit_a1.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("321.5", detail.text)
        self.assertIn("张伟", detail.text)

    def test_owner_reads_an_announcement_on_a_phone(self):
        self.env["property.announcement"].create(
            {
                "name": "停水通知",
                "body": "<p>明日 9:00–12:00 停水。</p>",
                "estate_ids": self.estate.ids,
            }
        ).action_publish()
        self.start_tour("/my", "property_portal_read_announcement", login="owner_a")

    def test_other_owners_unit_is_not_found(self):
        self.authenticate("owner_a", "owner_a_pw1")
        response = self.url_open(f"/my/units/{self.unit_b1.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("王芳", response.text)

    def test_stolen_token_of_another_record_does_not_open_a_unit(self):
        own_token = self.unit_a1._portal_ensure_token()
        self.authenticate("owner_a", "owner_a_pw1")
        response = self.url_open(f"/my/units/{self.unit_b1.id}?access_token={own_token}")
        self.assertEqual(response.status_code, 404)
        self.logout()
        response = self.url_open(f"/my/units/{self.unit_b1.id}?access_token={own_token}")
        self.assertEqual(response.status_code, 404)

    def test_co_occupants_shown_to_both(self):
        tenant_user = new_test_user(
            self.env,
            "tenant_b",
            name="王芳",
            password="tenant_b_pw1",
            groups="base.group_portal",
            partner_id=self.tenant_wang.id,
        )
        self.assertTrue(tenant_user)
        self.authenticate("tenant_b", "tenant_b_pw1")
        detail = self.url_open(f"/my/units/{self.unit_b1.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn("李娜", detail.text)
        # the owner's emergency contact is theirs and the staff's
        self.assertNotIn("13900002222", detail.text)
        self.authenticate("owner_b", "owner_b_pw1")
        detail = self.url_open(f"/my/units/{self.unit_b1.id}")
        self.assertIn("13900002222", detail.text)

    def test_lists_hold_only_own_rows(self):
        Unit = self.env["property.unit"]
        self.assertEqual(Unit.with_user(self.user_a).search([]), self.unit_a1)
        self.assertEqual(Unit.with_user(self.user_b).search([]), self.unit_b1)
        Occupancy = self.env["property.occupancy"]
        self.assertEqual(
            Occupancy.with_user(self.user_b).search([]).partner_id,
            self.owner_li | self.tenant_wang,
        )
        self.assertEqual(
            self.env["property.meter"].with_user(self.user_b).search([]),
            self.env["property.meter"],
        )
        self.assertEqual(self.env["property.meter"].with_user(self.user_a).search([]), self.water)

    def test_portal_home_counters(self):
        self.authenticate("owner_a", "owner_a_pw1")
        response = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_unit_count", "property_announcement_count"]}
        )
        self.assertEqual(response["property_unit_count"], 1)
        self.assertEqual(response["property_announcement_count"], 0)
