"""Who may do what, for every model of the property addons: one table, reviewed.

Each row is a model; each column a role, as a user holding that group only (with the
groups it implies); each cell the operations the role may do on the model (c create,
r read, w write, u unlink; - not). Record rules (company, estate, portal owner) narrow
what a role reaches within those rights; they are tested with the models.

A model added, a right changed: the test fails and prints the table as it now is, to be
reviewed and copied here."""

import difflib
import inspect

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

ROLES = {
    "staff": "property_base.group_property_user",
    "office": "property_base.group_property_office",
    "mgr": "property_base.group_property_manager",
    "admin": "property_base.group_property_admin",
    "fin": "property_billing.group_property_finance",
    "t.tech": "property_ticket.group_ticket_technician",
    "t.desk": "property_ticket.group_ticket_desk",
    "t.lead": "property_ticket.group_ticket_lead",
    "t.mgr": "property_ticket.group_ticket_manager",
    "r.sec": "property_renovation.group_renovation_security",
    "r.desk": "property_renovation.group_renovation_desk",
    "r.eng": "property_renovation.group_renovation_engineering",
    "r.mgr": "property_renovation.group_renovation_manager",
    "o.eng": "property_operations.group_operations_engineer",
    "o.mgr": "property_operations.group_operations_manager",
    "c.user": "property_community.group_community_user",
    "c.mgr": "property_community.group_community_manager",
    "hr": "hr.group_hr_user",
    "hr.mgr": "hr.group_hr_manager",
    "user": "base.group_user",
    "portal": "base.group_portal",
}
OPERATIONS = (("c", "create"), ("r", "read"), ("w", "write"), ("u", "unlink"))

EXPECTED = """
                                             staff office    mgr  admin    fin t.tech t.desk t.lead  t.mgr  r.sec r.desk  r.eng  r.mgr  o.eng  o.mgr c.user  c.mgr     hr hr.mgr   user portal
property.announcement                         -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   -r--
property.arrears.report                       ----   ----   -r--   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.billing.run                          -r--   -r--   crw-   crwu   crw-   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.billing.schedule                     -r--   -r--   crwu   crwu   crw-   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.building                             -r--   -r--   crw-   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   -r--
property.certification                        -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   ----
property.certification.type                   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   ----
property.charge                               -r--   -r--   crwu   crwu   crw-   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   -r--
property.charge.waive                         ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.collection.report                    ----   ----   -r--   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.common.revenue                       ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crwu   crwu   ----   ----   ----   ----
property.common.revenue.disclosure            ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crw-   crwu   ----   ----   ----   -r--
property.common.revenue.disclosure.line       ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   -r--   ----   ----   ----   ----
property.common.revenue.kind                  ----   -r--   crwu   crwu   -r--   ----   -r--   -r--   -r--   ----   -r--   -r--   -r--   ----   ----   -r--   crwu   ----   ----   ----   ----
property.common.revenue.ledger                ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   -r--   ----   ----   ----   ----
property.common.revenue.use                   ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crwu   crwu   ----   ----   ----   ----
property.custody                              -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.dunning                              ----   ----   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.emergency.drill                      -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.emergency.finding                    -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.emergency.incident                   crw-   crw-   crwu   crwu   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crwu   crw-   crw-   ----   ----   ----   ----
property.emergency.plan                       -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.emergency.plan.role                  -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.emergency.plan.step                  -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.estate                               -r--   -r--   -rw-   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   -r--
property.facility                             -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.handover                             -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.handover.check                       -r--   crwu   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   -r--   crwu   crwu   ----   ----   ----   ----
property.handover.check.item                  -r--   -r--   -r--   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.handover.daily.wizard                -r--   crw-   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.handover.fee.override                ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.handover.meter                       -r--   crwu   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   -r--   crwu   crwu   ----   ----   ----   ----
property.income.report                        ----   ----   -r--   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.inspection.round                     ----   ----   crwu   crwu   ----   -rw-   -rw-   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.inspection.round.line                ----   ----   crwu   crwu   ----   -rw-   -rw-   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.inspection.template                  ----   ----   crwu   crwu   ----   -r--   -r--   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.inspection.template.item             ----   ----   crwu   crwu   ----   -r--   -r--   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.kpi.assessment                       crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crwu   crw-   ----
property.kpi.assessment.generate              ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crw-   crw-   ----   ----
property.kpi.assessment.line                  crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crwu   crwu   crw-   ----
property.kpi.letter                           -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crw-   crwu   -r--   ----
property.kpi.letter.line                      -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   ----
property.kpi.metric                           -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   ----
property.kpi.review.report                    -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----
property.maintenance.check                    -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crw-   crwu   -r--   -r--   ----   ----   ----   -r--
property.maintenance.check.item               -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.maintenance.fund.contribution        -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.maintenance.fund.disclosure.wizard   -r--   crw-   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.maintenance.fund.expense             -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.maintenance.fund.expense.share       -r--   crwu   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   -r--   crwu   crwu   ----   ----   ----   ----
property.maintenance.fund.ledger              -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.maintenance.plan                     -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crw-   crwu   -r--   -r--   ----   ----   ----   ----
property.meter                                -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   -r--
property.meter.reading                        crw-   crw-   crwu   crwu   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   ----   ----   ----   -r--
property.occupancy                            -r--   crw-   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   -r--
property.owners.committee                     ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   crwu   ----   ----   ----   -r--
property.owners.committee.member              ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   crwu   ----   ----   ----   -r--
property.owners.meeting                       ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crw-   crwu   ----   ----   ----   -r--
property.owners.meeting.ballot                ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   -r--   ----   ----   ----   -r--
property.owners.meeting.ballot.line           ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   -r--   ----   ----   ----   -r--
property.owners.meeting.matter                ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crwu   crwu   ----   ----   ----   -r--
property.owners.meeting.paper.ballot          ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crwu   crwu   ----   ----   ----   ----
property.owners.meeting.paper.ballot.line     ----   ----   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   crwu   crwu   ----   ----   ----   ----
property.owners.meeting.voter                 ----   ----   -rw-   -rw-   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -rw-   -rw-   ----   ----   ----   -r--
property.parking.incident                     crw-   crw-   crwu   crwu   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crwu   crw-   crw-   ----   ----   ----   ----
property.parking.space                        -r--   crw-   crwu   crwu   crw-   -r--   crw-   crw-   crw-   -r--   crw-   crw-   crw-   -r--   -r--   crw-   crw-   ----   ----   ----   ----
property.portal.invite                        ----   crw-   crw-   crw-   crw-   ----   crw-   crw-   crw-   ----   crw-   crw-   crw-   ----   ----   crw-   crw-   ----   ----   ----   ----
property.portal.invite.line                   ----   crwu   crwu   crwu   crwu   ----   crwu   crwu   crwu   ----   crwu   crwu   crwu   ----   ----   crwu   crwu   ----   ----   ----   ----
property.rate.plan                            -r--   -r--   -r--   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.rate.tier                            -r--   -r--   -r--   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.reason.wizard                        crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   crw-   ----   ----   ----   ----
property.renovation                           ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   crw-   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   -r--
property.renovation.check                     ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   -r--
property.renovation.check.item                ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   -r--   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.deduction                 ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   -r--
property.renovation.entry                     ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   crw-   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.entry.item                ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   -r--   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.entry.line                ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   crwu   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.fee                       ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   -r--   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.inspection                ----   ----   crwu   crwu   ----   ----   ----   ----   ----   crw-   crw-   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.inspection.line           ----   ----   crwu   crwu   ----   ----   ----   ----   ----   crwu   crwu   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.pass                      ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   crw-   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.permit                    ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.permit.extend.wizard      ----   ----   crw-   crw-   ----   ----   ----   ----   ----   ----   ----   crw-   crw-   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.rule                      ----   ----   crwu   crwu   ----   ----   ----   ----   ----   -r--   -r--   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----
property.renovation.stop.wizard               ----   ----   crw-   crw-   ----   ----   ----   ----   ----   crw-   crw-   crw-   crw-   ----   ----   ----   ----   ----   ----   ----   ----
property.service.price                        ----   ----   crwu   crwu   ----   -r--   -r--   -r--   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--
property.survey.satisfaction.report           ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   -r--   ----   ----   ----   ----
property.takeover                             -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crw-   crwu   -r--   -r--   ----   ----   ----   ----
property.takeover.document                    -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   -r--   ----   ----   ----   ----
property.takeover.document.item               -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   -r--   -r--   ----   ----   ----   ----
property.takeover.problem                     -r--   -r--   crwu   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   -r--   ----   ----   ----   ----
property.team                                 -r--   -r--   -r--   crwu   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   ----   ----   ----   ----
property.ticket                               ----   ----   crwu   crwu   ----   crw-   crw-   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--
property.ticket.category                      ----   ----   crwu   crwu   ----   -r--   -r--   -r--   crwu   ----   ----   ----   ----   -r--   -r--   ----   ----   ----   ----   ----   -r--
property.ticket.followup                      ----   ----   crwu   crwu   ----   -r--   crw-   crw-   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.ticket.followup.report               ----   ----   -r--   -r--   ----   ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.ticket.material                      ----   ----   crwu   crwu   ----   crwu   crwu   crwu   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.ticket.report                        ----   ----   -r--   -r--   ----   ----   ----   -r--   -r--   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.ticket.sla                           ----   ----   crwu   crwu   ----   -r--   -r--   -r--   crwu   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.ticket.statistics.wizard             ----   ----   crw-   crw-   ----   ----   ----   crw-   crw-   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.training.attendance                  -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   ----
property.training.course                      -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   ----
property.training.matrix                      ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   -r--   -r--   ----   ----
property.training.session                     -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   -r--   crwu   crwu   -r--   ----
property.unit                                 -r--   -rw-   crwu   crwu   -rw-   -r--   -rw-   -rw-   -rw-   -r--   -rw-   -rw-   -rw-   -r--   -r--   -rw-   -rw-   ----   ----   ----   -r--
property.unit.statement.wizard                ----   ----   crw-   crw-   crw-   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----   ----
property.vehicle                              -r--   crwu   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   crwu   crwu   crwu   -r--   -r--   crwu   crwu   ----   ----   ----   ----
"""


def parse_table(text):
    """{model: {role: cell}} of a table as EXPECTED writes it."""
    lines = text.strip("\n").splitlines()
    roles = lines[0].split()
    return {
        cells[0]: dict(zip(roles, cells[1:], strict=True))
        for cells in (line.split() for line in lines[1:])
    }


def format_table(table, roles):
    width = max(map(len, table), default=0)
    lines = [" ".join([" " * width, *(f"{role:>6}" for role in roles)])]
    for model in sorted(table):
        cells = (f"{table[model][role]:>6}" for role in roles)
        lines.append(" ".join([f"{model:<{width}}", *cells]))
    return "\n".join(lines)


@tagged("post_install", "-at_install")
class TestAccessTable(TransactionCase):
    """With every property addon installed (the test database, a tenant) the whole
    table is checked; with fewer (an addon tested alone, as OCA's CI does), the rows
    and columns of what is installed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = [
            role for role, group in ROLES.items() if cls.env.ref(group, raise_if_not_found=False)
        ]
        cls.users = {
            role: new_test_user(cls.env, f"access_{role}", groups=ROLES[role]) for role in cls.roles
        }

    def current_table(self):
        Access = self.env["ir.model.access"]
        models = [
            name
            for name, Model in self.env.registry.items()
            if name.startswith("property.") and not Model._abstract
        ]
        return {
            model: {
                role: "".join(
                    letter
                    if Access.with_user(self.users[role]).check(
                        model, operation, raise_exception=False
                    )
                    else "-"
                    for letter, operation in OPERATIONS
                )
                for role in self.roles
            }
            for model in models
        }

    def test_access_table(self):
        current = self.current_table()
        expected = {
            # a role not yet reviewed: "?", a difference that prints the table
            model: {role: cells.get(role, "?") for role in self.roles}
            for model, cells in parse_table(EXPECTED).items()
            if model in self.env
        }
        if current != expected:
            diff = difflib.unified_diff(
                format_table(expected, self.roles).splitlines(),
                format_table(current, self.roles).splitlines(),
                "reviewed",
                "now",
                lineterm="",
            )
            self.fail(
                "The access rights differ from the reviewed table:\n"
                + "\n".join(diff)
                + "\n\nThe whole table as it now is:\n"
                + format_table(current, self.roles)
            )

    def test_outsiders_drive_no_flow(self):
        """Every button (`action_*`) of every property document, pressed over RPC by an
        employee without a property role or by an owner on the portal, on a document
        of the demo: refused with a message (never a crash), or nothing is changed (a
        button that only opens a view)."""
        names = sorted(
            name
            for name, Model in self.env.registry.items()
            if name.startswith("property.") and not Model._abstract and not Model._transient
        )
        refused, pressed, crashed = 0, 0, []
        for name in names:
            record = self.env[name].search([], limit=1)
            if not record:
                continue
            for method in sorted(dir(type(record))):
                function = getattr(type(record), method)
                if not (
                    method.startswith("action_")
                    and callable(function)
                    and function.__module__.startswith("odoo.addons.property_")
                ):
                    continue  # not a button of the property addons
                if len(inspect.signature(function).parameters) > 1:
                    continue  # takes arguments: not a button
                for role in ("user", "portal"):
                    pressed += 1
                    self.env.flush_all()
                    before = self.written_rows()
                    try:
                        with self.env.cr.savepoint():
                            getattr(record.with_user(self.users[role]), method)()
                            self.env.flush_all()
                            changed = self.written_rows() != before
                    except (AccessError, MissingError, UserError):
                        refused += 1
                        continue
                    except Exception as error:
                        crashed.append(f"{name}.{method} as {role}: {error!r}")
                        continue
                    finally:
                        self.env.invalidate_all()
                    if changed:
                        crashed.append(f"{name}.{method} as {role}: changed data")
        self.assertEqual(crashed, [], "\n".join(crashed))
        # the whole product has well over 100 buttons; property_base alone a dozen
        self.assertGreater(pressed, 100 if "property.ticket" in self.env else 10)
        self.assertGreater(refused, pressed // 2)

    def written_rows(self):
        """Rows inserted, updated or deleted by this transaction so far."""
        self.env.cr.execute(
            "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables"
        )
        return self.env.cr.fetchone()[0]
