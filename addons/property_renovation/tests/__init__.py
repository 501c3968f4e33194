from . import (
    test_browser,
    test_phone,
    test_portal,
    test_portal_sweep,
    test_renovation_accounting,
    test_renovation_flow,
    test_renovation_permit,
    test_renovation_security,
    test_renovation_supervision,
    test_violation_deduction,
)
