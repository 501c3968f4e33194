import { registry } from "@web/core/registry";
import { drawSignature, uploadPng } from "@property_base/../tests/tours/tour_utils";

/**
 * An owner reports a leaking tap from the portal's home, with a photo.
 * (The Python test then has the technician do the work.)
 */
registry.category("web_tour.tours").add("property_ticket_portal_submit", {
    url: "/my",
    steps: () => [
        {
            content: "Open the service requests",
            trigger: "a[href='/my/tickets']",
            run: "click",
        },
        {
            content: "New request",
            trigger: "a.o_ticket_new",
            run: "click",
        },
        {
            content: "Choose the category",
            trigger: "select[name='category_id']",
            run: "selectByLabel Doors & Windows",
        },
        {
            content: "Say what it is about",
            trigger: "input[name='subject']",
            run: "edit Tour: kitchen tap leaking",
        },
        {
            content: "Describe it",
            trigger: "textarea[name='description']",
            run: "edit Water drips under the sink.",
        },
        {
            content: "Attach a photo",
            trigger: "input[name='photos']",
            run: uploadPng("tap.png"),
        },
        {
            content: "Submit",
            trigger: "button.o_ticket_submit",
            run: "click",
        },
        {
            content: "The request is registered, with its photo",
            trigger: ".o_ticket_message:contains(registered)",
        },
        {
            trigger: ".o_ticket_photos img",
        },
    ],
});

/**
 * The technician has done the work: the owner accepts it with a signature, then
 * rates it.
 */
registry.category("web_tour.tours").add("property_ticket_portal_accept_rate", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Open the request",
            trigger: "td:contains(Tour: kitchen tap leaking)",
            run() {
                this.anchor.closest("tr").querySelector("a").click();
            },
        },
        {
            content: "Accept the work",
            trigger: "a.o_ticket_accept",
            run: "click",
        },
        {
            content: "The name is filled in",
            trigger: ".modal .o_web_sign_name_and_signature input:value(张伟)",
        },
        {
            content: "Sign by hand",
            trigger: ".modal .o_web_sign_signature",
            run: drawSignature,
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "Accepted",
            trigger: ".o_ticket_message:contains(accepted the work)",
        },
        {
            content: "Very satisfied",
            trigger: "label[for='satisfaction_5']",
            run: "click",
        },
        {
            content: "A comment",
            trigger: "textarea[name='comment']",
            run: "edit Quick and clean work",
        },
        {
            content: "Send the rating",
            trigger: "button.o_ticket_rate_submit",
            run: "click",
        },
        {
            content: "Rated",
            trigger: ".o_ticket_message:contains(Thank you for your rating)",
        },
        {
            trigger: ".o_ticket_satisfaction:contains(Very Satisfied)",
        },
    ],
});
