from . import (
    property_ticket_followup_report,
    property_ticket_report,
    property_ticket_statistics_report,
)
