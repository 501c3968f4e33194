from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .property_flags import create_flags, open_flags


class MaintenanceEquipment(models.Model):
    """The equipment register (设施设备台账) of the estates is Odoo's equipment: one
    register. A piece of equipment belongs to an estate, and usually to one of its
    common facilities (`property.facility`, the place or system that owners and service
    requests name: "Building A elevators", "fire system"): then its estate and building
    are the facility's and are not typed again. The technical record - maker, model,
    serial number, maintenance contractor and contract, special-equipment registration
    and inspection - is the equipment's only."""

    _inherit = "maintenance.equipment"

    property_facility_id = fields.Many2one(
        "property.facility",
        string="Facility",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('estate_id', '=?', property_estate_id)]",
        help="The common facility this equipment is part of; its estate and building "
        "are the facility's.",
    )
    property_estate_id = fields.Many2one(
        "property.estate",
        string="Estate",
        compute="_compute_property_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    property_building_id = fields.Many2one(
        "property.building",
        string="Building",
        compute="_compute_property_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('estate_id', '=?', property_estate_id)]",
    )
    property_manufacturer = fields.Char(string="Manufacturer")
    property_contractor_id = fields.Many2one(
        "res.partner",
        string="Maintenance Contractor",
        check_company=True,
        tracking=True,
        help="The company holding the maintenance contract (维保单位).",
    )
    property_contract_ref = fields.Char(string="Maintenance Contract")
    property_contract_end = fields.Date(string="Contract End", tracking=True)
    property_registration_no = fields.Char(
        string="Registration Number",
        help="The special-equipment registration certificate (特种设备使用登记证), for "
        "elevators, boilers, pressure vessels.",
    )
    property_inspection_due = fields.Date(
        string="Next Statutory Inspection",
        tracking=True,
        help="The date the inspection certificate expires (下次检验日期).",
    )
    # set when engineering is given an activity for the date; a new date clears it
    property_inspection_flagged = fields.Boolean(
        string="Inspection Flagged", readonly=True, copy=False
    )
    property_contract_flagged = fields.Boolean(string="Contract Flagged", readonly=True, copy=False)

    # breakdowns and history
    property_ticket_ids = fields.One2many(
        "property.ticket", "equipment_id", string="Service Requests"
    )
    property_ticket_count = fields.Integer(
        string="Service Request Count", compute="_compute_property_ticket_count"
    )
    property_currency_id = fields.Many2one(related="company_id.currency_id")
    property_downtime_hours = fields.Float(
        string="Downtime (hours)",
        compute="_compute_property_history",
        help="Hours out of service, from each breakdown to its repair.",
    )
    property_breakdown_count = fields.Integer(
        string="Breakdowns", compute="_compute_property_history"
    )
    property_maintenance_cost = fields.Monetary(
        string="Maintenance Cost",
        currency_field="property_currency_id",
        compute="_compute_property_history",
        help="The cost of all its maintenance and repair orders.",
    )

    def _compute_property_ticket_count(self):
        counts = dict(
            # a count only: engineering sees how many requests, the desk opens them
            self.env["property.ticket"]
            .sudo()
            ._read_group([("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"])
        )
        for equipment in self:
            equipment.property_ticket_count = counts.get(equipment, 0)

    def _compute_property_history(self):
        history = {
            equipment: (hours, cost)
            for equipment, hours, cost in self.env["maintenance.request"]._read_group(
                [("equipment_id", "in", self.ids)],
                ["equipment_id"],
                ["property_downtime_hours:sum", "property_cost:sum"],
            )
        }
        breakdowns = dict(
            self.env["maintenance.request"]._read_group(
                [("equipment_id", "in", self.ids), ("maintenance_type", "=", "corrective")],
                ["equipment_id"],
                ["__count"],
            )
        )
        for equipment in self:
            hours, cost = history.get(equipment, (0.0, 0.0))
            equipment.property_downtime_hours = hours
            equipment.property_maintenance_cost = cost
            equipment.property_breakdown_count = breakdowns.get(equipment, 0)

    def write(self, vals):
        # a new date is flagged again when it comes near
        if "property_inspection_due" in vals:
            vals = dict(vals, property_inspection_flagged=False)
        if "property_contract_end" in vals:
            vals = dict(vals, property_contract_flagged=False)
        return super().write(vals)

    @api.depends("property_facility_id.estate_id", "property_facility_id.building_id")
    def _compute_property_location(self):
        for equipment in self:
            facility = equipment.property_facility_id
            if facility:
                equipment.property_estate_id = facility.estate_id
                equipment.property_building_id = facility.building_id

    @api.constrains("property_facility_id", "property_estate_id", "property_building_id")
    def _check_property_location(self):
        for equipment in self:
            facility = equipment.property_facility_id
            if facility and (
                equipment.property_estate_id != facility.estate_id
                or equipment.property_building_id != facility.building_id
            ):
                raise ValidationError(
                    self.env._(
                        "Equipment %(equipment)s is in facility %(facility)s: its estate and "
                        "building are the facility's.",
                        equipment=equipment.display_name,
                        facility=facility.display_name,
                    )
                )

    # ------------------------------------------------------------------ buttons

    def action_property_report_breakdown(self):
        """A breakdown: a corrective order on the equipment (its downtime counts from
        now) and a service request on its facility and estate, linked both ways."""
        self.ensure_one()
        self._require_group(
            "property_base.group_property_user",
            self.env._("Only the property staff report breakdowns."),
        )
        if not self.property_estate_id:
            raise UserError(
                self.env._(
                    "Equipment %(equipment)s is in no estate: set its facility or estate "
                    "before reporting a breakdown.",
                    equipment=self.display_name,
                )
            )
        # every property staff member reports a breakdown of the register they read
        # (DOMAIN §4: staff raise public-area problems directly), without Maintenance's
        # rights: the equipment's access is checked, then the order and the request are
        # made as superuser, the reporter following the order
        self.check_access("read")
        team = (
            self.maintenance_team_id
            or self.env["property.maintenance.plan"]._default_teams(self.company_id)[
                self.company_id
            ]
        )
        order = (
            self.env["maintenance.request"]
            .sudo()
            .create(
                {
                    "name": self.env._("Breakdown: %(equipment)s", equipment=self.display_name),
                    "equipment_id": self.id,
                    "maintenance_type": "corrective",
                    "company_id": self.company_id.id,
                    "maintenance_team_id": team.id,
                    "owner_user_id": self.env.uid,
                }
            )
        )
        order._property_create_tickets()
        return order.sudo(False)._property_after_raise()

    def action_view_property_tickets(self):
        self.ensure_one()
        return self.property_ticket_ids._property_list_action()

    def action_view_property_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_operations.action_property_equipment_history"
        )
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {"search_default_group_property_month": 1}
        return action

    # ------------------------------------------------------------------ flags

    def _property_responsible(self):
        """Who in engineering answers for this equipment: its technician, its kind's,
        else its estate's project manager."""
        self.ensure_one()
        return (
            self.technician_user_id
            or self.category_id.technician_user_id
            or self.property_estate_id.manager_id
        )

    def _property_flag_summary(self, date_field):
        if date_field == "property_inspection_due":
            return self.env._(
                "Statutory inspection due on %(date)s: %(equipment)s",
                date=self.property_inspection_due,
                equipment=self.display_name,
            )
        return self.env._(
            "Maintenance contract ends on %(date)s: %(equipment)s",
            date=self.property_contract_end,
            equipment=self.display_name,
        )

    @api.model
    def _cron_flag_expiring(self, batch_size=500):
        """An activity for engineering on each equipment whose statutory inspection or
        maintenance contract ends within the company's notice (Settings), once per date
        (and never while one of the kind is open), at most `batch_size` a run."""
        companies = self.env["res.company"].search([])
        limits = {
            company: company._property_today()
            + timedelta(days=company.property_equipment_notice_days)
            for company in companies
        }
        domain = [("scrap_date", "=", False)] + expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    "|",
                    "&",
                    ("property_inspection_flagged", "=", False),
                    ("property_inspection_due", "<=", limit),
                    "&",
                    ("property_contract_flagged", "=", False),
                    ("property_contract_end", "<=", limit),
                ]
                for company, limit in limits.items()
            ]
        )
        equipment = self.search(domain, order="id", limit=batch_size)
        inspection_type = self.env.ref("property_operations.mail_activity_inspection_due")
        contract_type = self.env.ref("property_operations.mail_activity_contract_ending")
        inspections = equipment.filtered(
            lambda e: (
                not e.property_inspection_flagged
                and e.property_inspection_due
                and e.property_inspection_due <= limits[e.company_id]
            )
        )
        contracts = equipment.filtered(
            lambda e: (
                not e.property_contract_flagged
                and e.property_contract_end
                and e.property_contract_end <= limits[e.company_id]
            )
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        for records, activity_type, date_field in (
            (inspections, inspection_type, "property_inspection_due"),
            (contracts, contract_type, "property_contract_end"),
        ):
            activities = []
            for record in records - open_flags(records, activity_type):
                user = record._property_responsible()
                if not user:
                    continue
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": record.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": record[date_field],
                        "summary": record.with_context(lang=user.lang)._property_flag_summary(
                            date_field
                        ),
                    }
                )
            # one batch per kind: a batch subscribes its people once per record
            create_flags(self.env, activities)
        # flagged once per date, whoever got it (see _cron_flag_overdue)
        inspections.write({"property_inspection_flagged": True})
        contracts.write({"property_contract_flagged": True})
        self.env["ir.cron"]._notify_progress(
            done=len(equipment), remaining=self.search_count(domain) if equipment else 0
        )
        return equipment
