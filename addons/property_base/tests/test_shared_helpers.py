from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import PropertyCommon


@tagged("post_install", "-at_install")
class TestSharedHelpers(PropertyCommon):
    """What every property addon uses: the company's today, the role check, the reason
    window."""

    def test_company_today_is_in_its_time_zone(self):
        company = self.env.company
        self.env.user.tz = "America/New_York"
        company.partner_id.tz = "Asia/Shanghai"
        if "resource_calendar_id" in company._fields:  # property_ticket: it comes first
            company.resource_calendar_id.tz = "Asia/Shanghai"
        self.assertEqual(company._property_tz(), "Asia/Shanghai")
        # 2026-03-01 20:00 UTC: already the 2nd in Shanghai, still the 1st in New York
        with freeze_time("2026-03-01 20:00:00"):
            self.assertEqual(company._property_today(), date(2026, 3, 2))
            # the start of that day in Shanghai, in UTC
            self.assertEqual(str(company._property_day_start()), "2026-03-01 16:00:00")

    def test_role_check_raises_access_error(self):
        unit = self.unit_a1.with_user(self.staff)
        with self.assertRaisesRegex(AccessError, "managers only"):
            unit._require_group("property_base.group_property_manager", "managers only")
        unit.with_user(self.manager)._require_group(
            "property_base.group_property_manager", "managers only"
        )
        unit.sudo()._require_group("property_base.group_property_manager", "managers only")

    def test_reason_wizard_calls_only_public_actions(self):
        Wizard = self.env["property.reason.wizard"].with_user(self.manager)
        for method in ("unlink", "write", "_compute_display_name", "action_nonexistent"):
            wizard = Wizard.create(
                {
                    "res_model": "property.unit",
                    "res_ids": self.unit_a1.ids,
                    "method": method,
                    "reason": "-",
                }
            )
            with self.subTest(method=method), self.assertRaises(AccessError):
                wizard.action_confirm()
        self.assertTrue(self.unit_a1.exists())
