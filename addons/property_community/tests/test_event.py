import base64
from datetime import datetime, timedelta

from lxml import html

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, HttpCase, tagged

from .survey_common import SurveyCommon

PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class EventCommon(SurveyCommon):
    """An event of the estate in ten days, and one of another estate of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        begin = datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.other_estate = cls.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        cls.event = cls.env["event.event"].create(
            {
                "name": "中秋游园会",
                "property_estate_id": cls.estate.id,
                "date_begin": begin,
                "date_end": begin + timedelta(hours=3),
                "seats_limited": True,
                "seats_max": 2,
            }
        )
        cls.other_event = cls.env["event.event"].create(
            {
                "name": "翠湖苑亲子运动会",
                "property_estate_id": cls.other_estate.id,
                "date_begin": begin,
                "date_end": begin + timedelta(hours=3),
            }
        )


@tagged("post_install", "-at_install")
class TestEvent(EventCommon):
    def test_clerk_plans_an_event_and_archives_photos(self):
        photo = (
            self.env["ir.attachment"]
            .with_user(self.community_clerk)
            .create({"name": "游园会.png", "datas": base64.b64encode(PHOTO)})
        )
        begin = datetime(2026, 10, 1, 2, 0)
        with Form(self.env["event.event"].with_user(self.community_clerk)) as event_form:
            event_form.name = "国庆文艺汇演"
            event_form.property_estate_id = self.estate
            event_form.property_theme = "喜迎国庆"
            event_form.date_begin = begin
            event_form.date_end = begin + timedelta(hours=2)
            event_form.property_cost_planned = 5000
            event_form.property_prizes = "一等奖：电饭煲"
        event = event_form.record
        self.assertEqual(event.property_currency_id, self.env.company.currency_id)
        event.with_user(self.community_clerk).property_cost_actual = 4620.5
        event.with_user(self.community_clerk).property_photo_ids = photo
        self.assertEqual((photo.res_model, photo.res_id), ("event.event", event.id))
        self.assertEqual(event.property_photo_count, 1)
        # an attachment of another record is not taken over
        other = self.env["ir.attachment"].create(
            {
                "name": "other.png",
                "datas": base64.b64encode(PHOTO),
                "res_model": "res.partner",
                "res_id": self.owner_zhang.id,
            }
        )
        event.property_photo_ids = [Command.link(other.id)]
        self.assertEqual((other.res_model, other.res_id), ("res.partner", self.owner_zhang.id))
        with self.assertRaises(ValidationError):
            event.with_user(self.community_clerk).property_cost_actual = -1

    def test_staff_register_an_owner_and_mark_attendance(self):
        with Form(self.env["event.registration"].with_user(self.community_clerk)) as reg_form:
            reg_form.event_id = self.event
            reg_form.partner_id = self.owner_li
        registration = reg_form.record
        self.assertEqual(registration.property_unit_id, self.unit_a2)
        self.assertEqual(registration.property_estate_id, self.estate)
        registration.with_user(self.community_clerk).action_confirm()
        registration.with_user(self.community_clerk).action_set_done()
        self.assertEqual(registration.state, "done")
        self.assertEqual(self.event.seats_used, 1)
        # an office clerk without Community Affairs does not run events
        with self.assertRaises(AccessError):
            self.event.with_user(self.office_user).write({"name": "x"})

    def test_estate_of_the_event_company(self):
        __, estate, __ = self.second_company()
        with self.assertRaises(ValidationError):
            self.event.property_estate_id = estate

    def test_register_rules(self):
        """The model's rules, as the portal calls them: once, within the seats, for an
        owner of the estate only."""
        event = self.event
        event._property_portal_register(self.owner_zhang)
        with self.assertRaisesRegex(Exception, "already registered"):
            event._property_portal_register(self.owner_zhang)
        event._property_portal_register(self.owner_li)
        # full: 王芳 owns B1-0301 but finds no seat
        with self.assertRaisesRegex(Exception, "closed or the event is full"):
            event._property_portal_register(self.tenant_wang)
        # a tenant or former owner is no owner
        with self.assertRaisesRegex(Exception, "is for the owners"):
            self.other_event._property_portal_register(self.owner_zhang)
        event.seats_max = 10
        with self.assertRaisesRegex(Exception, "is for the owners"):
            event._property_portal_register(self.tenant_zhao)
        with self.assertRaisesRegex(Exception, "is for the owners"):
            event._property_portal_register(self.former_zhou)
        self.assertEqual(event.registration_ids.partner_id, self.owner_zhang | self.owner_li)


@tagged("post_install", "-at_install")
class TestEventPortal(EventCommon, HttpCase):
    """张伟 owns A1-1203 of the estate: he sees its event, not 翠湖苑's."""

    def setUp(self):
        super().setUp()
        self.authenticate("pc_owner_zhang", "pc_owner_zhang_pw1")

    def csrf(self):
        page = html.fromstring(self.url_open(f"/my/events/{self.event.id}").content)
        return page.xpath("//form//input[@name='csrf_token']/@value")[0]

    def post(self, url):
        return self.url_open(url, data={"csrf_token": self.csrf()}, allow_redirects=False)

    def test_list_shows_his_estates_events(self):
        response = self.url_open("/my/events")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        listed = {int(i) for i in page.xpath("//a/@data-event-id")}
        self.assertEqual(listed, {self.event.id})
        self.assertIn("2", page.xpath("string(//div[hasclass('o_property_event_seats')])"))
        self.assertEqual(self.url_open(f"/my/events/{self.other_event.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/events/999999").status_code, 404)

    def test_register_once_and_cancel(self):
        url = f"/my/events/{self.event.id}"
        response = self.post(f"{url}/register")
        self.assertEqual(response.status_code, 303)
        registration = self.event.registration_ids
        self.assertEqual(registration.partner_id, self.owner_zhang)
        self.assertEqual(registration.property_unit_id, self.unit_a1)
        self.assertEqual(registration.state, "open")
        # the page says so, and offers to cancel, not to register
        page = html.fromstring(self.url_open(url).content)
        self.assertTrue(page.xpath("//button[hasclass('o_property_event_cancel')]"))
        self.assertFalse(page.xpath("//button[hasclass('o_property_event_register')]"))
        # twice: refused
        response = self.url_open(
            f"{url}/register", data={"csrf_token": self.csrf()}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 409)
        self.assertEqual(len(self.event.registration_ids), 1)
        # cancelled, then registered again
        self.assertEqual(self.post(f"{url}/cancel").status_code, 303)
        self.assertEqual(registration.state, "cancel")
        self.assertEqual(self.post(f"{url}/register").status_code, 303)
        self.assertEqual(
            self.event.registration_ids.filtered(lambda r: r.state == "open").partner_id,
            self.owner_zhang,
        )

    def test_refused_when_full_or_another_estate(self):
        csrf_token = self.csrf()  # the page has no form once full
        self.event.seats_max = 1
        self.event._property_portal_register(self.owner_li)
        response = self.url_open(
            f"/my/events/{self.event.id}/register",
            data={"csrf_token": csrf_token},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 409)
        self.assertEqual(self.event.registration_ids.partner_id, self.owner_li)
        response = self.url_open(
            f"/my/events/{self.other_event.id}/register",
            data={"csrf_token": csrf_token},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.other_event.registration_ids)

    def test_post_needs_the_csrf_token(self):
        response = self.url_open(
            f"/my/events/{self.event.id}/register", data={}, allow_redirects=False
        )
        self.assertNotIn(response.status_code, (200, 303))
        self.assertFalse(self.event.registration_ids)

    def test_reading_other_events_by_rpc_is_refused(self):
        Event = self.env["event.event"].with_user(self.user_zhang)
        self.assertEqual(Event.search([]), self.event)
        with self.assertRaises(AccessError):
            self.other_event.with_user(self.user_zhang).read(["name"])


@tagged("post_install", "-at_install")
class TestEventTour(EventCommon, HttpCase):
    browser_size = "390x844"  # an owner's phone

    def test_owner_registers_on_the_phone(self):
        self.start_tour("/my", "property_community_event_register", login="pc_owner_zhang")
        self.assertEqual(self.event.registration_ids.partner_id, self.owner_zhang)
