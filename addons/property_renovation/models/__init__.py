from . import property_renovation
