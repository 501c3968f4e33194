"""18.0.1.4.0: the record rules that show staff the requests, visits and rounds of
their estates move from property_hr to property_ticket (the user's estates are now a
field of property_base, which property_hr computes from the employees).

Before this update loads them, the rules property_hr created are given to
property_ticket, so that the update finds them under their new name (they are
noupdate: kept as they are) and property_hr's update, which no longer loads them,
deletes none of them.
"""

RULES = [
    "property_ticket_rule_staff_estates",
    "property_ticket_rule_lead_all",
    "property_ticket_followup_rule_staff_estates",
    "property_ticket_followup_rule_lead_all",
    "property_inspection_round_rule_staff_estates",
    "property_inspection_round_rule_lead_all",
]


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_model_data SET module = 'property_ticket'
         WHERE module = 'property_hr' AND model = 'ir.rule' AND name IN %s
           AND NOT EXISTS (
               SELECT 1 FROM ir_model_data moved
                WHERE moved.module = 'property_ticket'
                  AND moved.name = ir_model_data.name
           )
        """,
        [tuple(RULES)],
    )
