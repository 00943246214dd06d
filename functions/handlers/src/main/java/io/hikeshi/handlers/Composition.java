package io.hikeshi.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.Retention;
import io.hikeshi.core.store.Storage;
import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.AlertRouting;
import io.hikeshi.core.alert.StormGuard;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import java.time.ZoneId;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.ingest.config.AlertRoutingConfig;
import io.hikeshi.ingest.webhook.IntegrationsConfig;
import io.hikeshi.ingest.webhook.WebhookAuthenticator;
import io.hikeshi.ingest.webhook.WebhookLog;
import io.hikeshi.ingest.webhook.WebhookService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The composition root: the one place that wires adapters to the core. Lambda builds it once per
 * execution environment, outside handleRequest, so SnapStart snapshots warm clients; local mode,
 * tests and benchmarks build it with their own DynamoDB client and secrets.
 */
public final class Composition {

    public static final String TABLE = "HIKESHI_TABLE";
    public static final String DYNAMODB_ENDPOINT = "HIKESHI_DYNAMODB_ENDPOINT";
    public static final String AUTO_RESOLVE = "HIKESHI_AUTO_RESOLVE_ON_OK";
    public static final String ALARM_ROUTES = "HIKESHI_ALARM_ROUTES";
    public static final String INTEGRATIONS = "HIKESHI_INTEGRATIONS";
    public static final String STORM_LIMIT = "HIKESHI_STORM_LIMIT";
    public static final String STORM_WINDOW_MINUTES = "HIKESHI_STORM_WINDOW_MINUTES";
    public static final String TIME_ZONE = "HIKESHI_TIME_ZONE";
    public static final String LOCALE = "HIKESHI_LOCALE";
    public static final String REMINDER_GROUP = "HIKESHI_REMINDER_GROUP";
    /** e.g. {@code SEV1=5,SEV2=7,SEV3=10,SEV4=15}: business days from resolve to the postmortem's due date. */
    public static final String POSTMORTEM_DUE_DAYS = "HIKESHI_POSTMORTEM_DUE_DAYS";
    public static final String REMINDER_TARGET_ARN = "HIKESHI_REMINDER_TARGET_ARN";
    public static final String REMINDER_ROLE_ARN = "HIKESHI_REMINDER_ROLE_ARN";
    public static final String REMINDER_DLQ_ARN = "HIKESHI_REMINDER_DLQ_ARN";

    private static Composition fromEnvironment;

    private final ObjectMapper json = new ObjectMapper();
    private final Storage store;
    private final AlertIntakeService alertIntake;
    private final IncidentService incidents;
    private final WebhookService webhooks;
    private final PostmortemService postmortems;
    /**
     * The clock people act by, which everything wired here runs on (postmortem reminders and the digest
     * aside, which follow the calendar): the system's in Lambda, a fixed or hand-moved one in tests.
     */
    private final Clock clock;

    private Composition(Map<String, String> env, Storage store, Secrets secrets, ReminderScheduler reminders,
                        Clock clock, Clock calendar) {
        this.store = store;
        this.clock = clock;
        AlertRouting routing = AlertRoutingConfig.load(json, env.get(ALARM_ROUTES));
        StormGuard guard = new StormGuard(store.counters(), clock, intSetting(env, STORM_LIMIT, 20),
                Duration.ofMinutes(intSetting(env, STORM_WINDOW_MINUTES, 10)));
        this.alertIntake = new AlertIntakeService(store, routing,
                Boolean.parseBoolean(env.getOrDefault(AUTO_RESOLVE, "false")), guard);
        this.incidents = new IncidentService(store, clock);
        this.webhooks = new WebhookService(IntegrationsConfig.load(json, env.get(INTEGRATIONS)),
                new WebhookAuthenticator(secrets, clock), alertIntake, json, clock, WEBHOOK_LOG);
        ZoneId zone = ZoneId.of(env.getOrDefault(TIME_ZONE, "Asia/Tokyo"));
        this.postmortems = new PostmortemService(store, reminders, postmortemPolicy(env, zone), clock, calendar,
                io.hikeshi.core.i18n.Messages.of(io.hikeshi.core.i18n.Messages.parseLocale(env.getOrDefault(LOCALE, "ja"))));
    }

    /** Wires from environment variables (names above) and AWS clients; built once per JVM. */
    public static synchronized Composition fromEnvironment() {
        if (fromEnvironment == null) {
            Map<String, String> env = System.getenv();
            fromEnvironment = fromSettings(env, dynamoFromEnvironment(env), ssmSecrets(), schedulerFromEnvironment(env));
        }
        return fromEnvironment;
    }

    private static SsmSecrets ssm;
    private static software.amazon.awssdk.services.eventbridge.EventBridgeClient eventBridge;

    /** One EventBridge client per JVM. */
    static synchronized software.amazon.awssdk.services.eventbridge.EventBridgeClient eventBridge() {
        if (eventBridge == null) {
            eventBridge = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return eventBridge;
    }

    /** Secrets from SSM Parameter Store, one client per JVM. */
    static synchronized SsmSecrets ssmSecrets() {
        if (ssm == null) {
            ssm = new SsmSecrets(SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                    Clock.systemUTC());
        }
        return ssm;
    }

    /** For local mode, tests and benchmarks: no webhook secrets (every webhook request is refused). */
    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo) {
        return fromSettings(env, dynamo, Clock.systemUTC());
    }

    /** As {@link #fromSettings(Map, DynamoDbClient)}, on the given clock. */
    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Clock clock) {
        return fromSettings(env, dynamo, NO_SECRETS, clock);
    }

    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Secrets secrets) {
        return fromSettings(env, dynamo, secrets, Clock.systemUTC());
    }

    /** As {@link #fromSettings(Map, DynamoDbClient, Secrets)}, on the given clock. */
    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Secrets secrets, Clock clock) {
        return fromSettings(env, dynamo, secrets, NOT_SCHEDULING, clock);
    }

    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Secrets secrets,
                                           ReminderScheduler reminders) {
        return fromSettings(env, dynamo, secrets, reminders, Clock.systemUTC());
    }

    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Secrets secrets,
                                           ReminderScheduler reminders, Clock clock) {
        return fromSettings(env, dynamo, secrets, reminders, clock, clock);
    }

    /**
     * @param clock    real time: people's actions, alerts, signatures and links
     * @param calendar the time postmortem reminders and the digest go by (local mode moves it; AWS: {@code clock})
     */
    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Secrets secrets,
                                           ReminderScheduler reminders, Clock clock, Clock calendar) {
        String table = env.get(TABLE);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException(TABLE + " is not set: it must name the incidents table");
        }
        return new Composition(env, DynamoDbStorage.on(dynamo, table, clock), secrets, reminders, clock, calendar);
    }

    /** Over any store, e.g. the in-memory one where a test feeds thousands of inputs a second (the fuzz tests). */
    public static Composition fromStore(Map<String, String> env, Storage store, Secrets secrets,
                                        ReminderScheduler reminders, Clock clock) {
        return new Composition(env, store, secrets, reminders, clock, clock);
    }

    /** The webhook's lines go to the functions' one JSON log. */
    private static final WebhookLog WEBHOOK_LOG = new WebhookLog() {
        @Override
        public void info(String message, Object... keyValues) {
            Log.info(message, keyValues);
        }

        @Override
        public void warn(String message, Object... keyValues) {
            Log.warn(message, keyValues);
        }
    };

    private static final Secrets NO_SECRETS = reference -> {
        throw new IllegalStateException("no secrets configured (" + reference + ")");
    };

    /** For functions that never schedule reminders: asking one to is a wiring mistake. */
    private static final ReminderScheduler NOT_SCHEDULING = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) {
            throw new IllegalStateException("reminders are not configured here (" + REMINDER_TARGET_ARN + ")");
        }

        @Override
        public void cancel(String reminderId) {
            throw new IllegalStateException("reminders are not configured here (" + REMINDER_TARGET_ARN + ")");
        }
    };

    private static ReminderScheduler schedulerFromEnvironment(Map<String, String> env) {
        String target = env.get(REMINDER_TARGET_ARN);
        if (target == null || target.isBlank()) {
            return NOT_SCHEDULING;
        }
        return new SchedulerReminderScheduler(SchedulerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                env.getOrDefault(REMINDER_GROUP, "hikeshi-reminders"), target, env.get(REMINDER_ROLE_ARN),
                env.get(REMINDER_DLQ_ARN), ZoneId.of(env.getOrDefault(TIME_ZONE, "Asia/Tokyo")));
    }

    private static DynamoDbClient dynamoFromEnvironment(Map<String, String> env) {
        var builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = env.get(DYNAMODB_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    static PostmortemPolicy postmortemPolicy(Map<String, String> env, ZoneId zone) {
        PostmortemPolicy defaults = PostmortemPolicy.defaults(zone);
        String text = env.get(POSTMORTEM_DUE_DAYS);
        if (text == null || text.isBlank()) {
            return defaults;
        }
        Map<io.hikeshi.core.incident.Severity, Integer> days = new java.util.EnumMap<>(defaults.businessDays());
        for (String pair : text.split(",")) {
            String[] kv = pair.trim().split("=");
            try {
                days.put(io.hikeshi.core.incident.Severity.parse(kv[0]), Integer.parseInt(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalStateException(POSTMORTEM_DUE_DAYS + " must look like SEV1=5,SEV2=7; '" + pair + "' does not");
            }
        }
        return new PostmortemPolicy(days, defaults.reminderTime(), zone);
    }

    private static int intSetting(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, was '" + value + "'");
        }
    }

    public ObjectMapper json() {
        return json;
    }

    public Storage storage() {
        return store;
    }

    public AlertIntakeService alertIntake() {
        return alertIntake;
    }

    public IncidentService incidents() {
        return incidents;
    }

    public WebhookService webhooks() {
        return webhooks;
    }

    public static final String WEB_KEY_PARAM = "HIKESHI_WEB_KEY_PARAM";

    /** The web page in AWS: links signed with the key in SSM (HIKESHI_WEB_KEY_PARAM). */
    public io.hikeshi.web.WebApp web(Secrets secrets, Map<String, String> env) {
        return new io.hikeshi.web.WebApp(new io.hikeshi.core.report.IncidentBrowser(store, clock,
                ZoneId.of(env.getOrDefault(TIME_ZONE, "Asia/Tokyo"))), webLinks(secrets, env));
    }

    public static io.hikeshi.core.access.SignedLinks webLinks(Secrets secrets, Map<String, String> env) {
        return new io.hikeshi.core.access.SignedLinks(secrets.secret("ssm:" + env.getOrDefault(WEB_KEY_PARAM, "/hikeshi/web/signing-key")),
                Clock.systemUTC());
    }

    public PostmortemService postmortems() {
        return postmortems;
    }

    public Clock clock() {
        return clock;
    }
}
