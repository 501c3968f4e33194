from . import (
    test_breakdown,
    test_checklist,
    test_contractor_portal,
    test_emergency,
    test_engineer_phone_tour,
    test_equipment,
    test_flags,
    test_maintenance_plan,
    test_parking_incident,
    test_performance,
    test_planned_works,
    test_takeover,
)
