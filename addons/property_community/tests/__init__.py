from . import test_common_revenue
