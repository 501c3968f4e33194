from . import property_kpi_review_report, property_training_matrix
