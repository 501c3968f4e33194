from . import test_event, test_survey
