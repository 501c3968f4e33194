from . import test_renovation_flow
