from . import (
    test_common_revenue,
    test_event,
    test_meeting_portal,
    test_owners_meeting,
    test_survey,
)
