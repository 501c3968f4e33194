from . import hr_employee, property_kpi_assessment, property_kpi_letter, property_kpi_metric
