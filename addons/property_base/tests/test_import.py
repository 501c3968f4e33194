import io

from openpyxl import Workbook, load_workbook

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import file_open

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPTIONS = {
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "encoding": "",
    "separator": "",
    "quoting": '"',
    "date_format": "%Y-%m-%d",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "limit": 5000,
    "skip": 0,
    "tracking_disable": True,
}


@tagged("post_install", "-at_install")
class TestImport(TransactionCase):
    """Estates, buildings, units and owners come in through Odoo's import, from the
    templates the addon ships; the column titles are matched without any mapping."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company of its own, so that the templates' estate codes are free
        company = cls.env["res.company"].create({"name": "导入测试物业公司"})
        clerk = new_test_user(
            cls.env,
            "pb_import_clerk",
            groups="base.group_user,property_base.group_property_admin",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        cls.env = cls.env(
            user=clerk, context=dict(cls.env.context, allowed_company_ids=company.ids)
        )

    def import_file(self, model, content):
        wizard = self.env["base_import.import"].create(
            {"res_model": model, "file": content, "file_type": XLSX, "file_name": "import.xlsx"}
        )
        preview = wizard.parse_preview({"has_headers": True})
        self.assertIsNone(preview.get("error"))
        self.assertEqual(
            len(preview["matches"]), len(preview["headers"]), "every column is recognised"
        )
        fields = ["/".join(preview["matches"][index]) for index in range(len(preview["headers"]))]
        result = wizard.execute_import(fields, preview["headers"], dict(OPTIONS))
        self.assertFalse(result["messages"], result["messages"])
        return result["ids"]

    def template(self, name):
        with file_open(f"property_base/static/xlsx/{name}", "rb") as handle:
            return handle.read()

    def test_shipped_templates_import_in_order(self):
        self.assertEqual(
            len(self.import_file("property.estate", self.template("property_estates.xlsx"))), 2
        )
        buildings = self.import_file("property.building", self.template("property_buildings.xlsx"))
        self.assertEqual(len(buildings), 3)
        units = self.env["property.unit"].browse(
            self.import_file("property.unit", self.template("property_units.xlsx"))
        )
        self.assertEqual(units.mapped("code"), ["1-1203", "1-1204", "A-0101"])
        self.assertEqual(units[2].building_id.estate_id.name, "翠湖苑")
        self.assertEqual(units[2].use, "shop")
        partners = self.env["res.partner"].browse(
            self.import_file("res.partner", self.template("property_owners.xlsx"))
        )
        self.assertEqual(partners.mapped("name"), ["张伟", "王芳"])
        self.assertEqual(units[0].owner_id.name, "张伟")
        self.assertEqual(units[0].payer_id.name, "张伟")
        self.assertEqual(units[1].status, "occupied")
        self.assertEqual(units[1].payer_id.name, "王芳")

    def test_1000_units_in_one_go(self):
        estate = self.env["property.estate"].create({"name": "滨海湾", "code": "BHW"})
        self.env["property.building"].create(
            [{"name": f"{b}栋", "estate_id": estate.id, "floor_count": 25} for b in range(1, 11)]
        )
        header = load_workbook(io.BytesIO(self.template("property_units.xlsx"))).active[1]
        book = Workbook()
        sheet = book.active
        sheet.append([cell.value for cell in header])
        for building in range(1, 11):
            for floor in range(1, 26):
                for room in range(1, 5):
                    sheet.append(
                        [
                            f"{building}-{floor:02d}{room:02d}",
                            "滨海湾",
                            f"滨海湾 / {building}栋",
                            floor,
                            89.5 + room,
                            72.0 + room,
                            "Residential",
                        ]
                    )
        content = io.BytesIO()
        book.save(content)
        ids = self.import_file("property.unit", content.getvalue())
        self.assertEqual(len(ids), 1000)
        units = self.env["property.unit"].browse(ids)
        self.assertEqual(set(units.mapped("estate_id")), {estate})
        self.assertEqual(len(units.building_id), 10)
        self.assertEqual(units[-1].code, "10-2504")
        self.assertEqual(units[-1].building_id.name, "10栋")
        self.assertEqual(set(units.mapped("status")), {"unsold"})
