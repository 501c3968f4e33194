import {registry} from "@web/core/registry";
import {conversationLoaded} from "@property_base/../tests/tours/tour_utils";

/**
 * An owner on their phone pays their unpaid notice online: the notices, the unit's
 * notice, "Pay now", the demo provider (the test database's stand-in for an online
 * provider), paid; back on the notice, it shows as paid.
 */
registry.category("web_tour.tours").add("property_billing_portal_pay", {
    url: "/my/invoices",
    steps: () => [
        {
            content: "Open the notice of unit A1-1203",
            trigger: ".o_property_bill_card:contains('A1-1203') a[href^='/my/invoices/']",
            run: "click",
        },
        {
            content: "Pay now",
            trigger: "a[data-bs-target='#pay_with']",
            run: "click",
        },
        {
            content: "The bank transfer is offered too",
            trigger:
                "#pay_with input[name='o_payment_radio'][data-provider-code='custom']",
        },
        {
            content: "Choose the online provider",
            trigger:
                "#pay_with input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Its card form",
            trigger: "#pay_with input#customer_input",
            run: "edit 4242",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "Back on the notice, paid",
            trigger: ".o_portal_sidebar .text-bg-success:contains('Paid')",
        },
        conversationLoaded(),
    ],
});
