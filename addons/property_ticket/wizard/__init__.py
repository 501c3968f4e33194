from . import property_ticket_statistics_wizard
