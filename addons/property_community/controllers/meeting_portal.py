from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.property_base.controllers.portal import PropertyPortal


class OwnersMeetingPortal(PropertyPortal):
    """The owners' meetings on the portal: the meetings an owner votes in (as owner,
    chosen voter of co-owners, or proxy), each with
    its matters, the live turnout and, once counted, the result; the owner votes there,
    confirming the ballot once. Which meetings a portal user sees is the record rule of
    property_community (404 otherwise); the vote is the meeting's own `_cast_ballot`,
    which decides who may vote what and when. The members of an owners' committee have
    its page: members, term, and the turnout of their estate's meetings."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_committee_count" in counters:
            Committee = request.env["property.owners.committee"]
            values["property_committee_count"] = (
                Committee.search_count([]) if Committee.has_access("read") else 0
            )
        if "property_meeting_open_count" in counters:
            Meeting = request.env["property.owners.meeting"]
            values["property_meeting_open_count"] = (
                Meeting.search_count([("state", "=", "open")]) if Meeting.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/meetings", "/my/meetings/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_meetings(self, page=1, **kw):
        Meeting = request.env["property.owners.meeting"]
        if not Meeting.has_access("read"):
            raise NotFound()
        total = Meeting.search_count([])
        pager = portal_pager(url="/my/meetings", total=total, page=page, step=self._items_per_page)
        meetings = Meeting.search([], limit=self._items_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "meetings": meetings,
                "page_name": "property_meeting",
                "default_url": "/my/meetings",
                "pager": pager,
            }
        )
        return request.render("property_community.portal_my_meetings", values)

    def _meeting_or_404(self, meeting_id):
        meeting = request.env["property.owners.meeting"].browse(meeting_id).exists()
        try:
            meeting.check_access("read")
        except AccessError as exc:
            raise NotFound() from exc
        if not meeting:
            raise NotFound()
        return meeting

    def _my_voters(self, meeting, voter_id=None):
        """The user's votes in `meeting` (as owner, chosen voter or proxy): the record
        rule's, read by a search (relational fields are not filtered by rules)."""
        domain = [("meeting_id", "=", meeting.id)]
        if voter_id is not None:
            domain.append(("id", "=", int(voter_id) if str(voter_id).isdigit() else 0))
        return request.env["property.owners.meeting.voter"].search(domain)

    def _meeting_values(self, meeting):
        Line = request.env["property.owners.meeting.ballot.line"]
        return {
            **self._prepare_portal_layout_values(),
            "meeting": meeting,
            "choice_labels": dict(Line._fields["choice"]._description_selection(request.env)),
            "page_name": "property_meeting",
        }

    def _meeting_page(self, meeting, **values):
        partner = request.env.user.partner_id
        now = fields.Datetime.now()
        voting = meeting.state == "open" and meeting.date_start <= now < meeting.date_end
        voters = self._my_voters(meeting)
        can_vote = voters.filtered(
            lambda voter: (
                voting
                and not voter.has_voted
                and (
                    voter.partner_id == partner
                    or (voter.proxy_id == partner and voter.sudo().power_of_attorney)
                )
            )
        )
        return request.render(
            "property_community.portal_my_meeting",
            {
                **self._meeting_values(meeting),
                "voters": voters,
                "can_vote": can_vote,
                "voting": voting,
                **values,
            },
        )

    @http.route(["/my/meetings/<int:meeting_id>"], type="http", auth="user", website=True)
    def portal_my_meeting(self, meeting_id, **kw):
        meeting = self._meeting_or_404(meeting_id)
        return self._meeting_page(meeting, voted=kw.get("voted") == "1")

    @http.route(["/my/meetings/<int:meeting_id>/result"], type="http", auth="user", website=True)
    def portal_my_meeting_result(self, meeting_id, **kw):
        meeting = self._meeting_or_404(meeting_id)
        if meeting.state != "published":
            raise NotFound()
        return self._show_report(
            meeting,
            "pdf",
            "property_community.action_report_owners_meeting_result",
            download=True,
        )

    @http.route(
        ["/my/meetings/<int:meeting_id>/vote"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_meeting_vote(self, meeting_id, voter_id=None, confirmed=None, **post):
        """First post: the choices, shown back for confirmation. Second post (confirmed):
        the ballot is cast, once and for all."""
        meeting = self._meeting_or_404(meeting_id)
        voter = self._my_voters(meeting, voter_id or "")
        if not voter:
            raise NotFound()
        values = self._meeting_values(meeting)
        choices = {
            matter.id: post.get(f"matter_{matter.id}")
            for matter in meeting.matter_ids
            if post.get(f"matter_{matter.id}") in values["choice_labels"]
        }
        if len(choices) != len(meeting.matter_ids):
            return self._meeting_page(
                meeting,
                error=request.env._("Vote on every matter: agree, against or abstain."),
                chosen={voter.id: choices},
            )
        if confirmed != "1":
            return request.render(
                "property_community.portal_meeting_confirm",
                {**values, "voter": voter, "choices": choices},
            )
        try:
            with request.env.cr.savepoint():
                meeting._cast_ballot(voter, choices)
        except UserError as exc:
            return self._meeting_page(meeting, error=exc.args[0])
        return request.redirect(f"/my/meetings/{meeting.id}?voted=1")

    @http.route(["/my/committee"], type="http", auth="user", website=True)
    def portal_my_committee(self, **kw):
        """The owners' committees the user sits on (the record rule's), their members
        and term, and the meetings of their estates with the turnout."""
        Committee = request.env["property.owners.committee"]
        if not Committee.has_access("read"):
            raise NotFound()
        committees = Committee.search([])
        meetings = (
            request.env["property.owners.meeting"]
            .sudo()
            .search(
                [("estate_id", "in", committees.estate_id.ids), ("state", "!=", "draft")],
                limit=20,
            )
        )
        return request.render(
            "property_community.portal_my_committee",
            {
                **self._prepare_portal_layout_values(),
                "committees": committees,
                "committee_meetings": meetings,
                "page_name": "property_committee",
            },
        )
