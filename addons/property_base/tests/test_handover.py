import base64
from datetime import date

from odoo.exceptions import UserError

from .common import PropertyCommon

# a 1x1 PNG stands for the owner's signature
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)


class TestHandover(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Meter = cls.env["property.meter"]
        cls.water = Meter.create({"name": "W1", "meter_type": "water", "unit_id": cls.unit_a1.id})
        cls.power = Meter.create(
            {"name": "E1", "meter_type": "electricity", "unit_id": cls.unit_a1.id}
        )

    def new_handover(self, **values):
        return self.env["property.handover"].create(
            {
                "unit_id": self.unit_a1.id,
                "partner_id": self.owner_zhang.id,
                "date": date(2026, 5, 8),
                **values,
            }
        )

    def test_full_handover(self):
        handover = self.new_handover()
        self.assertTrue(handover.name.startswith("HO/"))
        self.assertTrue(handover.check_line_ids, "the standard checklist is filled in")
        self.assertEqual(handover.meter_line_ids.meter_id, self.water | self.power)

        handover.action_check_identity()
        self.assertEqual(handover.state, "documents")
        with self.assertRaisesRegex(UserError, "must be signed first"):
            handover.action_start_inspection()
        handover.write({"service_agreement_signed": True, "safety_letter_signed": True})
        with self.assertRaisesRegex(UserError, "collect the move-in fees"):
            handover.action_start_inspection()
        handover.fees_collected = True
        handover.action_start_inspection()

        # joint inspection: one defect, the rest OK; meters read together
        lines = handover.check_line_ids
        lines[1:].write({"result": "ok"})
        with self.assertRaisesRegex(UserError, "needs a result"):
            handover.write({"signature": SIGNATURE})
            handover.action_sign()
        lines[0].write({"result": "defect", "defect_description": "入户门锁芯松动"})
        self.assertEqual(handover.defect_count, 1)
        handover.meter_line_ids.filtered(lambda m: m.meter_id == self.water).value = 3.5
        handover.meter_line_ids.filtered(lambda m: m.meter_id == self.power).value = 12
        handover.action_sign()
        self.assertEqual(handover.state, "signed")
        readings = handover.meter_line_ids.reading_id
        self.assertEqual(len(readings), 2)
        self.assertEqual(set(readings.mapped("reason")), {"handover"})
        self.assertEqual(self.water.last_reading_value, 3.5)
        self.assertEqual(self.power.last_reading_id.date, date(2026, 5, 8))

        with self.assertRaisesRegex(UserError, "record the keys"):
            handover.action_done()
        handover.write({"key_count": 3, "access_card_count": 2})
        handover.action_done()
        self.assertEqual(handover.state, "done")
        self.assertEqual(self.unit_a1.handover_date, date(2026, 5, 8))
        self.assertEqual(self.unit_a1.owner_id, self.owner_zhang)
        self.assertEqual(self.unit_a1.payer_id, self.owner_zhang)
        self.assertEqual(self.unit_a1.status, "occupied")

    def test_agent_needs_power_of_attorney(self):
        agent = self.env["res.partner"].create({"name": "赵律师"})
        handover = self.new_handover(identity_kind="agent", agent_id=agent.id)
        with self.assertRaisesRegex(UserError, "power of attorney"):
            handover.action_check_identity()
        attachment = self.env["ir.attachment"].create(
            {"name": "委托书.pdf", "raw": b"%PDF-1.4 power of attorney"}
        )
        handover.identity_document_ids = attachment
        handover.action_check_identity()
        self.assertEqual(handover.state, "documents")

    def test_steps_cannot_be_skipped(self):
        handover = self.new_handover()
        for action in ("action_start_inspection", "action_sign", "action_done", "action_reset"):
            with self.assertRaisesRegex(UserError, "not possible now"):
                getattr(handover, action)()

    def test_no_handover_is_done_by_writing_its_state(self):
        """The desk cannot complete a draft handover (no fees, checks, signature or keys)
        by writing its state, whatever context its client sends."""
        handover = self.new_handover()
        desk = handover.with_user(self.staff).with_context(property_workflow=True)
        with self.assertRaisesRegex(UserError, "buttons only"):
            desk.write({"state": "done"})
        with self.assertRaisesRegex(UserError, "buttons only"):
            desk.create(
                {"unit_id": self.unit_a2.id, "partner_id": self.owner_li.id, "state": "done"}
            )
        self.assertEqual(handover.state, "draft")

    def test_not_taken_over_needs_a_reason(self):
        handover = self.new_handover()
        with self.assertRaisesRegex(UserError, "give the reason"):
            handover.action_not_taken()
        handover.write({"not_taken_reason": "defects", "not_taken_note": "渗水未修复"})
        handover.action_not_taken()
        self.assertEqual(handover.state, "not_taken")
        self.assertEqual(self.unit_a1.status, "unsold")
        handover.action_reset()
        self.assertEqual(handover.state, "draft")
        self.assertFalse(handover.not_taken_reason)

    def test_reports_render(self):
        handover = self.new_handover()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_base.action_report_handover", handover.ids)[0]
            .decode()
        )
        self.assertIn("A1-1203", html)
        self.assertIn(handover.name, html)
        handover.write({"not_taken_reason": "absent"})
        handover.action_not_taken()
        wizard = self.env["property.handover.daily.wizard"].create(
            {"date": date(2026, 5, 8), "estate_ids": [(6, 0, self.estate.ids)]}
        )
        self.assertEqual(wizard._handovers(), handover)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_base.action_report_handover_daily", wizard.ids)[0]
            .decode()
        )
        self.assertIn("阳光花园", html)
        self.assertIn("A1-1203", html)
        other_day = self.env["property.handover.daily.wizard"].create({"date": date(2026, 5, 9)})
        self.assertFalse(other_day._handovers())
