from . import test_charges, test_rates
