"""Several records' PDFs from one wkhtmltopdf call, cut into one PDF per record.

Odoo prints several records at once by giving wkhtmltopdf one HTML file per record and
cutting the PDF at the outline entry each one starts. The wkhtmltopdf of Debian and
Ubuntu (unpatched Qt) refuses several files (exit code 1, no PDF; property_base gives
it one file instead, and the PDF is handed out whole) and writes no outline, so that
Odoo cannot cut it by record; Odoo's mail templates print one record per call
anyway, about 1.5 s each, most of it starting wkhtmltopdf. Here the records go in one
file, each starting on a new page with a mark of its record in the text layer, and the
PDF is cut where each mark stands. When the marks cannot be read back as expected, the
caller prints the records one by one, as Odoo would.
"""

import io
import re

import lxml.html

from odoo.tools import config
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.property_base.models.ir_actions_report import ARTICLE, one_body

MARK = "property-document-{}"
MARK_PATTERN = re.compile(r"property-document-(\d+)")
# a system font, which keeps a text layer (the reports' web font has none), tiny and
# white: read by the cutting, not by the reader
MARK_STYLE = "font-family: monospace; font-size: 3px; color: #ffffff;"


def render_pdfs(env, report_ref, records):
    """{record id: PDF bytes} of `records` printed with report `report_ref` in one
    wkhtmltopdf call, or None if the PDF cannot be cut by record."""
    if not records:
        return {}
    # as Odoo's _render_qweb_pdf: tests print HTML unless they ask for the PDF
    testing = config["test_enable"] or config["test_file"]
    if testing and not env.context.get("force_report_rendering"):
        return None
    Report = env["ir.actions.report"]
    report = Report._get_report(report_ref)
    html = Report._render_qweb_html(report_ref, records.ids, data={"report_type": "pdf"})[0]
    root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    for article in root.xpath(ARTICLE):
        mark = lxml.html.Element("span", style=MARK_STYLE)
        mark.text = MARK.format(article.get("data-oe-id"))
        article.insert(0, mark)
    bodies, _ids, header, footer, paperformat_args = report._prepare_html(
        lxml.html.tostring(root), report_model=report.model
    )
    pdf = Report._run_wkhtmltopdf(
        [one_body(bodies)],
        report_ref=report_ref,
        header=header,
        footer=footer,
        specific_paperformat_args=paperformat_args,
    )
    return _cut(pdf, records.ids)


def _cut(pdf, ids):
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = {}
    owner = None
    for page in reader.pages:
        marks = [int(found) for found in MARK_PATTERN.findall(page.extract_text() or "")]
        if len(marks) > 1 or (owner is None and not marks):
            return None
        if marks:
            owner = marks[0]
            if owner in pages:
                return None
            pages[owner] = []
        pages[owner].append(page)
    if list(pages) != list(ids):
        return None
    result = {}
    for record_id, record_pages in pages.items():
        writer = PdfFileWriter()
        for page in record_pages:
            writer.add_page(page)
        stream = io.BytesIO()
        writer.write(stream)
        result[record_id] = stream.getvalue()
    return result
