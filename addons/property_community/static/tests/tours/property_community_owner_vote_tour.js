import { registry } from "@web/core/registry";
import { checkPhonePage } from "@property_base/../tests/tours/tour_utils";

/** The step choosing `choice` (agree, against, abstain) on the matter named `matter`. */
function choose(matter, choice) {
    return {
        content: `“${matter}”: ${choice}`,
        trigger: `.o_meeting_matter:contains(${matter}) input[value='${choice}'] + label`,
        run: "click",
    };
}

/**
 * An owner on a 390 × 844 phone votes at the owners' meeting of the estate: from the
 * portal home to the meeting, a choice on each matter, the review of the ballot and its
 * one confirmation; every page fits the phone and every target is big enough.
 */
registry.category("web_tour.tours").add("property_community_owner_vote", {
    url: "/my",
    steps: () => [
        {
            content: "The meetings open for voting",
            trigger: "a.o_property_tile[data-tile='meetings']",
            run: "click",
        },
        {
            content: "The list fits the phone",
            trigger: ".o_portal_meeting:contains(Tour meeting)",
            run: checkPhonePage,
        },
        {
            content: "Open the meeting",
            trigger: ".o_portal_meeting:contains(Tour meeting)",
            run: "click",
        },
        {
            content: "The ballot fits the phone",
            trigger: "form.o_meeting_ballot",
            run: checkPhonePage,
        },
        choose("Tour matter A", "agree"),
        choose("Tour matter B", "against"),
        {
            content: "Review the vote",
            trigger: "button.o_meeting_submit",
            run: "click",
        },
        {
            content: "The review fits the phone",
            trigger: ".o_portal_meeting_confirm li:contains(Tour matter B)",
            run: checkPhonePage,
        },
        {
            content: "Confirm the vote, once",
            trigger: "button.o_meeting_confirm",
            run: "click",
        },
        {
            content: "The vote is recorded",
            trigger: ".o_meeting_voted",
        },
        {
            content: "The meeting shows how the owner voted",
            trigger: ".o_meeting_has_voted",
        },
    ],
});
