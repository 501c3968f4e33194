from datetime import timedelta

from odoo import fields

from odoo.addons.property_ticket.tests.common import TicketCommon

from .common import PNG, RenovationCommon

__all__ = ["PNG", "SupervisionCommon"]


class SupervisionCommon(RenovationCommon, TicketCommon):
    """RenovationCommon with TicketCommon's teams and technicians (the maintenance
    team), a security team, the estate's renovation rules, and an application of unit
    A1-1203 brought to the permit by the core's flow (works planned from today)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the names of the supervision tests for RenovationCommon's users
        cls.guard, cls.reno_desk = cls.security, cls.desk
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
        cls.today = fields.Date.context_today(cls.env["property.renovation"])
        cls.renovation = cls.new_renovation()
        cls.rule_structure = cls.env.ref("property_renovation.rule_structure")
        cls.rule_common_areas = cls.env.ref("property_renovation.rule_common_areas")

    @classmethod
    def new_renovation(cls, unit=None, **values):
        """An application of the unit's owner, works planned from today, at the permit."""
        unit = unit or cls.unit_a1
        owner = unit.occupancy_ids.filtered(
            lambda o: o.role == "owner" and o.state == "current"
        ).partner_id[:1]
        renovation = cls.application(
            unit=unit,
            applicant=owner,
            date_start=cls.today,
            date_end=cls.today + timedelta(days=60),
            **values,
        )
        cls.permit_issued(renovation)
        return renovation

    @classmethod
    def issue(cls, renovation):
        """The permit document issued with the permit (none twice)."""
        return renovation.permit_id
