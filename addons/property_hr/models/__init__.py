from . import (
    hr_employee,
    hr_job,
    property_certification,
    property_certification_type,
    property_team,
    property_training_attendance,
    property_training_course,
    property_training_session,
)
