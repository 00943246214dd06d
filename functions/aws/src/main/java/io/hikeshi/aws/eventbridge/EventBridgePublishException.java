package io.hikeshi.aws.eventbridge;

import io.hikeshi.core.event.DomainEvent;
import java.util.List;
import java.util.stream.Collectors;

/** PutEvents rejected some entries (after one retry of the throttled ones). */
public final class EventBridgePublishException extends RuntimeException {

    /** One rejected event with the code and message EventBridge gave. */
    public record FailedEvent(String eventId, DomainEvent.Type type, String errorCode, String errorMessage) {
    }

    private final transient List<FailedEvent> failed;

    public EventBridgePublishException(String busName, List<FailedEvent> failed) {
        super(message(busName, failed));
        this.failed = List.copyOf(failed);
    }

    public List<FailedEvent> failed() {
        return failed;
    }

    /** The distinct error codes, e.g. {@code [InternalFailure, MalformedDetail]}. */
    public List<String> errorCodes() {
        return failed.stream().map(FailedEvent::errorCode).distinct().sorted().toList();
    }

    private static String message(String busName, List<FailedEvent> failed) {
        String codes = failed.stream().map(FailedEvent::errorCode).distinct().sorted().collect(Collectors.joining(", "));
        String entries = failed.stream()
                .map(f -> f.eventId() + " (" + f.type() + "): " + f.errorCode()
                        + (f.errorMessage() == null || f.errorMessage().isBlank() ? "" : " " + f.errorMessage()))
                .collect(Collectors.joining("; "));
        return "EventBridge bus '" + busName + "' rejected " + failed.size() + " event(s) [" + codes + "]: " + entries;
    }
}
