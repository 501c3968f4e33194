from . import (
    test_escalation,
    test_followup,
    test_inspection,
    test_intake,
    test_paid_service,
    test_performance,
    test_portal,
    test_rpc_guard,
    test_security,
    test_sla,
    test_statistics,
    test_ticket_flow,
)
