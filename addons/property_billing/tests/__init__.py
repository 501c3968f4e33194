from . import (
    test_billing_reports,
    test_billing_run,
    test_charges,
    test_dunning,
    test_move_in_fees,
    test_payment_notice,
    test_payments,
    test_portal,
    test_portal_phone,
    test_rates,
    test_statement_queries,
    test_translations,
)
