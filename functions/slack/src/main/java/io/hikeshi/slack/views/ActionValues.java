package io.hikeshi.slack.views;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.slack.MalformedSlackPayload;
import java.util.function.Function;

/**
 * Reads back what Hikeshi wrote into buttons' and options' values and into modals' private metadata
 * ({@code INC-0042|SEV2}, {@code INC-0042|IMPACT|7}). Slack returns them as sent, but a signed request
 * can carry anything: whatever does not read is a {@link MalformedSlackPayload}, never a bug's exception.
 */
public final class ActionValues {

    private ActionValues() { }

    /** The clicked button's value. */
    public static String value(BlockActionPayload payload) {
        BlockActionPayload.Action action = firstAction(payload);
        if (action.getValue() == null) {
            throw new MalformedSlackPayload("a button's value", null);
        }
        return action.getValue();
    }

    /** The value of the option chosen in a select or overflow menu. */
    public static String selected(BlockActionPayload payload) {
        BlockActionPayload.Action action = firstAction(payload);
        if (action.getSelectedOption() == null || action.getSelectedOption().getValue() == null) {
            throw new MalformedSlackPayload("a chosen option", null);
        }
        return action.getSelectedOption().getValue();
    }

    /** {@code value} split at {@code |} into exactly {@code count} parts (the last keeps any further {@code |}). */
    public static String[] parts(String value, int count) {
        String[] parts = value == null ? new String[0] : value.split("\\|", count);
        if (parts.length != count) {
            throw new MalformedSlackPayload(count + " values joined by |", value);
        }
        return parts;
    }

    public static IncidentId incident(String text) {
        return read("an incident id", text, IncidentId::parse);
    }

    public static Severity severity(String text) {
        return read("a severity", text, Severity::parse);
    }

    public static Postmortem.Section section(String text) {
        return read("a postmortem section", text, name -> Postmortem.Section.valueOf(String.valueOf(name)));
    }

    /** A record's version, as the modal saw it when it opened. */
    public static long version(String text) {
        return read("a version", text, Long::parseLong);
    }

    /** {@code text} parsed, or, where the parser refuses it (a number's too), what did not read. */
    private static <T> T read(String what, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedSlackPayload(what, text);
        }
    }

    private static BlockActionPayload.Action firstAction(BlockActionPayload payload) {
        if (payload.getActions() == null || payload.getActions().isEmpty() || payload.getActions().get(0) == null) {
            throw new MalformedSlackPayload("an action", null);
        }
        return payload.getActions().get(0);
    }
}
