"""The text layer of a printed document, as the tests of the PDF documents read it."""

import shutil
import subprocess


def pdf_text(pdf, *options):
    """The text of `pdf` (bytes) read back by poppler's pdftotext with `options`
    (e.g. "-layout"). The Latin web font of the reports carries no text layer; the
    system's CJK font does: check Chinese text and figures."""
    if not shutil.which("pdftotext"):
        raise AssertionError("pdftotext (poppler-utils) is missing")
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
