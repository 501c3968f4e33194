from . import (
    event_event,
    event_registration,
    property_owners_committee,
    property_owners_meeting,
    property_owners_meeting_ballot,
    property_owners_meeting_matter,
    property_owners_meeting_voter,
    survey_survey,
)
