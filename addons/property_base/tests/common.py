from odoo import http
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class PropertyCommon(BaseCommon):
    """An estate with two buildings and units, owners and a tenant; a field staff user
    (Staff), a desk clerk (Office Staff) and a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The static paths of the modules, read at the first request for a static file:
        # read now, not by the test server's threads at once when wkhtmltopdf fetches a
        # report's files side by side (CPython 3.11's parser is not thread-safe: "AST
        # constructor recursion depth mismatch", a 500 and a warning).
        _statics = http.root.statics
        cls.staff = new_test_user(
            cls.env, "pb_staff", groups="property_base.group_property_user", name="物业管家 王"
        )
        cls.office = new_test_user(
            cls.env, "pb_office", groups="property_base.group_property_office", name="前台 刘"
        )
        cls.manager = new_test_user(
            cls.env, "pb_manager", groups="property_base.group_property_manager"
        )
        cls.estate = cls.env["property.estate"].create(
            {"name": "阳光花园", "code": "T-YG", "service_phone": "0755-12345678"}
        )
        cls.building_a, cls.building_b = cls.env["property.building"].create(
            [
                {"name": "A1", "estate_id": cls.estate.id, "floor_count": 18},
                {"name": "B1", "estate_id": cls.estate.id, "floor_count": 18},
            ]
        )
        cls.unit_a1, cls.unit_a2, cls.unit_b1 = cls.env["property.unit"].create(
            [
                {
                    "code": "A1-1203",
                    "estate_id": cls.estate.id,
                    "building_id": cls.building_a.id,
                    "floor": 12,
                    "building_area": 98.5,
                    "inner_area": 80.2,
                },
                {
                    "code": "A1-1204",
                    "estate_id": cls.estate.id,
                    "building_id": cls.building_a.id,
                    "floor": 12,
                    "building_area": 120.0,
                    "inner_area": 99.0,
                },
                {
                    "code": "B1-0301",
                    "estate_id": cls.estate.id,
                    "building_id": cls.building_b.id,
                    "floor": 3,
                    "building_area": 75.0,
                    "inner_area": 60.0,
                },
            ]
        )
        Partner = cls.env["res.partner"]
        cls.owner_zhang = Partner.create({"name": "张伟", "email": "zhang@example.com"})
        cls.owner_li = Partner.create({"name": "李娜", "email": "li@example.com"})
        cls.tenant_wang = Partner.create({"name": "王芳", "email": "wang@example.com"})

    @classmethod
    def second_company(cls, **unit_values):
        """A second property company, its estate 滨江府 and a unit of it."""
        company = cls.env["res.company"].create({"name": "第二物业公司"})
        estate = cls.env["property.estate"].create(
            {"name": "滨江府", "code": "T-BJ", "company_id": company.id}
        )
        unit = cls.env["property.unit"].create(
            {"code": "1-101", "estate_id": estate.id, **unit_values}
        )
        return company, estate, unit

    @classmethod
    def company_user(cls, company, login, groups):
        """A user of `company` only, in `groups` (their xml ids, comma-separated)."""
        return new_test_user(
            cls.env,
            login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )

    @classmethod
    def occupy(cls, unit, partner, role="owner", **values):
        return cls.env["property.occupancy"].create(
            {"unit_id": unit.id, "partner_id": partner.id, "role": role, **values}
        )
