from . import common_revenue_portal
