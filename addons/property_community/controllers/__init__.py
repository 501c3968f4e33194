from . import event_portal, meeting_portal, survey_portal
