from . import test_maintenance_fund, test_payment_notice
