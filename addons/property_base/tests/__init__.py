from . import (
    test_announcement,
    test_browser,
    test_custody,
    test_groups,
    test_handover,
    test_import,
    test_meter,
    test_occupancy,
    test_pdf_toolchain,
    test_performance,
    test_portal,
    test_security,
)
