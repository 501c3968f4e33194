from . import event_portal, survey_portal
