from . import test_certification, test_roles, test_training
