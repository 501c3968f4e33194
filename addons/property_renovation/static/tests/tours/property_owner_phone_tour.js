import { registry } from "@web/core/registry";
import { checkPhonePage } from "@property_base/../tests/tours/tour_utils";

/**
 * An owner on a 390 × 844 phone: the home's tiles with their figures, the bills, one
 * notice, the repair request form and the renovation application form; on each page
 * every tap target is big enough and nothing is wider than the screen.
 */
registry.category("web_tour.tours").add("property_owner_phone", {
    url: "/my",
    steps: () => [
        {
            content: "The amount due is on the bills tile",
            trigger: ".o_property_tile[data-tile=bills] .o_property_tile_figure:contains(146.25)",
        },
        {
            content: "The home fits the phone",
            trigger: ".o_portal_my_home:not(:has(.o_portal_doc_spinner))",
            run: checkPhonePage,
        },
        {
            content: "Open the bills",
            trigger: ".o_property_tile[data-tile=bills]",
            run: "click",
        },
        {
            content: "The bills fit the phone",
            trigger: ".o_property_bills_to_pay .o_property_bill_pay",
            run: checkPhonePage,
        },
        {
            content: "Open the bill to pay",
            trigger: ".o_property_bills_to_pay .o_property_bill_card a:not(.btn)",
            run: "click",
        },
        {
            content: "The notice fits the phone, its document too",
            trigger: ".o_portal_property_contact a[href^='tel:']",
            run: async () => {
                const frame = document.querySelector("iframe");
                if (frame && !frame.contentDocument?.querySelector(".o_property_document")) {
                    await new Promise((resolve) => frame.addEventListener("load", resolve));
                }
                checkPhonePage();
            },
        },
        {
            content: "Back home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the repairs",
            trigger: ".o_property_tile[data-tile=tickets]",
            run: "click",
        },
        {
            content: "New request",
            trigger: "a.o_ticket_new",
            run: "click",
        },
        {
            content: "The request form fits the phone",
            trigger: "form textarea, form input[type=text]",
            run: checkPhonePage,
        },
        {
            content: "Back home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the renovations",
            trigger: ".o_property_tile[data-tile=renovations]",
            run: "click",
        },
        {
            content: "New application",
            trigger: "a.o_renovation_new",
            run: "click",
        },
        {
            content: "The application form and its checkboxes fit the phone",
            trigger: "input[type=checkbox][name=prohibited_items_accepted]",
            run: checkPhonePage,
        },
    ],
});
