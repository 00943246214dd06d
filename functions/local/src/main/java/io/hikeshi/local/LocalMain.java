package io.hikeshi.local;

import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.core.event.InProcessEventBus;
import io.hikeshi.core.event.OutboxRelay;
import io.hikeshi.handlers.Composition;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Hikeshi on one machine: DynamoDB Local embedded, the same core and handlers, one HTTP server.
 * No AWS account and no Slack workspace needed.
 */
public final class LocalMain {

    static final String USAGE = """
            usage: hikeshi-local [--port N] [--host ADDR] [--data-dir DIR] [--auto-resolve]

              --port N        HTTP port (default 8080, or $HIKESHI_PORT)
              --host ADDR     address to listen on (default 127.0.0.1)
              --data-dir DIR  keep incidents in DIR between runs (default: in memory, gone on exit)
              --auto-resolve  an alarm returning to OK resolves its incident (default: mitigates it)
              --require-login the web page asks for a signed link, as in AWS (one is printed at start)
            """;

    /** Local mode's one secret for every webhook integration (AWS reads each from SSM instead). */
    static final String LOCAL_WEBHOOK_SECRET = "HIKESHI_LOCAL_WEBHOOK_SECRET";

    private LocalMain() { }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hikeshi-local: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        System.out.println("Starting DynamoDB Local (" + (options.dataDir == null ? "in memory" : options.dataDir) + ") …");
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start(options.dataDir);
        DynamoDbClient client = dynamoDb.client();
        IncidentTable.createIfMissing(client, options.table);
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.put(Composition.TABLE, options.table);
        settings.put(Composition.AUTO_RESOLVE, Boolean.toString(options.autoResolve));
        String webhookSecret = System.getenv().getOrDefault(LOCAL_WEBHOOK_SECRET, "local-secret");
        LocalReminders reminders = new LocalReminders();
        Composition core = Composition.fromSettings(settings, client, reference -> webhookSecret, reminders, reminders.clock());
        io.hikeshi.core.access.SignedLinks links = options.requireLogin
                ? new io.hikeshi.core.access.SignedLinks(System.getenv().getOrDefault("HIKESHI_WEB_KEY", "local-web-signing-key-0001"),
                        reminders.clock())
                : null;
        Map<String, String> slackEnv = new HashMap<>(System.getenv());
        slackEnv.put("HIKESHI_PORT", Integer.toString(options.port));
        LocalSlack slack = LocalSlack.start(core, slackEnv);
        String webBase = "http://" + options.host + ":" + options.port;
        slack.webLinks(user -> links == null ? webBase + "/" : webBase + "/?token=" + links.issue(user, java.time.Duration.ofHours(12)));
        reminders.target(reminder -> slack.postmortemNotices().remind(reminder));
        // Domain events: the outbox is relayed to an in-process bus (in AWS: the table's stream →
        // EventBridge); a failed delivery stays in the outbox and is retried on the next tick.
        InProcessEventBus bus = new InProcessEventBus();
        bus.subscribe(slack.warRoom()::on);
        bus.subscribe(event -> {
            if (event.type() == io.hikeshi.core.event.DomainEvent.Type.INCIDENT_RESOLVED) {
                core.postmortems().draftOnResolve(io.hikeshi.core.incident.IncidentId.parse(event.incident()),
                        event.attribute("actor"));
            }
        });
        OutboxRelay relay = new OutboxRelay(core.store(), bus);
        ScheduledExecutorService relayTimer = Executors.newSingleThreadScheduledExecutor();
        relayTimer.scheduleWithFixedDelay(() -> {
            try {
                relay.relayOnce();
            } catch (RuntimeException e) {
                System.out.println("event relay: " + e.getMessage() + " (retrying)");
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        LocalServer server = new LocalServer(core, slack.http(), options.host, options.port)
                .withPostmortems(reminders, slack.postmortemNotices())
                .withWeb(new io.hikeshi.handlers.web.WebApp(core.store(), links, java.time.ZoneId.of("Asia/Tokyo"), reminders.clock()))
                .start();
        if (links != null) {
            System.out.println("web login link (12 h): http://" + options.host + ":" + server.port() + "/?token="
                    + links.issue("local-user", java.time.Duration.ofHours(12)));
        }
        System.out.printf("""
                Hikeshi is running (local mode) on http://%s:%d   ← open it: incidents, metrics, postmortems
                  try:  curl -d @events/alarm-metric-alarm.json localhost:%d/aws/eventbridge
                        curl localhost:%d/api/incidents
                  webhooks: POST /alerts/{alertmanager,grafana,datadog,generic}, secret '%s' (README shows curls)
                  slack:    POST /slack/events, signing secret '%s'; %s
                            try:  bin/slack-send command "/incident help"
                  stop: Ctrl-C
                """, options.host, server.port(), server.port(), server.port(), webhookSecret, slack.signingSecret(),
                slack.description());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            relayTimer.shutdownNow();
            slack.close();
            dynamoDb.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    static final class Options {
        int port = Integer.parseInt(System.getenv().getOrDefault("HIKESHI_PORT", "8080"));
        String host = "127.0.0.1";
        Path dataDir;
        boolean autoResolve;
        boolean requireLogin;
        boolean help;
        String table = "hikeshi-incidents";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> o.port = port(value(args, ++i, "--port"));
                    case "--host" -> o.host = value(args, ++i, "--host");
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--auto-resolve" -> o.autoResolve = true;
                    case "--require-login" -> o.requireLogin = true;
                    case "-h", "--help" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number from 0 to 65535, was " + text);
            }
        }
    }
}
