#!/usr/bin/env python3
"""Time Odoo's import of an XLSX of units (the shipped template's columns).

    python3 benchmarks/import_units.py TENANT [--units 1000]

Runs in the tenant's database and rolls everything back; prints the figures.
"""

import argparse
import io
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What the import dialog sends once the columns are matched.
OPTIONS = {
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "quoting": '"',
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "limit": 100000,
    "skip": 0,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tenant")
    parser.add_argument("--units", type=int, default=1000)
    args = parser.parse_args()

    from openpyxl import Workbook

    from propctl import odoo_env

    odoo = odoo_env.load()
    registry = odoo.modules.registry.Registry(args.tenant)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        estate = env["property.estate"].create({"name": "基准测试小区", "code": "BENCH"})
        per_building = 100
        buildings = (args.units + per_building - 1) // per_building
        env["property.building"].create(
            [{"name": f"{b}栋", "estate_id": estate.id} for b in range(1, buildings + 1)]
        )
        book = Workbook()
        sheet = book.active
        sheet.append(
            ["Code", "Estate", "Building", "Floor", "Building Area (m²)", "Inner Area (m²)", "Use"]
        )
        for i in range(args.units):
            building, rest = divmod(i, per_building)
            floor, room = divmod(rest, 4)
            sheet.append(
                [
                    f"{building + 1}-{floor + 1:02d}{room + 1:02d}",
                    estate.name,
                    f"{estate.name} / {building + 1}栋",
                    floor + 1,
                    90.0,
                    72.0,
                    "Residential",
                ]
            )
        content = io.BytesIO()
        book.save(content)
        wizard = env["base_import.import"].create(
            {"res_model": "property.unit", "file": content.getvalue(), "file_type": XLSX}
        )
        started = time.perf_counter()
        preview = wizard.parse_preview({"has_headers": True})
        fields = ["/".join(preview["matches"][i]) for i in range(len(preview["headers"]))]
        result = wizard.execute_import(fields, preview["headers"], dict(OPTIONS))
        elapsed = time.perf_counter() - started
        cr.rollback()
    if result["messages"]:
        print("import failed:", result["messages"][:3])
        sys.exit(1)
    print(f"units imported: {len(result['ids'])}")
    print(f"seconds:        {elapsed:.2f}")
    print(f"ms per unit:    {1000 * elapsed / len(result['ids']):.2f}")


if __name__ == "__main__":
    main()
