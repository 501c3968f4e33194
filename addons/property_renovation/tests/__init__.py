from . import test_renovation_flow, test_renovation_permit, test_renovation_supervision
