from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCase

from .common import TicketCommon

MAIL = """Return-Path: <{return_path}>
To: {to}
Cc: {cc}
Received: by mail1.example.com (Postfix, from userid 10002)
    id 5DF9ABFB2A; Fri, 10 Aug 2026 16:16:39 +0200 (CEST)
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit
Date: Fri, 10 Aug 2026 14:16:26 +0000
Message-ID: {msg_id}
{extra}

卫生间天花板渗水，麻烦尽快安排师傅上门。
"""


@tagged("post_install", "-at_install")
class TestEmailIntake(TicketCommon, MailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create({"name": "wuye.example.com"})
        cls.env.company.alias_domain_id = cls.alias_domain
        cls.estate.write({"alias_name": "t-yg-service", "alias_domain_id": cls.alias_domain.id})
        cls.estate_2 = cls.env["property.estate"].create(
            {"name": "翠湖苑", "code": "T-CH", "alias_name": "t-ch-service"}
        )
        cls.owner_zhang.email = "zhang@example.com"

    def test_alias_per_estate(self):
        self.assertEqual(self.estate.alias_email, "t-yg-service@wuye.example.com")
        self.assertEqual(self.estate.alias_id.alias_model_id.model, "property.ticket")
        self.assertIn(str(self.estate.id), self.estate.alias_id.alias_defaults)
        self.assertIn(str(self.estate_2.id), self.estate_2.alias_id.alias_defaults)

    def test_email_from_an_owner_becomes_a_request_of_the_estate(self):
        ticket = self.format_and_process(
            MAIL,
            "张伟 <zhang@example.com>",
            "t-yg-service@wuye.example.com",
            subject="卫生间渗水",
            target_model="property.ticket",
            target_field="subject",
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.channel, "email")
        self.assertEqual(ticket.partner_id, self.owner_zhang)
        self.assertEqual(ticket.unit_id, self.unit_a1, "the sender's unit in the estate")
        self.assertIn("渗水", ticket.description)
        self.assertFalse(ticket.receiver_id)
        self.assertRegex(ticket.name, r"^WO/")

    def test_email_from_a_stranger_to_the_other_estate(self):
        ticket = self.format_and_process(
            MAIL,
            "路人 <passer@example.net>",
            "t-ch-service@wuye.example.com",
            subject="小区门口路灯不亮",
            target_model="property.ticket",
            target_field="subject",
        )
        self.assertEqual(ticket.estate_id, self.estate_2)
        self.assertFalse(ticket.unit_id)
        self.assertEqual(ticket.company_id, self.env.company)


@tagged("post_install", "-at_install")
class TestHandoverDefects(TicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handover = cls.env["property.handover"].create(
            {
                "unit_id": cls.unit_a2.id,
                "partner_id": cls.owner_li.id,
                "identity_kind": "owner",
                "service_agreement_signed": True,
                "safety_letter_signed": True,
            }
        )

    def inspect(self):
        handover = self.handover
        handover.state = "inspection"
        lines = handover.check_line_ids
        lines.write({"result": "ok"})
        lines[0].write({"result": "defect", "defect_description": "入户门锁芯卡滞"})
        lines[1].write({"result": "defect", "defect_description": "墙面裂缝", "repaired": True})
        return lines

    def test_defects_become_repair_requests_at_sign_off(self):
        lines = self.inspect()
        self.handover.signature = "iVBORw0KGgo="
        self.handover.action_sign()
        ticket = lines[0].ticket_id
        self.assertTrue(ticket)
        self.assertFalse(lines[1].ticket_id, "repaired on the spot")
        self.assertEqual(self.handover.ticket_ids, ticket)
        self.assertEqual(ticket.ticket_type, "repair")
        self.assertEqual(ticket.channel, "handover")
        self.assertEqual(ticket.unit_id, self.unit_a2)
        self.assertEqual(ticket.partner_id, self.owner_li)
        self.assertIn("入户门锁芯卡滞", ticket.description)
        self.assertEqual(
            ticket.category_id, self.env.ref("property_ticket.ticket_category_handover_defect")
        )
        # repaired and accepted: the line is re-inspected
        ticket.team_id = self.team
        self.run_to_done(ticket)
        self.sign(ticket)
        ticket.with_user(self.desk).action_accept()
        self.assertTrue(lines[0].repaired)

    def test_button_raises_the_defects_found_later(self):
        lines = self.inspect()
        action = self.handover.action_create_defect_tickets()
        self.assertEqual(action["res_model"], "property.ticket")
        self.assertEqual(len(self.handover.ticket_ids), 1)
        with self.assertRaisesRegex(UserError, "No defect without a repair request"):
            self.handover.action_create_defect_tickets()
        lines[2].write({"result": "defect", "defect_description": "窗户密封条脱落"})
        self.handover.action_create_defect_tickets()
        self.assertEqual(len(self.handover.ticket_ids), 2)
