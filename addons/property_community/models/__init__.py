from . import event_event, event_registration, survey_survey
