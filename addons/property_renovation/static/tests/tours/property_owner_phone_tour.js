import { registry } from "@web/core/registry";

const TAP = 44; // px: the smallest target a thumb hits reliably
const WIDTH = 390;

function visible(el) {
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return rect.width > 0 && rect.height > 0 && style.visibility !== "hidden";
}

/** The element a thumb actually hits for `el`: a checkbox or radio is hit through its label. */
function tapArea(el) {
    if (el.matches("input[type=checkbox], input[type=radio]")) {
        const label = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label");
        return label && visible(label) ? label : el;
    }
    return el;
}

/**
 * Every visible link, button and checkbox of the page is at least 44 px tall, and the
 * page fits the phone's width; `frames`: the document frames (a notice) fit too, and
 * none of their table cells is squeezed narrower than three characters.
 */
function checkPhonePage() {
    const errors = [];
    const page = document.documentElement;
    if (page.scrollWidth > WIDTH) {
        errors.push(`the page is ${page.scrollWidth} px wide`);
    }
    const targets = document.querySelectorAll(
        "a[href], button, input[type=checkbox], input[type=radio], input[type=submit], .btn"
    );
    for (const el of targets) {
        if (!visible(el) || el.closest(".modal:not(.show), .offcanvas:not(.show), .dropdown-menu:not(.show)")) {
            continue;
        }
        const height = tapArea(el).getBoundingClientRect().height;
        if (height < TAP - 0.5) {
            errors.push(`${Math.round(height)} px: ${el.outerHTML.slice(0, 120)}`);
        }
    }
    for (const frame of document.querySelectorAll("iframe")) {
        const doc = frame.contentDocument;
        if (!doc || !doc.body || !visible(frame)) {
            continue;
        }
        if (doc.documentElement.scrollWidth > frame.clientWidth) {
            errors.push(`the document is ${doc.documentElement.scrollWidth} px wide in a ${frame.clientWidth} px frame`);
        }
        for (const cell of doc.querySelectorAll("td, th")) {
            const text = cell.textContent.trim();
            const rect = cell.getBoundingClientRect();
            const em = parseFloat(getComputedStyle(cell).fontSize);
            if (text.length > 2 && rect.width > 0 && rect.width < 3 * em) {
                errors.push(`a cell ${Math.round(rect.width)} px wide: ${text.slice(0, 40)}`);
            }
        }
    }
    if (errors.length) {
        throw new Error(`${location.pathname} on a phone:\n${errors.join("\n")}`);
    }
}

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
