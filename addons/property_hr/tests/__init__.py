from . import test_certification, test_kpi, test_roles, test_training
