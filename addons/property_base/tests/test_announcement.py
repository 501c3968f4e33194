from odoo.tests import new_test_user

from .common import PropertyCommon


class TestAnnouncement(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.occupy(cls.unit_a1, cls.owner_zhang)
        cls.occupy(cls.unit_b1, cls.owner_li)
        cls.occupy(cls.unit_b1, cls.tenant_wang, role="tenant")
        cls.other_estate = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        cls.outsider = cls.env["res.partner"].create({"name": "陈静", "email": "chen@example.com"})
        other_unit = cls.env["property.unit"].create(
            {"code": "1-101", "estate_id": cls.other_estate.id}
        )
        cls.occupy(other_unit, cls.outsider)

    def new_announcement(self, **values):
        return self.env["property.announcement"].create(
            {"name": "停水通知", "body": "<p>4月10日 9:00-12:00 停水</p>", **values}
        )

    def test_estate_wide_targets_every_current_occupant(self):
        notice = self.new_announcement(estate_ids=[(6, 0, self.estate.ids)])
        self.assertEqual(notice._recipients(), self.owner_zhang | self.owner_li | self.tenant_wang)
        self.assertEqual(notice.recipient_count, 3)

    def test_building_targets_only_its_occupants(self):
        notice = self.new_announcement(
            estate_ids=[(6, 0, self.estate.ids)], building_ids=[(6, 0, self.building_b.ids)]
        )
        self.assertEqual(notice._recipients(), self.owner_li | self.tenant_wang)

    def test_publish_emails_the_occupants(self):
        notice = self.new_announcement(
            estate_ids=[(6, 0, self.estate.ids)], building_ids=[(6, 0, self.building_b.ids)]
        )
        notice.action_publish()
        self.assertEqual(notice.state, "published")
        message = notice.message_ids.filtered(lambda m: m.subject == "停水通知")
        self.assertEqual(message.partner_ids, self.owner_li | self.tenant_wang)
        self.assertNotIn(self.outsider, message.notified_partner_ids)
        notice.action_archive_announcement()
        self.assertEqual(notice.state, "archived")

    def test_portal_sees_published_announcements_of_their_estate(self):
        to_estate = self.new_announcement(estate_ids=[(6, 0, self.estate.ids)])
        to_building_b = self.new_announcement(
            estate_ids=[(6, 0, self.estate.ids)], building_ids=[(6, 0, self.building_b.ids)]
        )
        to_other = self.new_announcement(estate_ids=[(6, 0, self.other_estate.ids)])
        draft = self.new_announcement(estate_ids=[(6, 0, self.estate.ids)], send_email=False)
        (to_estate | to_building_b | to_other).with_context(mail_notrack=True).write(
            {"send_email": False}
        )
        (to_estate | to_building_b | to_other).action_publish()
        zhang = new_test_user(
            self.env,
            "zhang_portal",
            name="张伟",
            groups="base.group_portal",
            partner_id=self.owner_zhang.id,
        )
        li = new_test_user(
            self.env,
            "li_portal",
            name="李娜",
            groups="base.group_portal",
            partner_id=self.owner_li.id,
        )
        Announcement = self.env["property.announcement"]
        self.assertEqual(Announcement.with_user(zhang).search([]), to_estate)
        self.assertEqual(Announcement.with_user(li).search([]), to_estate | to_building_b)
        self.assertNotIn(draft, Announcement.with_user(li).search([]))
