package io.hikeshi.handlers.fuzz;

import io.hikeshi.handlers.lambda.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.alert.AlertStates;
import io.hikeshi.core.event.Outbox;
import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.IncidentSearch;
import io.hikeshi.core.people.PeopleDirectory;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.store.Counters;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.WarRoomRepository;
import io.hikeshi.core.alert.AlertStates;
import io.hikeshi.core.event.Outbox;
import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.IncidentSearch;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.store.Counters;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.WarRoomRepository;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.SlackWiring;
import io.hikeshi.handlers.slack.SlackHandler;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slackstub.SlackApiStub;
import io.hikeshi.slackstub.SlackSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Slack endpoint as Lambda runs it: the payload 2.0 adapter, the Bolt app with its middleware and
 * listeners, the core. Requests are signed like Slack's, so fuzzed bytes get past verification to the
 * payload parsers. Slack Web API calls go to a stub on loopback; nothing leaves the machine.
 *
 * <p>Each input starts from a fresh in-memory store holding the same two incidents, so an input's
 * outcome never depends on the inputs before it (a finding replays alone).
 */
final class SlackRig implements AutoCloseable {

    static final String USER = "U0ALICE";
    static final String WAR_ROOM = "C0WARROOM";
    private static final String SECRET = "fuzz-signing-secret";
    /**
     * Bolt checks a request's signed timestamp against the machine's clock (Slack's 5-minute window), so
     * the rig takes every time from now: the core's, the signatures' and the dates typed into forms.
     */
    private static final Clock CLOCK = Clock.systemUTC();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackApiStub slackApi = SlackApiStub.start();
    private final AtomicReference<Storage> store = new AtomicReference<>();
    /** The Slack tasks handed to the queue for after the answer (never run here). */
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final Composition core;
    private final SlackHandler handler;
    private IncidentId open;
    private IncidentId resolved;
    private IncidentId recorded;

    SlackRig() {
        slackApi.respond("users.info", "{\"ok\":true,\"user\":{\"id\":\"" + USER + "\",\"locale\":\"en-US\"}}");
        core = Composition.fromStore(Map.of(Settings.LOCALE, "en"), delegatingTo(store), reference -> "unused",
                NO_REMINDERS, CLOCK);
        handler = new SlackHandler(new SlackWiring(core,
                new HikeshiSlackApp.Settings(SECRET, "xoxb-fuzz", slackApi.methodsUrlPrefix(), Locale.ENGLISH), queued::add));
        reset();
    }

    /**
     * A fresh store: an open incident with its war room, a resolved one with its postmortem draft, and
     * one whose postmortem is complete (a modal opened before it was completed can still be submitted).
     */
    void reset() {
        slackApi.clear();
        queued.clear();
        store.set(InMemoryStorage.create().ports());
        open = core.incidents().declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, USER, "fixture-open")
                .orElseThrow().id();
        core.storage().warRooms().recordChannel(open, "inc-0042-payment-api", WAR_ROOM);
        resolved = core.incidents().declare("Checkout latency", Severity.SEV3, "checkout", null, USER, "fixture-resolved")
                .orElseThrow().id();
        core.incidents().postStatusUpdate(resolved, Status.RESOLVED, "Scaled out", USER);
        core.postmortems().draftOnResolve(resolved, USER);
        recorded = core.incidents().declare("Queue backlog", Severity.SEV4, "orders", null, USER, "fixture-recorded")
                .orElseThrow().id();
        core.incidents().postStatusUpdate(recorded, Status.RESOLVED, "Drained", USER);
        core.storage().postmortems().save(core.postmortems().draftOnResolve(recorded, USER).orElseThrow().completed(USER, CLOCK.instant()));
    }

    IncidentId openIncident() {
        return open;
    }

    IncidentId resolvedIncident() {
        return resolved;
    }

    /** Resolved, its postmortem complete. */
    IncidentId recordedIncident() {
        return recorded;
    }

    Composition core() {
        return core;
    }

    /** The Slack Web API calls of {@code method} made while answering (recorded by the stub). */
    List<SlackApiStub.Call> slackCalls(String method) {
        return slackApi.calls(method);
    }

    /** The tasks queued for after the answer, oldest first. */
    List<SlackTask> queued() {
        return queued.stream().map(SlackTask::fromJson).toList();
    }

    /**
     * Everything the store holds about incidents and postmortems, as text: equal before and after a
     * request that saved nothing. (The replay guard's counters are left out: every signed request counts.)
     */
    String records() {
        StringBuilder records = new StringBuilder();
        for (Incident incident : core.storage().search().recent(100)) {
            records.append(incident).append('\n').append(core.storage().incidents().timeline(incident.id(), 1000)).append('\n')
                    .append(core.storage().postmortems().find(incident.id())).append('\n');
        }
        return records.toString();
    }

    /** Today, by the rig's clock (UTC). */
    LocalDate today() {
        return LocalDate.now(CLOCK);
    }

    /**
     * POSTs {@code body} to /slack/events the way API Gateway's HTTP API hands it to the function,
     * signed now with the app's signing secret; returns the function's payload 2.0 answer.
     */
    JsonNode post(Map<String, String> headers, String body, boolean base64) {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("rawPath", "/slack/events");
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        SlackSigner.headers(SECRET, CLOCK.instant().getEpochSecond(), body)
                .forEach((name, value) -> h.put(name.toLowerCase(Locale.ROOT), value));
        event.putObject("requestContext").putObject("http").put("method", "POST").put("sourceIp", "127.0.0.1");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        event.put("body", base64 ? Base64.getEncoder().encodeToString(bytes) : body).put("isBase64Encoded", base64);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        slackApi.close();
    }

    /** The services keep one store for their life; this one forwards to whichever store is current. */
    private static Storage delegatingTo(AtomicReference<Storage> current) {
        return new Storage(forward(IncidentRepository.class, () -> current.get().incidents()),
                forward(IncidentSearch.class, () -> current.get().search()),
                forward(AlertStates.class, () -> current.get().alerts()),
                forward(PostmortemRepository.class, () -> current.get().postmortems()),
                forward(WarRoomRepository.class, () -> current.get().warRooms()),
                forward(Outbox.class, () -> current.get().outbox()),
                forward(SideEffectLedger.class, () -> current.get().ledger()),
                forward(Counters.class, () -> current.get().counters()),
                forward(PeopleDirectory.class, () -> current.get().people()));
    }

    private static <T> T forward(Class<T> port, java.util.function.Supplier<T> target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            try {
                return method.invoke(target.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static final ReminderScheduler NO_REMINDERS = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };
}
