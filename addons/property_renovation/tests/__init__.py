from . import (
    test_browser,
    test_portal,
    test_renovation_accounting,
    test_renovation_flow,
    test_renovation_security,
)
