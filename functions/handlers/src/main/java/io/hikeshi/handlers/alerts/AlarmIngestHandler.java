package io.hikeshi.handlers.alerts;

import io.hikeshi.handlers.wiring.AlertsWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertOutcome;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartPriming;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.ingest.InvalidEventException;
import io.hikeshi.ingest.alarm.AlarmEventParser;
import io.hikeshi.ingest.json.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives EventBridge "CloudWatch Alarm State Change" events: translates the event into an alert
 * and hands it to the core, nothing more.
 *
 * <p>Errors are thrown, not swallowed: EventBridge invokes asynchronously, so a throw makes Lambda
 * retry and finally park the event in the dead-letter queue, where nothing accepted is lost.
 * A malformed event is refused before anything is written.
 */
public final class AlarmIngestHandler extends StreamHandler<AlarmEventParser.Delivery, Map<String, String>> {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmIngestHandler.class);

    private final AlarmEventParser parser;
    private final AlertIntakeService intake;
    /** Held here: the runtime's context must not be the only holder of a registered resource. */
    private final SnapStartPriming priming;

    /** For the Lambda runtime: wired from the environment, once per execution environment. */
    public AlarmIngestHandler() {
        this(AlertsWiring.alarmsInAws(Settings.fromEnvironment()), true);
    }

    /** Over the given wiring (local mode, tests, benchmarks). */
    public AlarmIngestHandler(AlertsWiring wiring) {
        this(wiring, false);
    }

    private AlarmIngestHandler(AlertsWiring wiring, boolean primeForSnapStart) {
        this.parser = new AlarmEventParser();
        this.intake = wiring.intake();
        this.priming = primeForSnapStart ? SnapStartPriming.register("alarm-ingest", this::prime) : null;
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
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Handles one event exactly as delivered by EventBridge.
     *
     * @return the outcome: {@code outcome}, {@code incident}, {@code detail}, {@code eventId}
     * @throws InvalidEventException when the event is malformed (nothing written)
     */
    public Map<String, String> handle(byte[] event) {
        return handle(read(event));
    }

    @Override
    protected AlarmEventParser.Delivery read(byte[] event) {
        try {
            return parser.parse(event);
        } catch (InvalidEventException e) {
            LOG.error("rejected alarm event", kv("reason", e.getMessage()), kv("bytes", event.length));
            throw e;
        }
    }

    /** Four strings, written without an ObjectMapper: this function never builds one (its cold start). */
    @Override
    protected void write(OutputStream output, Map<String, String> answer) throws IOException {
        JsonTree.writeObject(output, answer);
    }

    @Override
    protected Map<String, String> handle(AlarmEventParser.Delivery delivery) {
        if (!delivery.alert().missing().isEmpty()) { // e.g. a severity tag in words no mapping knows: routing decides
            LOG.warn("alarm tag not understood", kv("eventId", delivery.eventId()), kv("alarm", delivery.alert().name()),
                    kv("notUnderstood", String.join(", ", delivery.alert().missing())));
        }
        AlertOutcome outcome = intake.receive(delivery.alert(), delivery.eventId());
        Map<String, String> result = new LinkedHashMap<>();
        result.put("outcome", outcome.kind().name());
        result.put("incident", outcome.incident() == null ? null : outcome.incident().toString());
        result.put("detail", outcome.detail());
        result.put("eventId", delivery.eventId());
        LOG.info("alarm event handled", kv("eventId", delivery.eventId()), kv("alarm", delivery.alert().name()),
                kv("state", delivery.alert().state()), kv("outcome", outcome.kind()), kv("incident", outcome.incident()));
        return result;
    }
}
