import { registry } from "@web/core/registry";

// a 1x1 PNG, the photo of the request
const PHOTO =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

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
            run() {
                const bytes = Uint8Array.from(atob(PHOTO), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "tap.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
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
            run() {
                const canvas = this.anchor;
                const box = canvas.getBoundingClientRect();
                const at = (type, x, y) =>
                    new PointerEvent(type, {
                        bubbles: true,
                        cancelable: true,
                        pointerId: 1,
                        pointerType: "mouse",
                        button: 0,
                        buttons: type === "pointerup" ? 0 : 1,
                        clientX: box.left + x,
                        clientY: box.top + y,
                    });
                canvas.dispatchEvent(at("pointerdown", 20, 20));
                for (let step = 1; step <= 10; step++) {
                    canvas.dispatchEvent(at("pointermove", 20 + step * 15, 20 + (step % 3) * 10));
                }
                canvas.ownerDocument.dispatchEvent(at("pointerup", 170, 40));
            },
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
