from . import property_kpi_metric
