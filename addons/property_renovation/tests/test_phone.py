from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import RenovationCommon


@tagged("post_install", "-at_install")
class TestOwnerOnAPhone(HttpCase, RenovationCommon):
    """An owner's pages in a real browser at 390 × 844 (static/tests/tours/
    property_owner_phone_tour.js): every link, button and checkbox at least 44 px tall
    (a checkbox through its label), nothing wider than the screen, the notice's document
    stacked rather than squeezed."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.property_late_fee_rate = 0.0
        cls.schedule(cls.unit_a1, cls.plan(cls.fee_management, "building_area", 2.5))
        cls.notice = cls.bill(date(2026, 7, 1), date(2026, 7, 31), invoice_date=date(2026, 6, 15))
        cls.pay(cls.notice, 100.0)
        new_test_user(
            cls.env,
            "phone_tour_owner",
            name="张伟",
            password="phone_tour_owner",
            groups="base.group_portal",
            partner_id=cls.owner_zhang.id,
        )

    def test_owner_pages_on_a_phone(self):
        self.start_tour("/my", "property_owner_phone", login="phone_tour_owner")
