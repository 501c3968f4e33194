from datetime import timedelta

from lxml import html

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.portal_pages import page_english, page_links
from odoo.addons.property_base.tests.test_translations import chinese_company, load_languages

from .test_owners_meeting import MeetingCommon


@tagged("post_install", "-at_install")
class TestMeetingPortal(MeetingCommon, HttpCase):
    """The owners' meeting on the portal, as 张伟 (A1-1203): his vote, its one
    confirmation, and what he may not do; the pages in Chinese."""

    browser_size = "390x844"  # an owner's phone
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.meeting = cls.env["property.owners.meeting"].create(
            {
                "name": "Tour meeting",
                "estate_id": cls.estate.id,
                "date_start": now - timedelta(days=1),
                "date_end": now + timedelta(days=7),
                "matter_ids": [
                    fields.Command.create({"name": "Tour matter A", "category": "covenant"}),
                    fields.Command.create({"name": "Tour matter B", "category": "rebuilding"}),
                ],
            }
        )
        cls.meeting.action_prepare_voters()
        cls.meeting.action_open()
        cls.matter_a, cls.matter_b = cls.meeting.matter_ids
        cls.voters = {voter.partner_id: voter for voter in cls.meeting.voter_ids}
        cls.zhang = cls.portal_user(cls.owner_zhang, "pc_portal_zhang")

    def vote(self, voter, choices, confirmed=True):
        # the token of the session, from a form of the portal
        page = html.fromstring(self.url_open("/my/account").content)
        data = {
            "csrf_token": page.xpath("//input[@name='csrf_token']/@value")[0],
            "voter_id": voter.id,
            **{f"matter_{matter.id}": choice for matter, choice in choices.items()},
        }
        if confirmed:
            data["confirmed"] = "1"
        return self.url_open(f"/my/meetings/{self.meeting.id}/vote", data=data)

    def committee(self, chair):
        return self.env["property.owners.committee"].create(
            {
                "name": "第一届业主委员会",
                "estate_id": self.estate.id,
                "date_from": "2026-01-01",
                "date_to": "2030-12-31",
                "member_ids": [fields.Command.create({"partner_id": chair.id, "role": "chair"})],
            }
        )

    def test_committee_page(self):
        """The committee's members see its page, with the turnout of the estate's
        meetings; other owners are told they sit on none."""
        self.committee(self.owner_li)
        li = self.portal_user(self.owner_li, "pc_portal_li")
        self.paper_ballot(
            self.meeting,
            self.voters[self.tenant_wang],
            {m.id: "agree" for m in self.meeting.matter_ids},
        )
        self.authenticate(li.login, "pc_portal_li_pw1")
        page = self.url_open("/my/committee").text
        self.assertIn("第一届业主委员会", page)
        self.assertIn("Tour meeting", page)
        self.assertIn("1 of 3", " ".join(page.split()))
        self.authenticate(self.zhang.login, "pc_portal_zhang_pw1")
        page = self.url_open("/my/committee").text
        self.assertNotIn("第一届业主委员会", page)
        self.assertIn("no owners' committee", page)

    def test_owner_votes_on_a_phone(self):
        self.start_tour("/my", "property_community_owner_vote", login=self.zhang.login)
        ballot = self.voters[self.owner_zhang].ballot_ids
        self.assertEqual(ballot.channel, "portal")
        self.assertEqual(ballot.cast_by_id, self.owner_zhang)
        self.assertEqual(
            {line.matter_id: line.choice for line in ballot.line_ids},
            {self.matter_a: "agree", self.matter_b: "against"},
        )
        self.assertEqual((self.matter_a.agree_count, self.matter_a.agree_area), (1, 98.5))

    def test_vote_is_confirmed_once_and_cast_once(self):
        self.authenticate(self.zhang.login, "pc_portal_zhang_pw1")
        voter = self.voters[self.owner_zhang]
        choices = {self.matter_a: "agree", self.matter_b: "abstain"}
        response = self.vote(voter, {self.matter_a: "agree"})
        self.assertIn("o_portal_meeting_page", response.text)
        self.assertFalse(voter.ballot_ids, "a matter without a choice: nothing cast")
        for confirmed in (False, True):  # a forged choice: the page again, with the error
            response = self.vote(
                voter, {self.matter_a: "agree", self.matter_b: "maybe"}, confirmed=confirmed
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn("alert-danger", response.text)
        self.assertFalse(voter.ballot_ids)
        response = self.vote(voter, choices, confirmed=False)
        self.assertIn("o_meeting_confirm", response.text)
        self.assertFalse(voter.ballot_ids, "reviewed, not yet confirmed")
        response = self.vote(voter, choices)
        self.assertTrue(response.url.endswith(f"/my/meetings/{self.meeting.id}?voted=1"))
        self.assertEqual(len(voter.ballot_ids), 1)
        response = self.vote(voter, {self.matter_a: "against", self.matter_b: "against"})
        self.assertIn("alert-danger", response.text)
        self.assertEqual(len(voter.ballot_ids), 1)
        self.assertEqual(voter.ballot_ids.line_ids.mapped("choice"), ["agree", "abstain"])

    def test_json_rpc_cannot_cast_or_forge(self):
        """What a client can call over JSON-RPC, as the owner: no ballot created, no
        casting method, no voter marked as voted; whatever the context says."""
        self.authenticate(self.zhang.login, "pc_portal_zhang_pw1")
        voter = self.voters[self.owner_zhang]
        calls = [
            (
                "property.owners.meeting.ballot",
                "create",
                [
                    {
                        "meeting_id": self.meeting.id,
                        "voter_id": voter.id,
                        "cast_by_id": self.owner_zhang.id,
                    }
                ],
            ),
            ("property.owners.meeting", "_cast_ballot", [self.meeting.id, voter.id, {}]),
            ("property.owners.meeting.voter", "write", [[voter.id], {"has_voted": True}]),
            ("property.owners.meeting", "action_close", [[self.meeting.id]]),
        ]
        for model, method, args in calls:
            with self.subTest(method=method), mute_logger("odoo.http"):
                with self.assertRaises(JsonRpcException):
                    self.make_jsonrpc_request(
                        f"/web/dataset/call_kw/{model}/{method}",
                        {
                            "model": model,
                            "method": method,
                            "args": args,
                            "kwargs": {"context": {"active_test": False, "bypass": True}},
                        },
                    )
        self.assertFalse(voter.ballot_ids)
        self.assertFalse(voter.has_voted)
        self.assertEqual(self.meeting.state, "open")

    def test_owner_cannot_vote_for_others_nor_see_others_meetings(self):
        self.authenticate(self.zhang.login, "pc_portal_zhang_pw1")
        li = self.voters[self.owner_li]
        response = self.vote(li, {self.matter_a: "agree", self.matter_b: "agree"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(li.ballot_ids)
        _company, estate, unit = self.second_company(building_area=90.0)
        self.occupy(unit, self.owner_li)
        other = self.env["property.owners.meeting"].create(
            {
                "name": "另一小区业主大会",
                "estate_id": estate.id,
                "date_end": fields.Datetime.now() + timedelta(days=3),
                "matter_ids": [fields.Command.create({"name": "管理规约"})],
            }
        )
        other.action_prepare_voters()
        other.action_open()
        for url in (f"/my/meetings/{other.id}", f"/my/meetings/{self.meeting.id}/result"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        self.assertNotIn("另一小区业主大会", self.url_open("/my/meetings").text)

    def test_pages_in_chinese(self):
        """Every page of the meeting and each of its links answers, in Chinese, once
        counted and published: the list, the meeting with the result, its PDF."""
        load_languages(self.env, ["zh_CN"])
        chinese_company(self.env.company)
        self.zhang.lang = "zh_CN"
        self.meeting.minutes = "<p>业主大会由业主委员会召集。</p>"
        self.paper_ballot(
            self.meeting,
            self.voters[self.owner_zhang],
            {m.id: "agree" for m in self.meeting.matter_ids},
        )
        self.meeting.with_user(self.community_manager).action_close()
        self.meeting.with_user(self.community_manager).action_publish()
        self.committee(self.owner_zhang)
        self.authenticate(self.zhang.login, "pc_portal_zhang_pw1")
        pages = ["/my", "/my/meetings", f"/my/meetings/{self.meeting.id}", "/my/committee"]
        data = ["Tour meeting", "Tour matter A", "Tour matter B", self.zhang.login]
        failed, english, links = [], {}, set()
        for url in pages:
            response = self.url_open(url)
            if response.status_code != 200:
                failed.append(f"{url}: {response.status_code}")
                continue
            links |= page_links(self.env, response)
            english[url] = page_english(response, data)
        meeting_links = {link for link in links if link.startswith("/my/meetings")} - set(pages)
        self.assertIn(f"/my/meetings/{self.meeting.id}/result", meeting_links)
        for url in sorted(meeting_links):
            response = self.url_open(url)
            if response.status_code != 200:
                failed.append(f"{url} (a link): {response.status_code}")
            elif "html" in response.headers.get("Content-Type", ""):
                english[url] = page_english(response, data)
        self.assertEqual(failed, [])
        self.maxDiff = None
        self.assertEqual({url: words for url, words in english.items() if words}, {})
