package io.hikeshi.slack;

/**
 * A signed request whose values are not what Hikeshi put in its buttons, options or modals' metadata.
 * {@link SlackHttp} answers it 400: it is not our failure, and a retry would not mend it. A modal's
 * listener answers it as a field error instead, so the person sees the form is out of date.
 */
public final class MalformedSlackPayload extends RuntimeException {

    public MalformedSlackPayload(String what, String value) {
        super("not " + what + ": " + (value == null ? "nothing" : cut(value)));
    }

    /** Logs stay readable whatever the payload carried. */
    private static String cut(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
