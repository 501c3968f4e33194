from datetime import date, datetime, timedelta

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.property_ticket.tests.common import TicketCommon


def at(text):
    """A UTC timestamp (Shanghai is UTC+8: 01:00 UTC is 09:00 the same day)."""
    return datetime.fromisoformat(text)


class KpiCommon(TicketCommon):
    """A known month of work, March 2026, in the estate of TicketCommon:

    Employees: the team leader 周 heads the department 工程部 (technicians 李 and 赵
    report to him); the desk clerk 陈 is in 客服中心. 李 works for the estate.

    ===  =========  ========  =======  =======  ======  ====  ======  ===========
    #    received   tech.     respond  finish   rework  SLA   rating  visit
    ===  =========  ========  =======  =======  ======  ====  ======  ===========
    0    2 March    李        2 h      5 h      0       met   5       desk 6 Mar
    1    3 March    李        30 h     40 h     1       late  2       desk 7 Mar
    2    4 March    李        1 h      3 h      0       met   4       desk 12 Apr
    3    5 March    李        3 h      8 h      0       met   —       desk, to do
    4    6 March    赵        1 h      2 h      0       met   5       赵 9 Mar
    5    2 April    李        100 h    100 h    0       late  —       —
    ===  =========  ========  =======  =======  ======  ====  ======  ===========

    Response deadlines are a day after receipt: 1 and 5 were answered late.
    Requests 0-2 were received by the desk (first receiver); all visits are due in
    March, so those done by 10 April are in time. 李's inspection rounds of March: 3
    done, 1 missed (and one planned in April). Invoices billing March: 200 paid, 300
    of which 100 paid (60 % collected); one of February (1000, unpaid) is another
    period.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = new_test_user(
            cls.env, "pk_hr", groups="base.group_user,hr.group_hr_user", name="人事 孙"
        )
        Employee = cls.env["hr.employee"]
        cls.department = cls.env["hr.department"].create({"name": "工程部"})
        cls.desk_department = cls.env["hr.department"].create({"name": "客服中心"})
        cls.lead_employee = Employee.create(
            {"name": "工程主管 周", "user_id": cls.lead.id, "department_id": cls.department.id}
        )
        cls.department.manager_id = cls.lead_employee

        # the employees of TicketCommon's staff, in their departments; the technician
        # works for estate A, the others for no estate
        def employee(user, **values):
            return Employee.create({"name": user.name, "user_id": user.id, **values})

        cls.tech_employee = employee(
            cls.technician,
            department_id=cls.department.id,
            parent_id=cls.lead_employee.id,
            property_estate_ids=[Command.set(cls.estate.ids)],
        )
        cls.tech2_employee = employee(
            cls.technician_2, department_id=cls.department.id, parent_id=cls.lead_employee.id
        )
        cls.desk_employee = employee(cls.desk, department_id=cls.desk_department.id)
        cls.Metric = cls.env["property.kpi.metric"]
        ref = cls.env.ref
        cls.sla_met = ref("property_hr.kpi_metric_sla_met")
        cls.response_time = ref("property_hr.kpi_metric_response_time")
        cls.resolution_time = ref("property_hr.kpi_metric_resolution_time")
        cls.satisfaction = ref("property_hr.kpi_metric_satisfaction")
        cls.rework_rate = ref("property_hr.kpi_metric_rework_rate")
        cls.followup_on_time = ref("property_hr.kpi_metric_followup_on_time")
        cls.inspection_done = ref("property_hr.kpi_metric_inspection_done")
        cls.collection_rate = ref("property_hr.kpi_metric_collection_rate")
        cls.safety = cls.Metric.create(
            {"name": "安全", "code": "test_safety", "source": "manual", "unit": "score"}
        )

        # requests
        rows = [
            # technician, received, respond, finish, rework, SLA late, receiver
            (cls.technician, "2026-03-02 01:00", 2, 5, 0, False, cls.desk),
            (cls.technician, "2026-03-03 01:00", 30, 40, 1, True, cls.desk),
            (cls.technician, "2026-03-04 01:00", 1, 3, 0, False, cls.desk),
            (cls.technician, "2026-03-05 01:00", 3, 8, 0, False, cls.env.user),
            (cls.technician_2, "2026-03-06 01:00", 1, 2, 0, False, cls.env.user),
            (cls.technician, "2026-04-02 01:00", 100, 100, 0, True, cls.env.user),
        ]
        cls.tickets = cls.env["property.ticket"]
        for user, received, respond, finish, rework, _late, receiver in rows:
            cls.tickets |= cls.closed_ticket(user, at(received), respond, finish, rework, receiver)
        # visits
        visits = [
            (cls.desk, date(2026, 3, 5), "2026-03-06 02:00", "5"),
            (cls.desk, date(2026, 3, 6), "2026-03-07 02:00", "2"),
            (cls.desk, date(2026, 3, 8), "2026-04-12 02:00", "4"),
            (cls.desk, date(2026, 3, 10), None, False),
            (cls.technician_2, date(2026, 3, 9), "2026-03-09 02:00", "5"),
        ]
        cls.env["property.ticket.followup"].create(
            [
                {
                    "ticket_id": ticket.id,
                    "date_due": due,
                    "user_id": user.id,
                    "method": "phone",
                    "state": "done" if done else "todo",
                    "date_done": done and at(done),
                    "satisfaction": rating,
                }
                for ticket, (user, due, done, rating) in zip(cls.tickets, visits, strict=False)
            ]
        )
        cls.env.flush_all()
        # the service levels' outcome, fixed: one deadline, late or not as above
        for ticket, row in zip(cls.tickets, rows, strict=True):
            cls.set_sla(ticket, late=row[5])

        # inspection rounds
        template = cls.env["property.inspection.template"].create(
            {
                "name": "设备房巡查",
                "estate_id": cls.estate.id,
                "team_id": cls.team.id,
                "user_id": cls.technician.id,
                "date_start": date(2026, 3, 1),
            }
        )
        cls.env["property.inspection.round"].create(
            [
                {
                    "template_id": template.id,
                    "estate_id": cls.estate.id,
                    "team_id": cls.team.id,
                    "user_id": cls.technician.id,
                    "date": day,
                    "state": state,
                }
                for day, state in [
                    (date(2026, 3, 2), "done"),
                    (date(2026, 3, 9), "done"),
                    (date(2026, 3, 16), "done"),
                    (date(2026, 3, 23), "missed"),
                    (date(2026, 4, 6), "planned"),
                ]
            ]
        )

        # invoices
        march = (date(2026, 3, 1), date(2026, 3, 31))
        paid = cls.invoice(cls.unit_a1, cls.owner_zhang, 200.0, march)
        partly = cls.invoice(cls.unit_a2, cls.owner_li, 300.0, march)
        cls.invoice(cls.unit_a1, cls.owner_zhang, 1000.0, (date(2026, 2, 1), date(2026, 2, 28)))
        cls.pay(paid, 200.0)
        cls.pay(partly, 100.0)

        # the technician's letter for the first half of 2026
        cls.letter = cls.make_letter(
            cls.tech_employee,
            [
                (cls.sla_met, 90, 30),
                (cls.response_time, 4, 20),
                (cls.satisfaction, 4.5, 20),
                (cls.rework_rate, 5, 10),
                (cls.inspection_done, 100, 10),
                (cls.safety, 100, 10),
            ],
        )
        cls.desk_letter = cls.make_letter(
            cls.desk_employee, [(cls.followup_on_time, 100, 50), (cls.safety, 100, 50)]
        )
        cls.env.flush_all()

    @classmethod
    def closed_ticket(cls, user, received, respond, finish, rework, receiver):
        """A request of the team, taken over after `respond` hours and done after
        `finish` hours, accepted and closed."""
        done = received + timedelta(hours=finish)
        return cls.env["property.ticket"].create(
            {
                "subject": f"维修 {received}",
                "ticket_type": "repair",
                "estate_id": cls.estate.id,
                "category_id": cls.category_doors.id,
                "team_id": cls.team.id,
                "user_id": user.id,
                "receiver_id": receiver.id,
                "date_received": received,
                "state": "closed",
                "date_dispatched": received + timedelta(minutes=5),
                "date_replied": received + timedelta(minutes=10),
                "date_first_response": received + timedelta(hours=respond),
                "date_on_site": received + timedelta(hours=respond),
                "date_done": done,
                "date_accepted": done + timedelta(hours=1),
                "date_closed": done + timedelta(hours=2),
                "rework_count": rework,
            }
        )

    @classmethod
    def set_sla(cls, ticket, late):
        """Fix a request's service-level outcome (the SLA policies are not under test
        here): a response and a resolution deadline a day after receipt (the response
        is late when it took longer), and the SLA missed or met."""
        cls.env.flush_all()
        cls.env.cr.execute(
            """
            UPDATE property_ticket
               SET deadline_reply = NULL, deadline_response = date_received + INTERVAL '1 day',
                   deadline_onsite = NULL, deadline_resolve = date_received + INTERVAL '1 day',
                   sla_failed = %s
             WHERE id = %s
            """,
            (late, ticket.id),
        )
        cls.env.invalidate_all()

    @classmethod
    def invoice(cls, unit, payer, amount, period, product=None):
        """A posted invoice of `unit` billing `period`, of the management fee (or
        `product`)."""
        charge = cls.env["property.charge"].create(
            {
                "unit_id": unit.id,
                "partner_id": payer.id,
                "product_id": (product or cls.fee_management).id,
                "price_unit": amount,
                "period_start": period[0],
                "period_end": period[1],
            }
        )
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": payer.id,
                "invoice_date": period[0],
                "invoice_date_due": period[1],
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": charge.product_id.id,
                            "quantity": 1.0,
                            "price_unit": amount,
                            "property_charge_id": charge.id,
                        }
                    )
                ],
            }
        )
        move.action_post()
        charge.state = "invoiced"
        return move

    @classmethod
    def pay(cls, move, amount):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"amount": amount, "payment_date": date(2026, 3, 20)})._create_payments()

    @classmethod
    def make_letter(cls, employee, lines, period="h1"):
        """An employee's letter of 2026 in force, made by the HR officer."""
        letter = (
            cls.env["property.kpi.letter"]
            .with_user(cls.hr_officer)
            .create(
                {
                    "employee_id": employee.id,
                    "year": 2026,
                    "period": period,
                    "line_ids": [
                        Command.create({"metric_id": metric.id, "target": target, "weight": weight})
                        for metric, target, weight in lines
                    ],
                }
            )
        )
        letter.action_sign()
        letter.action_activate()
        return letter.with_user(cls.env.user)
