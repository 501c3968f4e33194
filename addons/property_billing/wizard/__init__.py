from . import property_charge_waive, unit_statement_wizard
