package io.hikeshi.aws.eventbridge;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Domain events onto an EventBridge custom bus: {@code source} {@value DomainEvent#SOURCE}, the
 * {@code detail-type} of the event's type, and the event as {@link DomainEventCodec} encodes it.
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
                .detail(DomainEventCodec.encode(event))
                .time(event.at())
                .resources(List.of())
                .build();
    }

    private record Failure(DomainEvent event, PutEventsRequestEntry entry, String code, String message) {
    }
}
