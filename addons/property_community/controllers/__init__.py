from . import common_revenue_portal, event_portal, meeting_portal, survey_portal
