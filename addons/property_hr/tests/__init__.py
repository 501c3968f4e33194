from . import test_certification, test_roles
