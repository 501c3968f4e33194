from . import (
    account_bank_statement_line,
    account_journal,
    account_reconcile_model,
    account_statement_import,
    account_statement_import_sheet_parser,
    res_company,
)
