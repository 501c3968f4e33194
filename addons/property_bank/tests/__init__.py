from . import test_bank_statement
