import {registry} from "@web/core/registry";
import {drawSignature} from "@property_base/../tests/tours/tour_utils";

/** The steps recording `result` (ok, fault, na) for the checklist line `item`. */
function check(item, result) {
    return [
        {
            content: `“${item}”: ${result}`,
            trigger: `.o_maintenance_check:contains(${item}) input[value='${result}'] + label`,
            run: "click",
        },
    ];
}

/** The page fits the phone's width: nothing to scroll sideways. */
function fitsThePhone(page) {
    return {
        content: `The ${page} fits the phone's width`,
        trigger: "body",
        run() {
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) {
                throw new Error(
                    `The ${page} is wider than the phone: ${root.scrollWidth}px`,
                );
            }
        },
    };
}

/**
 * The maintenance contractor's technician, on his phone at the elevator, opens the
 * preventive order from his portal home, records each check (a fault with its
 * comment), saves, then signs the checklist.
 */
registry.category("web_tour.tours").add("property_operations_contractor_portal", {
    url: "/my",
    steps: () => [
        {
            content: "His maintenance orders",
            trigger: "a.o_property_tile[data-tile='maintenance']",
            run: "click",
        },
        fitsThePhone("list"),
        {
            content: "Open the order",
            trigger: ".o_maintenance_order_row a:contains(Tour lift)",
            run: "click",
        },
        fitsThePhone("order"),
        ...check("Tour: brakes", "ok"),
        ...check("Tour: doors", "fault"),
        {
            content: "The fault's comment",
            trigger: ".o_maintenance_check:contains(Tour: doors) input[type='text']",
            run: "edit Door sensor dirty, cleaned",
        },
        {
            content: "Save the results",
            trigger: "button.o_maintenance_save",
            run: "click",
        },
        {
            content: "Sign the checklist",
            trigger: "a.o_maintenance_sign_button",
            run: "click",
        },
        {
            content: "The technician's name",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "edit 王师傅",
        },
        {
            content: "Sign by hand",
            trigger: ".modal canvas.o_web_sign_signature",
            run: drawSignature,
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "Signed",
            trigger: ".o_maintenance_signed:contains(王师傅)",
        },
    ],
});
