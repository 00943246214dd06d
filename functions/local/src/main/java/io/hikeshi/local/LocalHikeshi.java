package io.hikeshi.local;

import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.InProcessEventBus;
import io.hikeshi.core.event.OutboxRelay;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.web.WebApp;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Local mode, assembled: DynamoDB Local, the same core and handlers, Slack (real or the stub), an
 * in-process outbox relay and bus, reminders on a movable clock, one HTTP server.
 *
 * <p>Two clocks: people's actions, alerts, webhook signatures and login links keep real time; only
 * the postmortem reminders, the digest and the update cadence's nudges follow the movable clock
 * ({@code POST /api/clock/advance}), so moving it shows a week of reminders (or a silent war room's nudge)
 * without making every signature look a week old.
 */
final class LocalHikeshi implements AutoCloseable {

    /** Local mode's one secret for every webhook integration (AWS reads each from SSM instead). */
    static final String WEBHOOK_SECRET = "HIKESHI_LOCAL_WEBHOOK_SECRET";
    static final String WEB_KEY = "HIKESHI_WEB_KEY";
    static final Duration LOGIN_LINK_LIFE = Duration.ofHours(12);
    /** How often committed domain events are relayed (in AWS: the table's stream, within a second). */
    static final Duration RELAY_INTERVAL = Duration.ofMillis(250);

    private final EmbeddedDynamoDb dynamoDb;
    private final Composition core;
    private final LocalReminders reminders;
    private final LocalSlack slack;
    private final OutboxRelay relay;
    private final ScheduledExecutorService relayTimer;
    private final SignedLinks links;
    private final LocalServer server;
    private final String webhookSecret;
    private final String linkHost;

    private LocalHikeshi(EmbeddedDynamoDb dynamoDb, Composition core, LocalReminders reminders, LocalSlack slack,
                         OutboxRelay relay, ScheduledExecutorService relayTimer, SignedLinks links, LocalServer server,
                         String webhookSecret, String linkHost) {
        this.dynamoDb = dynamoDb;
        this.core = core;
        this.reminders = reminders;
        this.slack = slack;
        this.relay = relay;
        this.relayTimer = relayTimer;
        this.links = links;
        this.server = server;
        this.webhookSecret = webhookSecret;
        this.linkHost = linkHost;
    }

    /**
     * Starts everything and serves HTTP.
     *
     * @param env       settings, as environment variables (the Slack token, secrets, config paths)
     * @param autoRelay relay domain events on a timer (the running app); false: only {@link #relayOutbox()} does (tests)
     */
    static LocalHikeshi start(LocalMain.Options options, Map<String, String> env, boolean autoRelay, PrintStream out)
            throws IOException {
        out.println("Starting DynamoDB Local (" + (options.dataDir == null ? "in memory" : options.dataDir) + ") …");
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start(options.dataDir);
        // DynamoDB Local's banner above names the port on its command line; this is the one it listens on.
        out.println("DynamoDB Local at " + dynamoDb.endpoint());
        try {
            return assemble(options, env, autoRelay, dynamoDb);
        } catch (RuntimeException | IOException e) {
            dynamoDb.close();
            throw e;
        }
    }

    private static LocalHikeshi assemble(LocalMain.Options options, Map<String, String> env, boolean autoRelay,
                                         EmbeddedDynamoDb dynamoDb) throws IOException {
        DynamoDbClient client = dynamoDb.client();
        IncidentTable.createIfMissing(client, options.table);
        Map<String, String> settings = new HashMap<>(env);
        settings.put(Settings.TABLE, options.table);
        settings.put(Settings.AUTO_RESOLVE, Boolean.toString(options.autoResolve));
        String webhookSecret = env.getOrDefault(WEBHOOK_SECRET, "local-secret");
        Clock realTime = Clock.systemUTC();
        LocalReminders reminders = new LocalReminders();
        Composition core = Composition.fromSettings(settings, client, reference -> webhookSecret, reminders, realTime,
                reminders.clock());
        SignedLinks links = options.requireLogin
                ? new SignedLinks(env.getOrDefault(WEB_KEY, "local-web-signing-key-0001"), realTime)
                : null;
        Map<String, String> slackEnv = new HashMap<>(env);
        slackEnv.put("HIKESHI_PORT", Integer.toString(options.port));
        LocalSlack slack = LocalSlack.start(core, slackEnv, options.slackLog);
        // One target for every schedule, as the reminder function is in AWS: a nudge, or a postmortem's reminder.
        reminders.target(reminder -> {
            if (reminder.kind() == ReminderScheduler.Kind.NUDGE) {
                slack.updateNudges().nudge(reminder);
            } else {
                slack.postmortemNotices().remind(reminder);
            }
        });
        // As template.yaml's DigestSchedule, cron(0 9 ? * MON *), here in the team's zone.
        reminders.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), core.settings().timeZone(),
                () -> slack.postmortemNotices().digest());
        OutboxRelay relay = new OutboxRelay(core.storage().outbox(), bus(core, slack));
        LocalServer server = new LocalServer(core, slack.http(), options.host, options.port)
                .withAllowedHosts(options.extraHosts())
                .withPostmortems(reminders, slack.postmortemNotices())
                .withWeb(new WebApp(new IncidentBrowser(core.storage(), realTime, ZoneId.of("Asia/Tokyo")), links))
                .start();
        String webBase = "http://" + options.linkHost() + ":" + server.port();
        slack.webLinks(user -> links == null ? webBase + "/" : webBase + "/?token=" + links.issue(user, LOGIN_LINK_LIFE));
        ScheduledExecutorService relayTimer = autoRelay ? relayEvery(relay, RELAY_INTERVAL) : null;
        if (relayTimer != null) { // reminders and the digest also fire as real time passes, not only when moved
            relayTimer.scheduleWithFixedDelay(() -> fireDue(reminders), 30, 30, TimeUnit.SECONDS);
        }
        return new LocalHikeshi(dynamoDb, core, reminders, slack, relay, relayTimer, links, server, webhookSecret,
                options.linkHost());
    }

    /**
     * Domain events reach the war room (and the update cadence, as the war-room function sets its nudges) and the
     * postmortem draft, as the custom bus's rules do in AWS.
     */
    private static InProcessEventBus bus(Composition core, LocalSlack slack) {
        InProcessEventBus bus = new InProcessEventBus();
        bus.subscribe(slack.warRoom()::on);
        bus.subscribe(core.cadence()::on);
        bus.subscribe(event -> {
            if (event.type() == DomainEvent.Type.INCIDENT_RESOLVED) {
                core.postmortems().draftOnResolve(IncidentId.parse(event.incident()), event.attribute("actor"));
                slack.postmortemNotices().drafted(IncidentId.parse(event.incident()), event.attribute("actor"));
            }
        });
        return bus;
    }

    /** A reminder or digest that fails is said on the console; the timer keeps running. */
    private static void fireDue(LocalReminders reminders) {
        try {
            reminders.fireDue();
        } catch (RuntimeException e) {
            System.out.println("reminders: " + e.getMessage() + " (retrying)");
        }
    }

    /** A failed delivery stays in the outbox and is retried on the next tick. */
    private static ScheduledExecutorService relayEvery(OutboxRelay relay, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleWithFixedDelay(() -> {
            try {
                relay.relayOnce();
            } catch (RuntimeException e) {
                System.out.println("event relay: " + e.getMessage() + " (retrying)");
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }

    /** Relays the committed domain events now; returns how many. */
    int relayOutbox() {
        return relay.relayOnce();
    }

    /**
     * Relays every committed event and runs every Slack task they and the requests before them queued, until nothing
     * is left: what the running app does on its timers, done now (tests and walks read the outcome after).
     */
    void settle() {
        boolean busy = true;
        while (busy) {
            busy = relay.relayOnce() > 0;
            busy |= slack.settle();
        }
    }

    int port() {
        return server.port();
    }

    Composition core() {
        return core;
    }

    LocalReminders reminders() {
        return reminders;
    }

    String webhookSecret() {
        return webhookSecret;
    }

    String signingSecret() {
        return slack.signingSecret();
    }

    String slackDescription() {
        return slack.description();
    }

    /** A signed login link for the web page, or null when the page needs none (no --require-login). */
    String loginLink(String user) {
        return links == null ? null : "http://" + linkHost + ":" + port() + "/?token=" + links.issue(user, LOGIN_LINK_LIFE);
    }

    @Override
    public void close() {
        server.close();
        if (relayTimer != null) {
            relayTimer.shutdownNow();
        }
        slack.close();
        dynamoDb.close();
    }
}
