import {registry} from "@web/core/registry";

/**
 * An owner on a phone opens the community events from the portal's home and registers
 * for the estate's event.
 */
registry.category("web_tour.tours").add("property_community_event_register", {
    url: "/my",
    steps: () => [
        {
            content: "Open the community events",
            trigger: "a[href='/my/events']",
            run: "click",
        },
        {
            content: "Open the Mid-Autumn fair",
            trigger: "a[href*='/my/events/']:contains(中秋游园会)",
            run: "click",
        },
        {
            content: "Register",
            trigger: "button.o_property_event_register",
            run: "click",
        },
        {
            content: "Registered, and may cancel",
            trigger: ".alert-success:contains(See you there)",
        },
        {
            content: "The cancel button is offered",
            trigger: "button.o_property_event_cancel",
        },
    ],
});
