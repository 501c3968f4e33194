from . import test_bank_statement, test_billing_run, test_charges, test_rates
