"""Printing from a running server, as the web client does: wkhtmltopdf renders the
report while the server serves it its stylesheets (an HttpCase cannot: its requests
share one test cursor, so wkhtmltopdf's requests would wait for the one printing)."""

import json
import re
import shutil
import subprocess

from conftest import TENANT_A


def test_several_invoices_print_in_one_pdf(server):
    """A list's Print menu on two invoices downloads one PDF of both, each from a page
    of its own, with Debian's wkhtmltopdf too (it refuses the one file per record Odoo
    hands it: a 500 before)."""
    call = server.login(TENANT_A)
    partners = call("res.partner", "create", [{"name": "张伟"}, {"name": "李娜"}])
    invoices = call(
        "account.move",
        "create",
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner,
                "invoice_line_ids": [[0, 0, {"name": "物业服务费", "price_unit": price}]],
            }
            for partner, price in zip(partners, (246.25, 300.0), strict=True)
        ],
    )
    call("account.move", "action_post", invoices)
    # the form token the web client posts with (from the page it runs in)
    page = call.session.get(server.url + "/odoo", timeout=60).text
    csrf_token = re.search(r'csrf_token: "(\w+)"', page)[1]
    url = f"/report/pdf/account.report_invoice/{','.join(map(str, invoices))}"
    response = call.session.post(
        server.url + "/report/download",
        data={
            "data": json.dumps([url, "qweb-pdf"]),
            "context": json.dumps({}),
            "csrf_token": csrf_token,
        },
        timeout=120,
    )
    assert response.status_code == 200, response.text[:1000]
    assert response.content.startswith(b"%PDF")
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    # (the text layer is the CJK font's: Latin text such as the numbers has none)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == 2, text
    assert "张伟" in pages[0] and "李娜" in pages[1], text
