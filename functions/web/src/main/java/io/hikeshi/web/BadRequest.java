package io.hikeshi.web;

import io.hikeshi.core.i18n.Text;

/** The request cannot be answered as asked (a malformed date, an unknown status …): a 400 saying why. */
final class BadRequest extends RuntimeException {

    /** When the core refused a value and there is nothing more precise to say. */
    static final Text UNANSWERABLE = Text.of("web.error.request");

    private final transient Text reason;

    BadRequest(Text reason) {
        super(reason.key(), null, false, false);
        this.reason = reason;
    }

    Text reason() {
        return reason;
    }
}
