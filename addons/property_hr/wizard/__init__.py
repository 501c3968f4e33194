from . import property_kpi_assessment_generate
