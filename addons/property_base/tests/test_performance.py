from odoo.tests import TransactionCase, tagged

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


@tagged("post_install", "-at_install")
class TestRecomputeLookupsIndexed(TransactionCase):
    """Swept over every installed model: a many2one that a stored computed field of the
    property addons depends through is indexed. When the record it points to changes
    (an invoice paid, a fee's kind), Odoo finds the records to recompute by that column:
    without an index, a sequential scan of the whole table on every such change, which
    grows with the tenant's history (Issue 20: the move-in invoice of handovers)."""

    def test_dependency_many2ones_are_indexed(self):
        missing = set()
        for name in self.env.registry:
            Model = self.env[name]
            if Model._abstract or not Model._auto:
                continue
            for field in Model._fields.values():
                if not (field.store and field.compute):
                    continue
                for path in field.get_depends(Model)[0]:
                    first = Model._fields.get(path.split(".")[0])
                    if (
                        "." in path
                        and first is not None
                        and first.type == "many2one"
                        and first.store
                        and not first.index
                        and (first._module or "").startswith("property_")
                    ):
                        missing.add(f"{name}.{first.name} (for {field.name})")
        self.assertEqual(sorted(missing), [])
