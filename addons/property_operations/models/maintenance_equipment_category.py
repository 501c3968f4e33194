from odoo import fields, models

INTERVAL_UNITS = [("day", "Days"), ("week", "Weeks"), ("month", "Months"), ("year", "Years")]


class MaintenanceEquipmentCategory(models.Model):
    """An equipment kind (elevator, fire system, pump...) is Odoo's equipment category.
    It carries the preventive-maintenance rhythm that new plans of the kind start from
    (elevators every 15 days, fire systems monthly...: data, editable)."""

    _inherit = "maintenance.equipment.category"
    _property_bounds = {
        "property_interval_number": (1, 366),
        "property_lead_days": (0, 366),
    }

    property_interval_number = fields.Integer(
        string="Maintenance Every",
        default=1,
        help="The default interval of the preventive-maintenance plans of this kind.",
    )
    property_interval_unit = fields.Selection(
        INTERVAL_UNITS, string="Interval Unit", default="month"
    )
    property_lead_days = fields.Integer(
        string="Lead Time (days)",
        default=7,
        help="How many days before it is due a preventive work order is created.",
    )
    property_check_item_ids = fields.One2many(
        "property.maintenance.check.item",
        "category_id",
        string="Checklist",
        help="What the technician checks at each preventive maintenance of this kind.",
    )
    # the categories are shared by the companies (data), as the request categories are
    property_ticket_category_id = fields.Many2one(
        "property.ticket.category",
        string="Service Request Category",
        help="The category of the service requests raised for a breakdown of this kind "
        "(elevators: the elevator category, with its on-site deadline).",
    )
    # whether the preventive maintenance of the kind disturbs the residents (elevators,
    # water pumps) and what they are told: the defaults of the kind's plans
    # (property_maintenance_plan.py)
    property_announce = fields.Boolean(
        string="Announce to Owners",
        help="The new maintenance plans of this kind announce their works on the owners' portal.",
    )
    property_announce_template = fields.Text(
        string="Announcement Text",
        translate=True,
        help="What the owners read, with %(building)s, %(date)s, %(hours)s and "
        "%(equipment)s replaced.",
    )

    _sql_constraints = [
        (
            "property_interval_positive",
            "CHECK(property_interval_number IS NULL OR property_interval_number > 0)",
            "The maintenance interval must be at least 1.",
        ),
        (
            "property_lead_days_positive",
            "CHECK(property_lead_days IS NULL OR property_lead_days >= 0)",
            "The lead time cannot be negative.",
        ),
    ]
