from . import test_groups, test_pdf_toolchain
