import base64
from collections import defaultdict
from datetime import datetime

import psycopg2
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.pdf_text import pdf_text

from .common import CommunityCommon

PDF = base64.b64encode(b"%PDF-1.4 power of attorney")
OPENS = datetime(2026, 3, 1, 1, 0)
CLOSES = datetime(2026, 3, 31, 10, 0)
BEFORE = "2026-02-25 02:00:00"
DURING = "2026-03-10 02:00:00"


def hundredths(area):
    return round(area * 100)


@tagged("post_install", "-at_install")
class MeetingCommon(CommunityCommon):
    @classmethod
    def meeting_form(cls, estate, user, developer=None, matters=()):
        """A meeting as the clerk fills its form: name, estate, dates, developer, matters."""
        form = Form(cls.env["property.owners.meeting"].with_user(user))
        form.name = "2026年第一次业主大会"
        form.estate_id = estate
        form.date_start = OPENS
        form.date_end = CLOSES
        if developer:
            form.developer_id = developer
        for name, category in matters:
            with form.matter_ids.new() as matter:
                matter.name = name
                matter.category = category
        return form.save()

    def open_voting(self, meeting):
        with freeze_time(BEFORE):
            meeting.with_user(self.community_manager).action_open()

    def paper_ballot(self, meeting, voter, choices, user=None):
        """A paper ballot entered by the clerk in its window, with the scan."""
        action = meeting.with_user(user or self.community_clerk).action_enter_paper_ballot()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user or self.community_clerk)
            .with_context(**action["context"])
        )
        form.voter_id = voter
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                line.choice = choices[line.matter_id.id]
        scan = self.env["ir.attachment"].create(
            {"name": f"ballot-{voter.id}.pdf", "datas": PDF, "res_model": "res.partner"}
        )
        form.scan_ids.add(scan)
        form.save().action_confirm()


class TestDemoEstateMeeting(MeetingCommon):
    """An owners' meeting of the demo estate 翠湖苑, counted by area and by headcount
    (民法典 §278), against figures the test computes by itself from the owners."""

    def test_meeting_of_the_demo_owners(self):
        estate = self.env.ref("property_base.demo_estate_jade_lake")
        developer = self.env["res.partner"].create({"name": "翠湖置业有限公司", "is_company": True})
        meeting = self.meeting_form(
            estate,
            self.community_clerk,
            developer,
            [("选聘新的物业服务企业", "property_company"), ("筹集建筑物维修资金", "fund_raising")],
        )
        ordinary, weighty = meeting.matter_ids
        self.assertEqual((ordinary.majority, weighty.majority), ("ordinary", "weighty"))
        meeting.with_user(self.community_clerk).action_prepare_voters()

        # The voters by hand: the units of each owner, or group of co-owners, together;
        # the units nobody owns, the developer's.
        expected = defaultdict(int)
        for unit in self.env["property.unit"].search([("estate_id", "=", estate.id)]):
            owners = unit.occupancy_ids.filtered(
                lambda o: o.role == "owner" and o.state == "current"
            ).partner_id
            expected[frozenset(owners.ids or developer.ids)] += hundredths(unit.building_area)
        voters = meeting.voter_ids
        self.assertEqual(
            {frozenset(v.owner_ids.ids): hundredths(v.area) for v in voters}, dict(expected)
        )
        self.assertGreater(len(voters), 30)
        self.assertIn(developer, voters.partner_id)
        co_owned = voters.filtered(lambda v: len(v.owner_ids) > 1)
        self.assertTrue(co_owned, "the demo estate has co-owners: one vote for them")
        total_count, total_area = len(expected), sum(expected.values())
        self.assertEqual(meeting.voter_count, total_count)
        self.assertEqual(hundredths(meeting.total_area), total_area)

        # The owner of the first voter gives a proxy with a power of attorney.
        by_proxy = voters.filtered(lambda v: len(v.owner_ids) == 1 and v.partner_id != developer)[0]
        proxy = self.env["res.partner"].create({"name": "代理人 孔"})
        with self.assertRaises(ValidationError):
            by_proxy.with_user(self.community_clerk).proxy_id = proxy
        by_proxy.with_user(self.community_clerk).write(
            {"proxy_id": proxy.id, "power_of_attorney": PDF}
        )
        proxy_user = self.portal_user(proxy, "pc_proxy")
        online = voters.filtered(lambda v: v not in by_proxy and v.partner_id != developer)[0]
        online_user = self.portal_user(online.partner_id, "pc_online_owner")

        self.open_voting(meeting)
        self.assertEqual(meeting.state, "open")

        # The developer and four in five owners vote: on the ordinary matter two in
        # three agree, on the weighty one too, which is short of three quarters.
        owners = voters.filtered(lambda v: v.partner_id != developer).sorted("id")
        voting = (
            voters.filtered(lambda v: v.partner_id == developer) | owners[: len(owners) * 4 // 5]
        )
        choices = {}
        for index, voter in enumerate(voting):
            agree = index % 3 != 2
            choices[voter] = {
                ordinary.id: "agree" if agree else "against",
                weighty.id: "agree" if agree else ("abstain" if index % 2 else "against"),
            }
        with freeze_time(DURING):
            for voter in voting:
                if voter == by_proxy:
                    meeting.with_user(proxy_user)._cast_ballot(voter, choices[voter])
                elif voter == online:
                    meeting.with_user(online_user)._cast_ballot(voter, choices[voter])
                else:
                    self.paper_ballot(meeting, voter, choices[voter])
        self.assertEqual(by_proxy.ballot_ids.cast_by_id, proxy)
        self.assertEqual(by_proxy.ballot_ids.channel, "portal")
        self.assertEqual(online.ballot_ids.channel, "portal")
        self.assertEqual(set(voting.mapped("channel")), {"portal", "paper"})
        meeting.with_user(self.community_manager).action_close()

        # The count by hand.
        voted_count = len(voting)
        voted_area = sum(hundredths(v.area) for v in voting)
        self.assertEqual(meeting.voted_count, voted_count)
        self.assertEqual(hundredths(meeting.voted_area), voted_area)
        self.assertTrue(3 * voted_count >= 2 * total_count and 3 * voted_area >= 2 * total_area)
        self.assertTrue(meeting.quorum_reached)
        for matter in (ordinary, weighty):
            figures = {}
            for choice in ("agree", "against", "abstain"):
                chosen = [v for v in voting if choices[v][matter.id] == choice]
                figures[choice] = (len(chosen), sum(hundredths(v.area) for v in chosen))
                self.assertEqual(matter[f"{choice}_count"], figures[choice][0], choice)
                self.assertEqual(hundredths(matter[f"{choice}_area"]), figures[choice][1], choice)
            agree_count, agree_area = figures["agree"]
            if matter == ordinary:  # more than half of the owners and of the area voting
                passed = 2 * agree_count > voted_count and 2 * agree_area > voted_area
            else:  # at least three quarters of both
                passed = 4 * agree_count >= 3 * voted_count and 4 * agree_area >= 3 * voted_area
            self.assertEqual(matter.result, "passed" if passed else "rejected", matter.name)
        self.assertEqual((ordinary.result, weighty.result), ("passed", "rejected"))

        meeting.with_user(self.community_manager).action_publish()
        announcement = meeting.announcement_id
        self.assertEqual(announcement.state, "published")
        self.assertEqual(announcement.estate_ids, estate)
        self.assertIn("选聘新的物业服务企业", announcement.body)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "property.announcement"), ("res_id", "=", announcement.id)]
        )
        self.assertEqual(len(attachment), 1)


class TestMeetingRules(MeetingCommon):
    """The rules of the vote on PropertyCommon's estate: A1-1203 (98.5 m², 张伟),
    A1-1204 (120 m², 李娜) and B1-0301 (75 m², 王芳)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls.meeting_form(
            cls.estate,
            cls.community_clerk,
            matters=[("修改管理规约", "covenant"), ("改建小区大门", "rebuilding")],
        )
        cls.meeting.with_user(cls.community_clerk).action_prepare_voters()
        cls.covenant, cls.gate = cls.meeting.matter_ids
        cls.voter_zhang, cls.voter_li, cls.voter_wang = cls.meeting.voter_ids.sorted(
            lambda v: v.unit_ids.code
        )
        cls.zhang = cls.portal_user(cls.owner_zhang, "pc_zhang")

    def all_agree(self):
        return {self.covenant.id: "agree", self.gate.id: "agree"}

    def test_voters_by_owner(self):
        self.assertEqual(
            [
                (v.partner_id, v.unit_ids.code, v.area)
                for v in self.meeting.voter_ids.sorted("area")
            ],
            [
                (self.tenant_wang, "B1-0301", 75.0),
                (self.owner_zhang, "A1-1203", 98.5),
                (self.owner_li, "A1-1204", 120.0),
            ],
        )
        # 张伟 buys A1-1204 too, with 李娜 as co-owner: two groups of owners remain
        self.meeting.voter_ids.sudo().unlink()
        self.unit_a2.occupancy_ids.filtered(lambda o: o.partner_id == self.owner_li).share = 60.0
        self.occupy(self.unit_a2, self.owner_zhang, share=40.0)
        self.occupy(self.unit_b1, self.owner_zhang)
        self.env["property.occupancy"].search(
            [("unit_id", "=", self.unit_b1.id), ("partner_id", "=", self.tenant_wang.id)]
        ).action_end()
        self.meeting.with_user(self.community_clerk).action_prepare_voters()
        voters = self.meeting.voter_ids.sorted("area")
        self.assertEqual(
            [(v.owner_ids, v.unit_ids.mapped("code"), v.area) for v in voters],
            [
                (self.owner_li | self.owner_zhang, ["A1-1204"], 120.0),
                (self.owner_zhang, ["A1-1203", "B1-0301"], 173.5),
            ],
        )
        shared = voters[0]
        self.assertEqual(shared.partner_id, self.owner_li, "the larger share votes first")
        shared.with_user(self.community_clerk).partner_id = self.owner_zhang
        with self.assertRaises(ValidationError):
            shared.with_user(self.community_clerk).partner_id = self.tenant_wang

    def test_unsold_units_need_the_developer(self):
        self.env["property.occupancy"].search([("unit_id", "=", self.unit_b1.id)]).action_end()
        self.meeting.voter_ids.sudo().unlink()
        with self.assertRaisesRegex(UserError, "B1-0301"):
            self.meeting.with_user(self.community_clerk).action_prepare_voters()

    def test_quorum_is_two_thirds_of_area_and_owners(self):
        self.open_voting(self.meeting)
        with freeze_time(DURING):
            # 张伟 and 王芳: 2 of 3 owners, but 173.5 of 293.5 m² (59 %): no quorum
            self.paper_ballot(self.meeting, self.voter_zhang, self.all_agree())
            self.paper_ballot(self.meeting, self.voter_wang, self.all_agree())
        self.assertFalse(self.meeting.quorum_reached)
        self.assertEqual(self.covenant.result, "pending", "counted when the voting closes")
        self.meeting.with_user(self.community_manager).action_close()
        self.assertEqual((self.covenant.result, self.gate.result), ("no_quorum", "no_quorum"))

    def test_majorities_by_area_and_headcount(self):
        self.open_voting(self.meeting)
        with freeze_time(DURING):
            # all vote: the covenant has 张伟 and 王芳 (2 of 3, 173.5 of 293.5 m²): more
            # than half of both; the gate needs three quarters: rejected
            self.paper_ballot(self.meeting, self.voter_zhang, self.all_agree())
            self.paper_ballot(self.meeting, self.voter_wang, self.all_agree())
            self.paper_ballot(
                self.meeting, self.voter_li, {self.covenant.id: "against", self.gate.id: "abstain"}
            )
        self.meeting.with_user(self.community_manager).action_close()
        self.assertEqual(self.meeting.voted_area, 293.5)
        self.assertEqual((self.covenant.agree_count, self.covenant.agree_area), (2, 173.5))
        self.assertEqual((self.gate.abstain_count, self.gate.abstain_area), (1, 120.0))
        self.assertAlmostEqual(self.covenant.agree_area_rate, 59.11, places=2)
        self.assertEqual((self.covenant.result, self.gate.result), ("passed", "rejected"))

    def test_half_the_area_is_not_more_than_half(self):
        # 王芳's unit is 218.5 m²: of 437 m², 张伟 and 李娜 together hold exactly half
        # (218.5): an ordinary matter needs more than half
        self.unit_b1.building_area = 218.5
        self.meeting.voter_ids.sudo().unlink()
        self.meeting.with_user(self.community_clerk).action_prepare_voters()
        self.open_voting(self.meeting)
        voters = {v.partner_id: v for v in self.meeting.voter_ids}
        with freeze_time(DURING):
            for partner, choice in (
                (self.owner_zhang, "agree"),
                (self.owner_li, "agree"),
                (self.tenant_wang, "against"),
            ):
                self.paper_ballot(
                    self.meeting, voters[partner], {self.covenant.id: choice, self.gate.id: choice}
                )
        self.meeting.with_user(self.community_manager).action_close()
        self.assertEqual((self.covenant.agree_count, self.covenant.agree_area), (2, 218.5))
        self.assertEqual(self.meeting.voted_area, 437.0)
        self.assertEqual(self.covenant.result, "rejected")

    def test_one_vote_per_voter(self):
        self.open_voting(self.meeting)
        with freeze_time(DURING):
            self.meeting.with_user(self.zhang)._cast_ballot(self.voter_zhang, self.all_agree())
            with self.assertRaisesRegex(UserError, "already voted"):
                self.meeting.with_user(self.zhang)._cast_ballot(self.voter_zhang, self.all_agree())
            with self.assertRaisesRegex(UserError, "already voted"):
                self.paper_ballot(self.meeting, self.voter_zhang, self.all_agree())
        # the database, whatever the code path
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env["property.owners.meeting.ballot"].create(
                    {
                        "meeting_id": self.meeting.id,
                        "voter_id": self.voter_zhang.id,
                        "cast_by_id": self.owner_zhang.id,
                    }
                )
                self.env.flush_all()
        self.assertEqual(self.meeting.voted_count, 1)

    def test_who_votes_when(self):
        li = self.portal_user(self.owner_li, "pc_li")
        with freeze_time(DURING), self.assertRaisesRegex(UserError, "not open"):
            self.meeting.with_user(self.community_clerk)._cast_ballot(
                self.voter_zhang, self.all_agree(), channel="paper"
            )
        with self.assertRaises(AccessError):  # the owner does not see it yet
            self.meeting.with_user(self.zhang)._cast_ballot(self.voter_zhang, self.all_agree())
        self.open_voting(self.meeting)
        with freeze_time(DURING):
            with self.assertRaisesRegex(UserError, "Only the voter"):
                self.meeting.with_user(li)._cast_ballot(self.voter_zhang, self.all_agree())
            with self.assertRaisesRegex(UserError, "every matter"):
                self.meeting.with_user(self.zhang)._cast_ballot(
                    self.voter_zhang, {self.covenant.id: "agree"}
                )
            with self.assertRaisesRegex(UserError, "every matter"):
                self.meeting.with_user(self.zhang)._cast_ballot(
                    self.voter_zhang, {self.covenant.id: "agree", self.gate.id: "maybe"}
                )
            with self.assertRaisesRegex(UserError, "scan"):
                self.meeting.with_user(self.community_clerk)._cast_ballot(
                    self.voter_li, self.all_agree(), channel="paper"
                )
            with self.assertRaises(AccessError):
                self.meeting.with_user(li)._cast_ballot(
                    self.voter_li,
                    self.all_agree(),
                    channel="paper",
                    scans=self.env["ir.attachment"],
                )
        with freeze_time("2026-04-01 00:00:00"), self.assertRaisesRegex(UserError, "open from"):
            self.meeting.with_user(self.zhang)._cast_ballot(self.voter_zhang, self.all_agree())
        with freeze_time("2026-04-01 00:00:00"):  # paper ballots are entered until counted
            self.paper_ballot(self.meeting, self.voter_li, self.all_agree())
        self.meeting.with_user(self.community_manager).action_close()
        with self.assertRaisesRegex(UserError, "Counted"):
            self.paper_ballot(self.meeting, self.voter_wang, self.all_agree())
        with self.assertRaisesRegex(UserError, "not open"):
            self.meeting.with_user(self.community_clerk)._cast_ballot(
                self.voter_wang, self.all_agree(), channel="paper"
            )

    def test_ballots_and_lists_are_fixed(self):
        self.open_voting(self.meeting)
        with self.assertRaises(UserError):
            self.covenant.with_user(self.community_clerk).name = "另一个议题"
        with self.assertRaises(UserError):
            self.meeting.with_user(self.community_clerk).matter_ids = [
                Command.create({"name": "新议题"})
            ]
        with self.assertRaises(UserError):
            self.voter_li.with_user(self.community_clerk).area = 1.0
        with self.assertRaises(UserError):
            self.voter_li.with_user(self.community_clerk).unlink()
        with freeze_time(DURING):
            ballot = self.meeting.with_user(self.zhang)._cast_ballot(
                self.voter_zhang, self.all_agree()
            )
        for user in (self.community_manager, self.zhang):
            with self.assertRaises(UserError):
                ballot.with_user(user).line_ids[0].choice = "against"
            with self.assertRaises(AccessError):
                ballot.with_user(user).unlink()
        with self.assertRaises(UserError):
            self.voter_zhang.with_user(self.community_clerk).proxy_id = self.owner_li

    def test_the_list_is_the_owners(self):
        """Nobody adds a voter, changes an area or marks a voter as voted: the count
        reads the owners' list and the ballots, whatever a client sends."""
        Voter = self.env["property.owners.meeting.voter"].with_user(self.community_manager)
        with self.assertRaises(UserError):
            Voter.create({"meeting_id": self.meeting.id, "partner_id": self.owner_li.id})
        for values in ({"area": 5000.0}, {"has_voted": True}, {"unit_ids": [Command.clear()]}):
            with self.assertRaises(UserError):
                self.voter_wang.with_user(self.community_manager).write(values)
        self.open_voting(self.meeting)
        with self.assertRaises(UserError):
            self.voter_wang.with_user(self.community_manager).write({"has_voted": True})
        self.assertEqual((self.meeting.voted_count, self.meeting.voted_area), (0, 0.0))

    def test_roles(self):
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.community_clerk).action_open()
        with self.assertRaises(UserError):
            self.meeting.with_user(self.community_clerk).write({"state": "open"})
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.office).read(["name"])
        with self.assertRaises(AccessError):
            self.meeting.with_user(self.zhang).action_prepare_voters()
        # an owner sees no meeting before the voting opens, then his own only
        Meeting = self.env["property.owners.meeting"].with_user(self.zhang)
        self.assertFalse(Meeting.search([]))
        self.open_voting(self.meeting)
        self.assertEqual(Meeting.search([]), self.meeting)
        self.assertEqual(
            self.env["property.owners.meeting.voter"].with_user(self.zhang).search([]),
            self.voter_zhang,
        )

    def test_other_company(self):
        company, estate, unit = self.second_company(building_area=88.0)
        self.occupy(unit, self.owner_li)
        user = self.company_user(company, "pc_clerk2", "property_community.group_community_user")
        meeting = self.meeting_form(estate, user, matters=[("管理规约", "covenant")])
        self.assertEqual(meeting.company_id, company)
        self.assertFalse(
            self.env["property.owners.meeting"]
            .with_user(self.community_clerk)
            .search([("id", "=", meeting.id)])
        )

    def test_committee_members_are_owners(self):
        committee = (
            self.env["property.owners.committee"]
            .with_user(self.community_manager)
            .create(
                {
                    "name": "第一届业主委员会",
                    "estate_id": self.estate.id,
                    "date_from": "2026-01-01",
                    "date_to": "2030-12-31",
                    "member_ids": [
                        Command.create({"partner_id": self.owner_li.id, "role": "chair"})
                    ],
                }
            )
        )
        with self.assertRaises(ValidationError):
            committee.member_ids = [Command.create({"partner_id": self.env.user.partner_id.id})]
        # the chair sees her committee on the portal
        li = self.portal_user(self.owner_li, "pc_li_chair")
        self.assertEqual(self.env["property.owners.committee"].with_user(li).search([]), committee)


@tagged("post_install", "-at_install")
class TestMeetingResultPdf(MeetingCommon, HttpCase):
    """The printed minutes and result, through wkhtmltopdf: the Chinese text shown
    (pdftotext reads the CJK font)."""

    def test_result_pdf(self):
        meeting = self.meeting_form(
            self.estate, self.community_clerk, matters=[("修改管理规约", "covenant")]
        )
        meeting.with_user(self.community_clerk).action_prepare_voters()
        meeting.minutes = "<p>业主委员会召集，计票人：张伟、李娜。</p>"
        self.open_voting(meeting)
        with freeze_time(DURING):
            for voter in meeting.voter_ids:
                self.paper_ballot(meeting, voter, {meeting.matter_ids.id: "agree"})
        meeting.with_user(self.community_manager).action_close()
        report = self.env.ref(
            "property_community.action_report_owners_meeting_result"
        ).with_context(force_report_rendering=True)
        pdf, kind = report._render_qweb_pdf(report.report_name, meeting.ids)
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf, "-layout")
        self.assertIn("阳光花园", text)
        self.assertIn("修改管理规约", text)
        self.assertIn("计票人", text)
        self.assertIn("293.50", text)


class TestMeetingReadsFlat(MeetingCommon):
    """What an owner's meeting page reads (the record rules, the turnout, each matter's
    result) costs as many queries and reads as many voters with 3 voters as with 43:
    Odoo checks the rules of records in memory in Python (`filtered_domain`), and a
    rule through the meeting's voters would read them all (5,000 took 200 ms)."""

    def owner_reads(self, meeting, user):
        self.env.invalidate_all()
        queries = self.env.cr.sql_log_count
        meeting = meeting.with_user(user)
        meeting.check_access("read")
        meeting.matter_ids.check_access("read")
        meeting.matter_ids.mapped("result")
        meeting.mapped("voted_area")
        Voter = self.env["property.owners.meeting.voter"]
        voters_read = self.env.cache.get_records(Voter, Voter._fields["owner_ids"])
        return self.env.cr.sql_log_count - queries, len(voters_read)

    def test_queries_flat_in_the_number_of_voters(self):
        counts = []
        for extra in (0, 40):
            building = self.env["property.building"].create(
                {"name": f"C{extra}", "estate_id": self.estate.id}
            )
            for index in range(extra):
                unit = self.env["property.unit"].create(
                    {
                        "code": f"C-{extra}-{index}",
                        "estate_id": self.estate.id,
                        "building_id": building.id,
                        "building_area": 88.0,
                    }
                )
                self.occupy(unit, self.env["res.partner"].create({"name": f"业主 {index}"}))
            meeting = self.meeting_form(
                self.estate, self.community_clerk, matters=[("管理规约", "covenant")]
            )
            meeting.with_user(self.community_clerk).action_prepare_voters()
            self.open_voting(meeting)
            zhang = self.portal_user(self.owner_zhang, f"pc_flat_{extra}")
            counts.append((len(meeting.voter_ids), self.owner_reads(meeting, zhang)))
        (small, small_reads), (large, large_reads) = counts
        self.assertEqual((small, large), (3, 43))
        self.assertEqual(large_reads, small_reads)
