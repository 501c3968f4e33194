import { Component, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { NameAndSignature } from "@web/core/signature/name_and_signature";

/**
 * The drawn signature of the commitment letter inside the application form: the
 * signature pad of NameAndSignature, whose name and drawing are posted with the form
 * (hidden inputs `commitment_signed_by` and `commitment_signature`, base64 PNG).
 */
export class CommitmentSignature extends Component {
    static template = "property_renovation.CommitmentSignature";
    static components = { NameAndSignature };
    static props = { defaultName: { type: String, optional: true } };

    setup() {
        this.signature = useState({
            name: this.props.defaultName || "",
            getSignatureImage: () => "",
            resetSignature: () => {},
        });
        this.state = useState({ image: "" });
    }

    onSignatureChange() {
        this.state.image = this.signature.isSignatureEmpty
            ? ""
            : this.signature.getSignatureImage().split(",")[1];
    }
}

registry
    .category("public_components")
    .add("property_renovation.commitment_signature", CommitmentSignature);
