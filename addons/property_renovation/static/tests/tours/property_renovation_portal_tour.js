import { registry } from "@web/core/registry";
import { conversationLoaded, drawSignature, uploadPng } from "@property_base/../tests/tours/tour_utils";

function setDate(value) {
    return function () {
        this.anchor.value = value;
        this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
    };
}

/**
 * An owner applies to renovate their unit from the portal's home: the decoration
 * company and its documents, the works and the drawings, the prohibitions accepted and
 * the commitment letter signed by hand; the application is submitted.
 */
registry.category("web_tour.tours").add("property_renovation_portal_apply", {
    url: "/my",
    steps: () => [
        {
            content: "Open the renovations",
            trigger: "a[href='/my/renovations']",
            run: "click",
        },
        {
            content: "New application",
            trigger: "a.o_renovation_new",
            run: "click",
        },
        {
            content: "The decoration company",
            trigger: "input[name='contractor_name']",
            run: "edit 巧匠装饰工程有限公司",
        },
        {
            content: "Its site manager",
            trigger: "input[name='contractor_contact']",
            run: "edit 刘工",
        },
        {
            content: "Business licence",
            trigger: "input[name='contractor_licence']",
            run: uploadPng("licence.png"),
        },
        {
            content: "Qualification certificate",
            trigger: "input[name='contractor_qualification']",
            run: uploadPng("qualification.png"),
        },
        {
            content: "ID copy",
            trigger: "input[name='contractor_id_copy']",
            run: uploadPng("id.png"),
        },
        {
            content: "Walls",
            trigger: "input[name='scope_walls']",
            run: "click",
        },
        {
            content: "Kitchen and bath",
            trigger: "input[name='scope_kitchen_bath']",
            run: "click",
        },
        {
            content: "Planned start",
            trigger: "input[name='date_start']",
            run: setDate("2026-09-01"),
        },
        {
            content: "Planned end",
            trigger: "input[name='date_end']",
            run: setDate("2026-10-31"),
        },
        {
            content: "Describe the works",
            trigger: "textarea[name='description']",
            run: "edit Tour: repaint the walls, new kitchen",
        },
        {
            content: "Drawings",
            trigger: "input[name='drawings']",
            run: uploadPng("plan.png"),
        },
        {
            content: "The drawings are stamped",
            trigger: "input[name='drawings_stamped']",
            run: "click",
        },
        {
            content: "Accept the prohibitions",
            trigger: "input[name='prohibited_items_accepted']",
            run: "click",
        },
        {
            content: "The name is filled in",
            trigger: ".o_renovation_commitment_signature input.o_web_sign_name_input:value(张伟)",
        },
        {
            content: "Sign the commitment letter by hand",
            trigger: ".o_renovation_commitment_signature canvas.o_web_sign_signature",
            run: drawSignature,
        },
        {
            content: "Signed",
            trigger: ".o_renovation_commitment_signature[data-signed='1']",
        },
        {
            content: "Submit",
            trigger: "button.o_renovation_submit",
            run: "click",
        },
        {
            content: "The application is submitted",
            trigger: ".o_renovation_message:contains(application is submitted)",
        },
        {
            trigger: ".o_renovation_contractor:contains(巧匠装饰工程有限公司)",
        },
        conversationLoaded(),
    ],
});
