from . import test_event, test_meeting_portal, test_owners_meeting, test_survey
