import { registry } from "@web/core/registry";

/**
 * An owner on a phone reads the estate's announcement from the portal's home.
 */
registry.category("web_tour.tours").add("property_portal_read_announcement", {
    url: "/my",
    steps: () => [
        {
            content: "Open the announcements",
            trigger: "a[href='/my/announcements']",
            run: "click",
        },
        {
            content: "Open the water cut notice",
            trigger: "a[href*='/my/announcements/']:contains(停水通知)",
            run: "click",
        },
        {
            content: "Its text is there",
            trigger: ".o_portal_property_announcement:contains(明日 9:00–12:00 停水)",
        },
    ],
});
