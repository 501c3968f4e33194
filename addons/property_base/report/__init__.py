from . import property_handover_daily_report
