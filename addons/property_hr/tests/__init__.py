from . import (
    test_certification,
    test_estate_access,
    test_kpi,
    test_roles,
    test_tours,
    test_training,
)
