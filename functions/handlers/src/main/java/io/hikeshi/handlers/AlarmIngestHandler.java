package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertOutcome;
import io.hikeshi.handlers.alarm.AlarmEventParser;
import io.hikeshi.handlers.alarm.InvalidEventException;
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
public final class AlarmIngestHandler implements RequestStreamHandler, org.crac.Resource {

    private final AlarmEventParser parser;
    private final AlertIntakeService intake;
    private final ObjectMapper json;

    /** For the Lambda runtime: wired from the environment, once per execution environment. */
    public AlarmIngestHandler() {
        this(Composition.fromEnvironment());
        // SnapStart: prime before the snapshot, so restored environments start warm.
        org.crac.Core.getGlobalContext().register(this);
    }

    public AlarmIngestHandler(Composition composition) {
        this.json = composition.json();
        this.parser = new AlarmEventParser(json);
        this.intake = composition.alertIntake();
    }

    /**
     * Runs the hot path once before SnapStart takes its snapshot: the parser, Jackson and the
     * DynamoDB client's first (read-only) call, so a restored function does not load and JIT them
     * on the first alarm. Reads a key that never exists; writes nothing.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // nothing: clients re-resolve credentials and connections on first use
    }

    /** @return true when the store answered (priming must never fail the snapshot) */
    public boolean prime() {
        try (InputStream sample = AlarmIngestHandler.class.getResourceAsStream("/priming/alarm-event.json")) {
            if (sample != null) {
                parser.parse(sample.readAllBytes());
            }
            intake.warmUp();
            return true;
        } catch (RuntimeException | IOException e) {
            Log.warn("priming skipped", "error", e.toString());
            return false;
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
