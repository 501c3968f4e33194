from . import test_meeting_portal, test_owners_meeting
