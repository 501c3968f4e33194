import {registry} from "@web/core/registry";
import {drawSignature} from "@property_base/../tests/tours/tour_utils";

const CHECKS = ".o_field_widget[name='property_check_ids']";

/** The steps recording `result` (a value of the radio) for the checklist line `item`. */
function check(item, result) {
    return [
        {
            content: `Open the line “${item}”`,
            trigger: `${CHECKS} .o_data_row:contains(${item}) td[name='result']`,
            run: "click",
        },
        {
            content: `“${item}”: ${result}`,
            trigger: `${CHECKS} .o_data_row.o_selected_row:contains(${item}) input.o_radio_input[data-value='${result}']`,
            run: "click",
        },
    ];
}

/**
 * An engineer, on a phone at the elevator, opens the preventive order, records each
 * checklist result (a fault with its comment), and the contractor's technician signs.
 */
registry.category("web_tour.tours").add("property_operations_engineer_phone", {
    steps: () => [
        {
            content: "The order's checklist",
            trigger: `${CHECKS} .o_data_row:contains(Tour: brakes)`,
        },
        ...check("Tour: brakes", "ok"),
        ...check("Tour: doors", "fault"),
        {
            content: "The fault's comment",
            trigger: `${CHECKS} .o_data_row.o_selected_row td[name='note'] input`,
            run: "edit Door sensor dirty, cleaned",
        },
        {
            content: "The contractor's technician",
            trigger: ".o_field_widget[name='property_signed_by'] input",
            run: "edit 王师傅",
        },
        {
            content: "Sign",
            trigger: ".o_field_widget[name='property_signature'] .o_signature_empty",
            run: "click",
        },
        {
            content: "Sign by hand",
            trigger: ".modal .o_web_sign_draw_button",
            run: "click",
        },
        {
            content: "Draw the signature",
            trigger: ".modal canvas.o_web_sign_signature",
            run: drawSignature,
        },
        {
            content: "Adopt & Sign",
            trigger: ".modal .modal-footer button.btn-primary:enabled",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved: the signature is dated",
            trigger: ".o_field_widget[name='property_signed_on'] span:not(:empty)",
        },
    ],
});
