# isort: off
# Common revenue: the company's accounts first, the entries' mixin before the entries.
from . import res_company, res_config_settings, property_common_revenue_entry

# isort: on
from . import (
    event_event,
    event_registration,
    property_common_revenue,
    property_common_revenue_disclosure,
    property_common_revenue_disclosure_line,
    property_common_revenue_kind,
    property_common_revenue_use,
    property_owners_committee,
    property_owners_meeting,
    property_owners_meeting_ballot,
    property_owners_meeting_matter,
    property_owners_meeting_voter,
    survey_survey,
)

# The ledger last: its SQL view reads the tables of the company and of the entries.
from . import property_common_revenue_ledger  # isort: skip
