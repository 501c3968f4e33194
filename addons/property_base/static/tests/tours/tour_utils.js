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
export function checkPhonePage() {
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
