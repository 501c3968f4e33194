from . import test_browser, test_groups, test_pdf_toolchain
