import base64
import json

from lxml import html

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import TicketCommon

# a 1x1 PNG
PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestTicketPortal(TicketCommon, HttpCase):
    """Owner A (张伟) lives in A1-1203 (with the tenant 王), owner B (李娜) in A1-1204.
    Each sees and acts on the requests of their unit only; B's answer 404 to A, and
    reading them by RPC is refused."""

    browser_size = "390x844"  # an owner's phone

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(
            cls.env,
            "pt_owner_a",
            name="张伟",
            password="pt_owner_a_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )
        cls.user_b = new_test_user(
            cls.env,
            "pt_owner_b",
            name="李娜",
            password="pt_owner_b_pw1",
            groups="base.group_portal",
            partner_id=cls.owner_li.id,
        )
        cls.ticket_a = cls.ticket(partner_id=cls.owner_zhang.id)
        cls.ticket_b = cls.ticket(
            subject="卫生间下水道堵塞", unit_id=cls.unit_a2.id, partner_id=cls.owner_li.id
        )

    def login_a(self):
        self.authenticate("pt_owner_a", "pt_owner_a_pw1")

    def csrf(self):
        """The CSRF token of the session, as the submit form carries it."""
        page = html.fromstring(self.url_open("/my/tickets/new").content)
        return page.xpath("//form//input[@name='csrf_token']/@value")[0]

    def post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": self.csrf()}, files=files, allow_redirects=True
        )

    def accept_json(self, ticket, name="张伟", signature="iVBORw0KGgo="):
        response = self.url_open(
            f"/my/tickets/{ticket.id}/accept",
            data=json.dumps({"params": {"name": name, "signature": signature}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    # ------------------------------------------------------------ pages

    def test_home_and_list(self):
        self.login_a()
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["property_ticket_count"]}
        )
        self.assertEqual(counters["property_ticket_count"], 1)
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_a.name, response.text)
        self.assertNotIn(self.ticket_b.name, response.text)
        response = self.url_open("/my/tickets?filterby=closed&sortby=name")
        self.assertNotIn(self.ticket_a.name, response.text)
        response = self.url_open("/my/tickets?filterby=open")
        self.assertIn(self.ticket_a.name, response.text)

    def test_ticket_page_steps_and_technician(self):
        self.run_to_done(self.ticket_a)
        self.ticket_a.work_note = "<p>更换了水龙头阀芯</p>"
        self.login_a()
        response = self.url_open(f"/my/tickets/{self.ticket_a.id}")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        steps = page.xpath("string(//ul[hasclass('o_ticket_steps')])")
        for label in ("Received", "Dispatched", "First Response", "On Site", "Done"):
            self.assertIn(label, steps)
        self.assertIn(
            self.technician.name, page.xpath("string(//*[hasclass('o_ticket_technician')])")
        )
        self.assertIn("更换了水龙头阀芯", response.text)
        self.assertTrue(page.xpath("//a[hasclass('o_ticket_accept')]"))
        self.assertTrue(page.xpath("//owl-component[@name='portal.signature_form']"))

    def test_submit_with_photo(self):
        self.login_a()
        form = self.url_open("/my/tickets/new")
        self.assertEqual(form.status_code, 200)
        page = html.fromstring(form.content)
        # only the user's own units are offered
        self.assertEqual(
            page.xpath("//select[@name='unit_id']/option/@value"), [str(self.unit_a1.id)]
        )
        response = self.post(
            "/my/tickets/new",
            {
                "unit_id": self.unit_a1.id,
                "ticket_type": "repair",
                "category_id": self.category_water.id,
                "subject": "阳台地漏返水",
                "description": "下雨时阳台地漏返水\n请尽快处理",
                "preferred_time": "2026-06-01T09:30",
                "contact_phone": "13912345678",
            },
            files={"photos": ("drain.png", PHOTO, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["property.ticket"].search([("subject", "=", "阳台地漏返水")])
        self.assertEqual(len(ticket), 1)
        self.assertTrue(response.url.endswith(f"/my/tickets/{ticket.id}?message=submitted"))
        self.assertRecordValues(
            ticket,
            [
                {
                    "channel": "portal",
                    "state": "new",
                    "unit_id": self.unit_a1.id,
                    "estate_id": self.estate.id,
                    "partner_id": self.owner_zhang.id,
                    "contact_phone": "13912345678",
                    "category_id": self.category_water.id,
                    "receiver_id": False,
                }
            ],
        )
        self.assertIn("请尽快处理", ticket.description)
        # 09:30 in Shanghai (the company's calendar), stored in UTC
        self.assertEqual(str(ticket.preferred_time), "2026-06-01 01:30:00")
        self.assertEqual(ticket.photo_ids.mapped("name"), ["drain.png"])
        self.assertEqual(ticket.photo_ids.res_model, "property.ticket")
        self.assertEqual(ticket.photo_ids.res_id, ticket.id)
        self.assertIn(ticket.name, response.text)
        # the owner's page shows the photo by its token; without it, only a placeholder
        photo_url = f"/web/image/{ticket.photo_ids.id}?access_token={ticket.photo_ids.access_token}"
        self.assertIn(photo_url.replace("&", "&amp;"), response.text)
        self.assertEqual(self.url_open(photo_url).content, PHOTO)
        self.authenticate("pt_owner_b", "pt_owner_b_pw1")
        self.assertNotEqual(self.url_open(f"/web/image/{ticket.photo_ids.id}").content, PHOTO)
        # the desk dispatches it: the clerk is its first receiver
        ticket.with_user(self.desk).action_dispatch()
        self.assertEqual(ticket.receiver_id, self.desk)

    def test_submit_refused_for_another_unit_or_a_file(self):
        self.login_a()
        response = self.post(
            "/my/tickets/new",
            {"unit_id": self.unit_a2.id, "ticket_type": "repair", "subject": "不是我的房子"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose one of your units.", response.text)
        response = self.post(
            "/my/tickets/new",
            {"unit_id": self.unit_a1.id, "ticket_type": "repair", "subject": "附件不是图片"},
            files={"photos": ("notes.txt", b"hello", "text/plain")},
        )
        self.assertIn("is not a photo", response.text)
        self.assertFalse(
            self.env["property.ticket"].search(
                [("subject", "in", ["不是我的房子", "附件不是图片"])]
            )
        )
        # without the CSRF token, nothing is created
        with self.assertLogs("odoo.http", "WARNING"):
            response = self.url_open(
                "/my/tickets/new",
                data={"unit_id": self.unit_a1.id, "subject": "没有令牌"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["property.ticket"].search([("subject", "=", "没有令牌")]))

    # ------------------------------------------------------------ isolation

    def test_other_owners_ticket_by_url(self):
        self.run_to_done(self.ticket_b)
        self.login_a()
        self.assertEqual(self.url_open(f"/my/tickets/{self.ticket_b.id}").status_code, 404)
        # with somebody else's access token neither
        token = self.ticket_a._portal_ensure_token()
        response = self.url_open(f"/my/tickets/{self.ticket_b.id}?access_token={token}")
        self.assertEqual(response.status_code, 404)
        result = self.accept_json(self.ticket_b)
        self.assertIn("error", result)
        response = self.post(f"/my/tickets/{self.ticket_b.id}/refuse", {"reason": "x"})
        self.assertEqual(response.status_code, 404)
        response = self.post(f"/my/tickets/{self.ticket_b.id}/rate", {"satisfaction": "1"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.ticket_b.state, "done")
        self.assertFalse(self.ticket_b.signature)

    def test_other_owners_ticket_by_rpc(self):
        self.run_to_done(self.ticket_b)
        ticket_b = self.ticket_b.with_user(self.user_a)
        with self.assertRaises(AccessError):
            ticket_b.read(["subject"])
        with self.assertRaises(AccessError):
            ticket_b._portal_accept("张伟", "iVBORw0KGgo=")
        with self.assertRaises(AccessError):
            ticket_b._portal_refuse("不满意")
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.user_a).write({"subject": "RPC"})
        with self.assertRaises(AccessError):
            self.env["property.ticket"].with_user(self.user_a).create(
                {"subject": "RPC", "unit_id": self.unit_a1.id}
            )
        # the model's actions are the desk's
        self.run_to_done(self.ticket_a)
        with self.assertRaises(UserError):
            self.ticket_a.with_user(self.user_a).action_accept()
        self.assertEqual(self.ticket_b.state, "done")

    # ------------------------------------------------------------ acceptance and rating

    def test_accept_with_signature(self):
        self.run_to_done(self.ticket_a)
        self.login_a()
        result = self.accept_json(self.ticket_a, signature="")
        self.assertIn("error", result)
        self.assertEqual(self.ticket_a.state, "done")
        result = self.accept_json(self.ticket_a)
        self.assertEqual(
            result.get("redirect_url"), f"/my/tickets/{self.ticket_a.id}?message=accepted"
        )
        self.assertRecordValues(
            self.ticket_a, [{"state": "accepted", "signed_by": "张伟", "rework_count": 0}]
        )
        self.assertTrue(self.ticket_a.signature)
        self.assertTrue(self.ticket_a.date_accepted)
        # as the backend does: the follow-up visit is planned, not for the customer
        followup = self.ticket_a.followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.state, "todo")
        self.assertFalse(followup.user_id.share)
        # accepting twice is refused by the action's state check
        result = self.accept_json(self.ticket_a)
        self.assertIn("this action is not possible now", result["error"])

    def test_refuse_with_reason(self):
        self.run_to_done(self.ticket_a)
        self.login_a()
        response = self.post(f"/my/tickets/{self.ticket_a.id}/refuse", {"reason": " "})
        self.assertIn("Say why you refuse the work.", response.text)
        self.assertEqual(self.ticket_a.state, "done")
        response = self.post(f"/my/tickets/{self.ticket_a.id}/refuse", {"reason": "还在漏水"})
        self.assertTrue(response.url.endswith("?message=refused"))
        self.assertRecordValues(
            self.ticket_a,
            [{"state": "in_progress", "rework_count": 1, "refuse_reason": "还在漏水"}],
        )
        # refused again after the rework: escalated, as from the backend
        self.ticket_a.with_user(self.technician).action_done()
        self.post(f"/my/tickets/{self.ticket_a.id}/refuse", {"reason": "仍然漏水"})
        self.assertRecordValues(
            self.ticket_a, [{"state": "in_progress", "rework_count": 2, "escalation_level": "lead"}]
        )

    def test_rate_followup(self):
        self.login_a()
        # nothing to rate before the acceptance
        response = self.post(f"/my/tickets/{self.ticket_a.id}/rate", {"satisfaction": "5"})
        self.assertIn("is not awaiting your rating", response.text)
        self.run_to_done(self.ticket_a)
        self.sign(self.ticket_a)
        self.ticket_a.with_user(self.desk).action_accept()
        page = self.url_open(f"/my/tickets/{self.ticket_a.id}")
        self.assertIn("o_ticket_rating", page.text)
        response = self.post(
            f"/my/tickets/{self.ticket_a.id}/rate", {"satisfaction": "9", "comment": "?"}
        )
        self.assertIn("Rate the work from 1 to 5.", response.text)
        response = self.post(
            f"/my/tickets/{self.ticket_a.id}/rate", {"satisfaction": "4", "comment": "师傅很专业"}
        )
        self.assertTrue(response.url.endswith("?message=rated"))
        self.assertRecordValues(
            self.ticket_a.followup_ids,
            [{"state": "done", "satisfaction": "4", "comment": "师傅很专业", "method": "portal"}],
        )
        self.assertRecordValues(self.ticket_a, [{"state": "followed_up", "satisfaction": "4"}])

    def test_dissatisfied_rating_reopens(self):
        self.run_to_done(self.ticket_a)
        self.sign(self.ticket_a)
        self.ticket_a.with_user(self.desk).action_accept()
        self.ticket_a.with_user(self.user_a)._portal_rate("1", "又坏了")
        self.assertRecordValues(self.ticket_a, [{"state": "in_progress", "rework_count": 1}])

    # ------------------------------------------------------------ the tour

    def test_portal_tour(self):
        """An owner submits a request on the portal (with a photo); the technician does
        the work; the owner accepts it with a signature and rates it (on a phone)."""
        self.start_tour("/my", "property_ticket_portal_submit", login="pt_owner_a")
        ticket = self.env["property.ticket"].search([("subject", "=", "Tour: kitchen tap leaking")])
        self.assertRecordValues(
            ticket,
            [
                {
                    "channel": "portal",
                    "state": "new",
                    "partner_id": self.owner_zhang.id,
                    "category_id": self.category_doors.id,
                }
            ],
        )
        self.assertEqual(ticket.photo_ids.mapped("name"), ["tap.png"])
        ticket.team_id = self.team
        self.run_to_done(ticket)
        self.start_tour("/my/tickets", "property_ticket_portal_accept_rate", login="pt_owner_a")
        self.assertRecordValues(
            ticket, [{"state": "followed_up", "signed_by": "张伟", "satisfaction": "5"}]
        )
        self.assertTrue(ticket.signature)
        self.assertEqual(ticket.followup_ids.comment, "Quick and clean work")
