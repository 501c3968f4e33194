from . import test_equipment, test_maintenance_plan, test_performance
