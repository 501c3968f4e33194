from . import (
    test_breakdown,
    test_checklist,
    test_equipment,
    test_flags,
    test_maintenance_plan,
    test_parking_incident,
    test_performance,
    test_takeover,
)
