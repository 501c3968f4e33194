from . import (
    test_bank_statement,
    test_billing_reports,
    test_billing_run,
    test_charges,
    test_dunning,
    test_maintenance_fund,
    test_move_in_fees,
    test_payment_notice,
    test_payments,
    test_portal,
    test_rates,
    test_translations,
)
