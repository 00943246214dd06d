package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertOutcome;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.alarm.AlarmEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Receives EventBridge "CloudWatch Alarm State Change" events: translates the event into an alert
 * and hands it to the core, nothing more.
 *
 * <p>Errors are thrown, not swallowed: EventBridge invokes asynchronously, so a throw makes Lambda
 * retry and finally park the event in the dead-letter queue, where nothing accepted is lost.
 * A malformed event is refused before anything is written.
 */
public final class AlarmIngestHandler implements RequestStreamHandler {

    private final AlarmEventParser parser;
    private final AlertIntakeService intake;
    private final ObjectMapper json;
    private SnapStartPriming priming;

    /** For the Lambda runtime: wired from the environment, once per execution environment. */
    public AlarmIngestHandler() {
        this(Composition.fromEnvironment());
        this.priming = SnapStartPriming.register("alarm-ingest", this::prime);
    }

    public AlarmIngestHandler(Composition composition) {
        this.json = composition.json();
        this.parser = new AlarmEventParser(json);
        this.intake = composition.alertIntake();
    }

    /**
     * The hot path once, before SnapStart's snapshot: the parser, Jackson and the DynamoDB client's
     * first (read-only) call. Reads a key that never exists; writes nothing.
     *
     * @return true when the parser and the store answered; false when the bundled sample is missing
     */
    public boolean prime() {
        try (InputStream sample = AlarmIngestHandler.class.getResourceAsStream("/priming/alarm-event.json")) {
            boolean parsed = sample != null;
            if (parsed) {
                parser.parse(sample.readAllBytes());
            }
            intake.warmUp();
            return parsed;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        json.writeValue(output, handle(input.readAllBytes()));
    }

    /**
     * Handles one event exactly as delivered by EventBridge.
     *
     * @return the outcome: {@code outcome}, {@code incident}, {@code detail}, {@code eventId}
     * @throws InvalidEventException when the event is malformed (nothing written)
     */
    public Map<String, String> handle(byte[] event) {
        AlarmEventParser.Delivery delivery;
        try {
            delivery = parser.parse(event);
        } catch (InvalidEventException e) {
            Log.error("rejected alarm event", "reason", e.getMessage(), "bytes", event.length);
            throw e;
        }
        AlertOutcome outcome = intake.receive(delivery.alert(), delivery.eventId());
        Map<String, String> result = new LinkedHashMap<>();
        result.put("outcome", outcome.kind().name());
        result.put("incident", outcome.incident() == null ? null : outcome.incident().toString());
        result.put("detail", outcome.detail());
        result.put("eventId", delivery.eventId());
        Log.info("alarm event handled", "eventId", delivery.eventId(), "alarm", delivery.alert().name(),
                "state", delivery.alert().state(), "outcome", outcome.kind(), "incident", outcome.incident());
        return result;
    }
}
