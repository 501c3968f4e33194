from . import property_charge_waive
