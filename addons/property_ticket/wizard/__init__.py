from . import property_ticket_reason_wizard
