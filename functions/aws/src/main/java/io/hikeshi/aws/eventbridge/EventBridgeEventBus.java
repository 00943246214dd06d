package io.hikeshi.aws.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.EventBus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Domain events onto an EventBridge custom bus: {@code source} {@value DomainEvent#SOURCE}, the
 * {@code detail-type} of the event's type, and a JSON detail
 * {@code {"id","type","incident","at","attributes":{...}}} that {@link #fromEventBridgeDetail}
 * reads back.
 *
 * <p>PutEvents takes at most {@value #MAX_ENTRIES_PER_CALL} entries per call, so larger batches go in
 * chunks. Entries rejected with a throttling code (or InternalFailure) are retried once; any entry still failing makes
 * {@link #publish} throw, naming the error codes. Events of chunks that were already accepted stay
 * published: that is allowed, as consumers dedupe by {@link DomainEvent#id()}.
 */
public final class EventBridgeEventBus implements EventBus {

    /** The PutEvents limit on entries per request. */
    public static final int MAX_ENTRIES_PER_CALL = 10;

    /**
     * Per-entry error codes that a retry may cure: throttling, and the transient internal failure
     * that AWS documents as retryable for PutEvents. Anything else (MalformedDetail,
     * AccessDeniedException, …) fails at once.
     */
    static final Set<String> RETRYABLE_CODES = Set.of("ThrottlingException", "InternalFailure");

    /** Pause before the one retry of throttled entries. */
    private static final long RETRY_PAUSE_MILLIS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient events;
    private final String busName;

    /**
     * @param events  the client
     * @param busName the custom bus's name (or ARN)
     */
    public EventBridgeEventBus(EventBridgeClient events, String busName) {
        this.events = Objects.requireNonNull(events, "events");
        if (busName == null || busName.isBlank()) {
            throw new IllegalArgumentException("event bus name is required");
        }
        this.busName = busName;
    }

    @Override
    public void publish(List<DomainEvent> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        for (int from = 0; from < batch.size(); from += MAX_ENTRIES_PER_CALL) {
            List<DomainEvent> chunk = batch.subList(from, Math.min(from + MAX_ENTRIES_PER_CALL, batch.size()));
            List<PutEventsRequestEntry> entries = new ArrayList<>(chunk.size());
            for (DomainEvent event : chunk) {
                entries.add(entry(event));
            }
            putChunk(chunk, entries);
        }
    }

    private void putChunk(List<DomainEvent> chunk, List<PutEventsRequestEntry> entries) {
        List<Failure> failures = put(chunk, entries);
        if (failures.isEmpty()) {
            return;
        }
        List<Failure> throttled = failures.stream().filter(f -> RETRYABLE_CODES.contains(f.code())).toList();
        List<Failure> fatal = new ArrayList<>(failures.stream().filter(f -> !RETRYABLE_CODES.contains(f.code())).toList());
        if (!throttled.isEmpty()) {
            pause();
            fatal.addAll(put(throttled.stream().map(Failure::event).toList(),
                    throttled.stream().map(Failure::entry).toList()));
        }
        if (!fatal.isEmpty()) {
            throw new EventBridgePublishException(busName, fatal.stream()
                    .map(f -> new EventBridgePublishException.FailedEvent(f.event().id(), f.event().type(), f.code(), f.message()))
                    .toList());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One PutEvents call; returns the entries it rejected. */
    private List<Failure> put(List<DomainEvent> chunk, List<PutEventsRequestEntry> entries) {
        PutEventsResponse response = events.putEvents(r -> r.entries(entries));
        Integer failedCount = response.failedEntryCount();
        if (failedCount == null || failedCount == 0) {
            return List.of();
        }
        List<PutEventsResultEntry> results = response.entries();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            // Results are positional; a missing result for a failed call is treated as a failure.
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null) {
                failures.add(new Failure(chunk.get(i), entries.get(i), "MissingResultEntry", "no result entry returned"));
            } else if (result.errorCode() != null && !result.errorCode().isEmpty()) {
                failures.add(new Failure(chunk.get(i), entries.get(i), result.errorCode(), result.errorMessage()));
            }
        }
        if (failures.isEmpty()) {
            // FailedEntryCount > 0 but no entry says which: fail the whole chunk rather than drop events.
            for (int i = 0; i < entries.size(); i++) {
                failures.add(new Failure(chunk.get(i), entries.get(i), "Unknown",
                        "FailedEntryCount=" + failedCount + " without per-entry error codes"));
            }
        }
        return failures;
    }

    private PutEventsRequestEntry entry(DomainEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(DomainEvent.SOURCE)
                .detailType(event.type().detailType())
                .detail(toEventBridgeDetail(event))
                .time(event.at())
                .resources(List.of())
                .build();
    }

    /** The JSON detail of an event: {@code {"id","type","incident","at","attributes":{...}}}. */
    public static String toEventBridgeDetail(DomainEvent event) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("id", event.id());
        detail.put("type", event.type().name());
        detail.put("incident", event.incident());
        detail.put("at", event.at().toString());
        ObjectNode attributes = detail.putObject("attributes");
        // Sorted so the same event always serialises to the same bytes.
        new TreeMap<>(event.attributes()).forEach(attributes::put);
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    /**
     * Reads the detail of a Hikeshi event back, for consumers (a Lambda, an SQS message of a rule's
     * target). Accepts either the detail object itself or the whole EventBridge envelope (an object
     * with a {@code detail} field).
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static DomainEvent fromEventBridgeDetail(JsonNode detail) {
        if (detail == null || detail.isNull() || detail.isMissingNode()) {
            throw new IllegalArgumentException("event detail is missing");
        }
        if (detail.isTextual()) {
            // A detail delivered as a JSON string (some transports double-encode it).
            try {
                detail = JSON.readTree(detail.textValue());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event detail is a string but not JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (!detail.isObject()) {
            throw new IllegalArgumentException("event detail must be a JSON object, got " + detail.getNodeType());
        }
        if (!detail.has("id") && detail.path("detail").isObject()) {
            detail = detail.get("detail");
        }
        String id = requiredText(detail, "id");
        String typeName = requiredText(detail, "type");
        DomainEvent.Type type;
        try {
            type = DomainEvent.Type.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event detail field 'type' has unknown value '" + typeName + "'", e);
        }
        String incident = requiredText(detail, "incident");
        String atText = requiredText(detail, "at");
        Instant at;
        try {
            at = Instant.parse(atText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event detail field 'at' is not an ISO-8601 instant: '" + atText + "'", e);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = detail.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw new IllegalArgumentException("event detail field 'attributes' must be an object, got " + attrs.getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (value == null || value.isNull()) {
                    continue;
                }
                if (!value.isValueNode()) {
                    throw new IllegalArgumentException("event detail attribute '" + field.getKey() + "' must be a string, got "
                            + value.getNodeType());
                }
                attributes.put(field.getKey(), value.asText());
            }
        }
        return new DomainEvent(id, type, incident, at, attributes);
    }

    private static String requiredText(JsonNode detail, String field) {
        JsonNode value = detail.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("event detail field '" + field + "' is missing");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("event detail field '" + field + "' must be a non-blank string, got " + value);
        }
        return value.textValue();
    }

    private record Failure(DomainEvent event, PutEventsRequestEntry entry, String code, String message) {
    }
}
