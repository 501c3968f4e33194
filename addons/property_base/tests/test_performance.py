from .common import PropertyCommon


class TestUnitListPerformance(PropertyCommon):
    def test_listing_500_units_with_owner_is_not_a_query_per_unit(self):
        units = self.env["property.unit"].create(
            [
                {"code": f"P-{i:04d}", "estate_id": self.estate.id, "building_area": 90}
                for i in range(500)
            ]
        )
        owners = self.env["res.partner"].create([{"name": f"业主{i}"} for i in range(500)])
        self.env["property.occupancy"].create(
            [
                {"unit_id": unit.id, "partner_id": owner.id, "role": "owner", "is_payer": True}
                for unit, owner in zip(units, owners, strict=True)
            ]
        )
        self.env.invalidate_all()
        # what the unit list view reads: a constant number of queries, not one per unit
        with self.assertQueryCount(4):
            records = self.env["property.unit"].search([("estate_id", "=", self.estate.id)])
            rows = records.read(["code", "owner_id", "payer_id", "status", "building_area"])
        self.assertEqual(len(rows), 503)
        self.assertEqual(rows[-1]["owner_id"][1], "业主499")
