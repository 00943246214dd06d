package io.hikeshi.handlers.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.core.cadence.CadenceService;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.people.PeopleService;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SharedMapper;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The core's wiring, shared by every function group and by local mode, tests and benchmarks: the
 * settings, the store, secrets, reminders and the clocks, and the core services over them. A service
 * is built the first time it is asked for, so a function builds only what it uses (alarm ingest never
 * loads the postmortem policy or the message catalogue). The groups' own wiring (alerts, Slack, web)
 * builds on this.
 */
public final class Composition {

    private final Settings settings;
    private final Storage store;
    private final Secrets secrets;
    private final ReminderScheduler reminders;
    /**
     * The clock people act by, which everything wired here runs on (postmortem reminders, the digest and
     * the update cadence's nudges aside, which follow the calendar): the system's in Lambda, a fixed or hand-moved one in tests.
     */
    private final Clock clock;
    private final Clock calendar;
    private final IncidentService incidents;
    private final Supplier<PostmortemService> postmortems;
    private final Supplier<CadenceService> cadence;
    /** The configured services (owners, links, guides): postmortem owners fall back to a service's owner. */
    private final Supplier<ServiceDirectory> services;

    private Composition(Settings settings, Storage store, Secrets secrets, ReminderScheduler reminders, Clock clock,
                        Clock calendar) {
        this.settings = settings;
        this.store = store;
        this.secrets = secrets;
        this.reminders = reminders;
        this.clock = clock;
        this.calendar = calendar;
        this.incidents = new IncidentService(store, clock, settings.reopenWindow(), settings.roles());
        this.services = once(() -> ConfiguredServiceDirectory.load(json(), settings.services(), settings.guides()));
        this.postmortems = once(() -> new PostmortemService(store, reminders, postmortemPolicy(settings), clock, calendar,
                Messages.of(settings.locale()), service -> services.get().profile(service).ownerUsers()));
        this.cadence = once(() -> new CadenceService(store, reminders, settings.updateCadence(), calendar));
    }

    /**
     * @param clock    real time: people's actions, alerts, signatures and links
     * @param calendar the time postmortem reminders and the digest go by (local mode moves it; AWS: {@code clock})
     */
    public static Composition of(Settings settings, Storage store, Secrets secrets, ReminderScheduler reminders,
                                 Clock clock, Clock calendar) {
        return new Composition(settings, store, secrets, reminders, clock, calendar);
    }

    /** In AWS: the table {@link Settings#table()} names, on the system clock. */
    public static Composition inAws(Settings settings, DynamoDbClient dynamo, Secrets secrets, ReminderScheduler reminders) {
        Clock clock = Clock.systemUTC();
        return of(settings, DynamoDbStorage.on(dynamo, settings.table(), clock), secrets, reminders, clock, clock);
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

    /** Settings from {@code env} (variables by name, as {@link Settings#from}), the store on DynamoDB. */
    public static Composition fromSettings(Map<String, String> env, DynamoDbClient dynamo, Secrets secrets,
                                           ReminderScheduler reminders, Clock clock, Clock calendar) {
        Settings settings = Settings.from(env);
        return of(settings, DynamoDbStorage.on(dynamo, settings.table(), clock), secrets, reminders, clock, calendar);
    }

    /** Over any store, e.g. the in-memory one where a test feeds thousands of inputs a second (the fuzz tests). */
    public static Composition fromStore(Map<String, String> env, Storage store, Secrets secrets,
                                        ReminderScheduler reminders, Clock clock) {
        return of(Settings.from(env), store, secrets, reminders, clock, clock);
    }

    /** No secrets: asking for one is a wiring mistake (local mode and tests without webhooks). */
    public static final Secrets NO_SECRETS = reference -> {
        throw new IllegalStateException("no secrets configured (" + reference + ")");
    };

    /** For functions that never schedule reminders: asking one to is a wiring mistake. */
    public static final ReminderScheduler NOT_SCHEDULING = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) {
            throw new IllegalStateException("reminders are not configured here (" + Settings.REMINDER_TARGET_ARN + ")");
        }

        @Override
        public void cancel(String reminderId) {
            throw new IllegalStateException("reminders are not configured here (" + Settings.REMINDER_TARGET_ARN + ")");
        }
    };

    /**
     * Which resolved incidents need a postmortem, and the business days to its due date: the defaults, with those
     * the settings name.
     */
    public static PostmortemPolicy postmortemPolicy(Settings settings) {
        PostmortemPolicy defaults = PostmortemPolicy.defaults(settings.timeZone()).on(settings.businessCalendar());
        var days = new EnumMap<>(defaults.businessDays());
        days.putAll(settings.postmortemDueDays());
        return new PostmortemPolicy(days, defaults.reminderTime(), settings.timeZone(), settings.businessCalendar(),
                settings.postmortemRequired());
    }

    /** Built on first use, then the same one: safe from any thread. */
    public static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            value = v = make.get();
                        }
                    }
                }
                return v;
            }
        };
    }

    public Settings settings() {
        return settings;
    }

    /** The entry points' own mapper ({@link SharedMapper}): one per execution environment, built on first use. */
    public ObjectMapper json() {
        return SharedMapper.get();
    }

    public Storage storage() {
        return store;
    }

    public Secrets secrets() {
        return secrets;
    }

    public ReminderScheduler reminders() {
        return reminders;
    }

    public IncidentService incidents() {
        return incidents;
    }

    public PostmortemService postmortems() {
        return postmortems.get();
    }

    /** People's names: learned by the Slack function, read by the pages. */
    public PeopleService people() {
        return new PeopleService(store.people(), clock);
    }

    /** The war room's update cadence: nudges go by the calendar, as postmortem reminders do. */
    public CadenceService cadence() {
        return cadence.get();
    }

    /** The services the team configured (owners, links, guides), loaded on first use. */
    public ServiceDirectory services() {
        return services.get();
    }

    public Clock clock() {
        return clock;
    }

    public Clock calendar() {
        return calendar;
    }
}
