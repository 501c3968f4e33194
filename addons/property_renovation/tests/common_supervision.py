from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.property_ticket.tests.common import TicketCommon

PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class SupervisionCommon(TicketCommon):
    """TicketCommon's estate with renovation staff (security guard, desk clerk,
    engineer), a security team beside the maintenance team, and an application of
    unit A1-1203 brought to the permit step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = new_test_user(
            cls.env,
            "pr_guard",
            groups="property_renovation.group_renovation_security",
            name="保安 老孙",
        )
        cls.reno_desk = new_test_user(
            cls.env, "pr_desk", groups="property_renovation.group_renovation_desk", name="前台 小林"
        )
        cls.engineer = new_test_user(
            cls.env,
            "pr_engineer",
            groups="property_renovation.group_renovation_engineering",
            name="工程师 郑",
        )
        cls.security_team = cls.env["property.team"].create(
            {
                "name": "安护部",
                "leader_id": cls.guard.id,
                "estate_ids": [(6, 0, cls.estate.ids)],
            }
        )
        cls.estate.write(
            {
                "renovation_maintenance_team_id": cls.team.id,
                "renovation_security_team_id": cls.security_team.id,
                "renovation_noise_rules": "午休时间禁止噪音施工",
            }
        )
        cls.contractor = cls.env["res.partner"].create(
            {"name": "深圳美居装饰工程有限公司", "is_company": True}
        )
        cls.today = fields.Date.context_today(cls.env["property.renovation"])
        cls.renovation = cls.new_renovation()
        cls.rule_structure = cls.env.ref("property_renovation.rule_structure")
        cls.rule_common_areas = cls.env.ref("property_renovation.rule_common_areas")

    @classmethod
    def new_renovation(cls, unit=None, **values):
        """An application with its rules accepted, at the permit step."""
        renovation = cls.env["property.renovation"].create(
            {
                "unit_id": (unit or cls.unit_a1).id,
                "applicant_id": cls.owner_zhang.id,
                "contractor_id": cls.contractor.id,
                "date_start": cls.today,
                "date_end": cls.today + timedelta(days=60),
                "scope_walls": True,
                "scope_floors": True,
                **values,
            }
        )
        renovation.action_accept_rules()
        # the review, agreement and fee steps are the core's actions (branch wip-reno)
        renovation.state = "permit"
        return renovation

    @classmethod
    def issue(cls, renovation):
        return renovation._issue_permit_documents()

    @classmethod
    def confirmed_entry(cls, renovation):
        entry = cls.env["property.renovation.entry"].create({"renovation_id": renovation.id})
        entry.line_ids.write({"result": "ok"})
        entry.write(
            {
                "applicant_signature": PNG,
                "applicant_signed_by": "张伟",
                "meter_water": 12.5,
                "meter_electricity": 340.0,
            }
        )
        entry.action_confirm()
        return entry
