from . import test_billing_run, test_charges, test_maintenance_fund, test_rates
