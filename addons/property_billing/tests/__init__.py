from . import test_billing_reports, test_billing_run, test_charges, test_rates
