/**
 * What the portal tours of the property addons do alike, imported as
 * "@property_base/../tests/tours/tour_utils".
 */

// a 1x1 PNG: a photo or a scan
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** A step's run: the file input (the step's anchor) is given a small PNG named `name`. */
export function uploadPng(name) {
    return function () {
        const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type: "image/png" }));
        this.anchor.files = transfer.files;
    };
}

/** A step's run: a signature drawn by hand on the signature canvas (the anchor). */
export function drawSignature() {
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
}

/**
 * The last step of a tour that ends on a page with the portal's conversation: the
 * page loads the conversation's code in the background, and a tour that ended before
 * would leave that request to be cut off when the test closes the page.
 */
export function conversationLoaded() {
    return {
        content: "The conversation is loaded",
        trigger: "#chatterRoot:shadow .o-mail-Chatter",
    };
}
