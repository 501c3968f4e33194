from . import test_kpi_survey
