from lxml import etree

from odoo.tests import tagged

from .common import TicketCommon


@tagged("post_install", "-at_install")
class TestTicketListPerformance(TicketCommon):
    def test_first_page_of_the_list_is_not_a_query_per_request(self):
        """The first page (80) of 200 requests of 40 units, requesters, technicians,
        categories, read as the web client reads the list view."""
        units = self.env["property.unit"].create(
            [{"code": f"Q-{i:03d}", "estate_id": self.estate.id} for i in range(40)]
        )
        owners = self.env["res.partner"].create([{"name": f"业主{i}"} for i in range(40)])
        self.env["property.occupancy"].create(
            [
                {"unit_id": unit.id, "partner_id": owner.id, "role": "owner"}
                for unit, owner in zip(units, owners, strict=True)
            ]
        )
        categories = self.category_water | self.category_power | self.category_doors
        technicians = self.technician | self.technician_2
        self.env["property.ticket"].create(
            [
                {
                    "subject": f"报修 {i}",
                    "unit_id": units[i % 40].id,
                    "category_id": categories[i % 3].id,
                    "team_id": self.team.id,
                    "user_id": technicians[i % 2].id,
                    "ticket_type": "repair" if i % 4 else "complaint",
                    "complaint_tier": False if i % 4 else "minor",
                }
                for i in range(200)
            ]
        )
        view = self.env.ref("property_ticket.property_ticket_view_list")
        Ticket = self.env["property.ticket"].with_user(self.desk)
        arch = etree.fromstring(Ticket.get_views([(view.id, "list")])["views"]["list"]["arch"])
        # every column, the optional ones included, as the list's widgets read them
        specification = {
            field.get("name"): {"fields": {"display_name": {}}}
            if Ticket._fields[field.get("name")].type == "many2one"
            else {}
            for field in arch.iterfind("field")
        }
        specification["activity_ids"] = {"fields": {}}
        for name in ("activity_state", "activity_summary", "activity_type_id"):
            specification[name] = {}
        domain = [("estate_id", "=", self.estate.id)]
        self.env.flush_all()
        self.env.invalidate_all()
        # one pass to warm the ormcache (access rules, fields) as a running server has
        Ticket.web_search_read(domain, specification, limit=80)
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES):
            result = Ticket.web_search_read(domain, specification, limit=80)
        self.assertEqual(result["length"], 200)
        self.assertEqual(len(result["records"]), 80)
        # the same for a page of 20: the count does not depend on the number of rows
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES):
            Ticket.web_search_read(domain, specification, limit=20)


# search + count, the requests' columns, units, estates, partners (requesters and the
# users' partners), categories, teams, users, activities, the desk's estates (its record
# rule, with property_hr) — whatever their number
QUERIES = 12
