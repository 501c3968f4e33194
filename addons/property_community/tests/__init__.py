from . import test_owners_meeting
