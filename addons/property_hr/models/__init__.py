from . import (
    hr_employee,
    hr_job,
    property_certification,
    property_certification_type,
    property_kpi_assessment,
    property_kpi_letter,
    property_kpi_metric,
    property_team,
    property_training_attendance,
    property_training_course,
    property_training_session,
)
