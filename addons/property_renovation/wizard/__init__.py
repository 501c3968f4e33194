from . import property_renovation_reason_wizard
