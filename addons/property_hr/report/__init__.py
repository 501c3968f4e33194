from . import property_kpi_review_report
