from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import PropertyCommon


class TestOccupancy(PropertyCommon):
    def test_status_follows_occupancy(self):
        unit = self.unit_a1
        self.assertEqual(unit.status, "unsold")
        owner = self.occupy(unit, self.owner_zhang, is_resident=False)
        self.assertEqual(unit.status, "vacant")
        self.assertEqual(unit.owner_id, self.owner_zhang)
        tenant = self.occupy(unit, self.tenant_wang, role="tenant")
        self.assertEqual(unit.status, "occupied")
        tenant.action_end()
        self.assertEqual(unit.status, "vacant")
        owner.action_end()
        self.assertEqual(unit.status, "unsold")
        self.assertFalse(unit.owner_id)

    def test_co_owner_shares_cannot_exceed_100(self):
        self.occupy(self.unit_a1, self.owner_zhang, share=60)
        self.occupy(self.unit_a1, self.owner_li, share=40)
        self.assertEqual(self.unit_a1.owner_id, self.owner_zhang, "largest share is the owner")
        with self.assertRaisesRegex(ValidationError, "add up to 110"):
            self.occupy(self.unit_a1, self.tenant_wang, share=10)

    def test_ended_owner_share_is_freed(self):
        first = self.occupy(self.unit_a1, self.owner_zhang, date_from=date(2020, 1, 1))
        first.action_end(date(2024, 6, 30))
        second = self.occupy(self.unit_a1, self.owner_li, date_from=date(2024, 7, 1))
        self.assertEqual(second.share, 100)
        self.assertEqual(self.unit_a1.owner_id, self.owner_li)

    def test_share_only_for_owners(self):
        tenant = self.occupy(self.unit_a1, self.tenant_wang, role="tenant")
        self.assertEqual(tenant.share, 0)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.occupy(self.unit_a2, self.owner_li, share=120)

    def test_one_payer_at_a_time(self):
        owner = self.occupy(self.unit_a1, self.owner_zhang, is_payer=True)
        # two current payers: refused by the database itself (safe against concurrent desks)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            self.occupy(self.unit_a1, self.tenant_wang, role="tenant", is_payer=True)
        self.assertIn("one_current_payer", str(caught.exception))
        # the owner hands the bills over to a tenant, and takes them back when they leave
        owner.is_payer = False
        tenant = self.occupy(self.unit_a1, self.tenant_wang, role="tenant", is_payer=True)
        self.assertEqual(self.unit_a1.payer_id, self.tenant_wang)
        tenant.action_end()
        owner.is_payer = True
        self.assertEqual(self.unit_a1.payer_id, self.owner_zhang)

    def test_second_owner_gets_the_remaining_share(self):
        first = self.occupy(self.unit_a1, self.owner_zhang)
        self.assertEqual(first.share, 100)
        first.share = 70
        second = self.occupy(self.unit_a1, self.owner_li)
        self.assertEqual(second.share, 30)

    def test_no_resident_moves_into_a_unit_in_custody(self):
        self.occupy(self.unit_a1, self.owner_zhang, is_resident=False)
        self.env["property.custody"].create({"unit_id": self.unit_a1.id}).action_start()
        with self.assertRaisesRegex(ValidationError, "end the custody"):
            self.occupy(self.unit_a1, self.tenant_wang, role="tenant")

    def test_dates_consistent(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.occupy(
                self.unit_a1, self.owner_zhang, date_from=date(2024, 5, 1), date_to=date(2024, 4, 1)
            )

    def test_end_before_start_refused(self):
        occupancy = self.occupy(self.unit_a1, self.owner_zhang, date_from=date(2024, 5, 1))
        with self.assertRaisesRegex(UserError, "cannot end before"):
            occupancy.action_end(date(2024, 4, 1))
        occupancy.action_end(date(2024, 5, 31))
        with self.assertRaisesRegex(UserError, "already ended"):
            occupancy.action_end()

    def test_history_is_never_deleted(self):
        occupancy = self.occupy(self.unit_a1, self.owner_zhang)
        with self.assertRaisesRegex(UserError, "end the occupancy instead"):
            occupancy.unlink()
        occupancy.action_end()
        with self.assertRaises(UserError):
            occupancy.unlink()
        self.assertTrue(occupancy.exists())

    def test_cron_ends_expired_occupancies(self):
        lease = self.occupy(
            self.unit_a1,
            self.tenant_wang,
            role="tenant",
            date_from=date(2020, 1, 1),
            date_to=date(2020, 12, 31),
        )
        self.assertEqual(self.unit_a1.status, "occupied")
        self.env["property.occupancy"]._cron_end_expired()
        self.assertEqual(lease.state, "ended")
        self.assertEqual(self.unit_a1.status, "unsold")

    def test_unit_code_unique_per_estate(self):
        other_estate = self.env["property.estate"].create({"name": "翠湖苑", "code": "T-CH"})
        self.env["property.unit"].create({"code": "A1-1203", "estate_id": other_estate.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["property.unit"].create({"code": "A1-1203", "estate_id": self.estate.id})

    def test_inner_area_within_building_area(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.unit_a1.write({"inner_area": 120})
            self.unit_a1.flush_recordset()

    def test_partner_unit_count(self):
        self.occupy(self.unit_a1, self.owner_zhang)
        self.occupy(self.unit_b1, self.owner_zhang)
        self.assertEqual(self.owner_zhang.property_unit_count, 2)
        action = self.owner_zhang.action_view_property_units()
        units = self.env["property.unit"].search(action["domain"])
        self.assertEqual(units, self.unit_a1 | self.unit_b1)
