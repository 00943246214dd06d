package io.hikeshi.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.access.Replays;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.people.PeopleService;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.slack.access.AccessGate;
import io.hikeshi.slack.access.AccessSettings;
import io.hikeshi.slack.access.LearnNames;
import io.hikeshi.slack.access.Permissions;
import io.hikeshi.slack.access.SlackPeople;
import io.hikeshi.slack.events.EventListeners;
import io.hikeshi.slack.guide.GuideListeners;
import io.hikeshi.slack.home.HomeListeners;
import io.hikeshi.slack.incident.IncidentCommandListeners;
import io.hikeshi.slack.incident.DeclareListeners;
import io.hikeshi.slack.incident.IncidentCommands;
import io.hikeshi.slack.incident.IncidentModalListeners;
import io.hikeshi.slack.postmortem.PostmortemListeners;
import io.hikeshi.slack.task.SlackTaskRunner;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Slack cockpit: one Bolt app for the slash command, the message shortcut, the incident card's
 * buttons, the modals (and their select menus' options) and the Events API, each area's listeners
 * registered here. {@link SlackHttp} verifies Slack's
 * signature (HMAC v0, 5 minutes either side) on the raw body with the signing secret as it is now,
 * before Bolt parses anything; {@link ReplayGuard} then refuses a signed request seen before and
 * acknowledges an Events API retry of an event already handled. {@link AccessGate}
 * refuses one from another workspace or from a guest. Requests no listener takes get an empty 200
 * ({@link Unhandled}).
 *
 * <p>Listeners answer within Slack's 3 seconds: they change the incident (one DynamoDB
 * transaction) and hand further Slack calls to the {@link TaskQueue}.
 */
public final class HikeshiSlackApp {

    /**
     * @param methodsUrlPrefix where the Slack Web API is (null: slack.com); tests and local mode
     *                         point it at a Slack-shaped stub
     * @param defaultLocale    the team's language when a person's own is unknown
     * @param exportBaseUrl    where the postmortem's Markdown is served, or null
     * @param signingSecret    the signing secret as it is now, read for every request (a secrets cache)
     * @param botToken         the bot token as it is now, read for every request and Web API call
     * @param clock            what a request's signature timestamp is compared with
     */
    public record Settings(Supplier<String> signingSecret, Supplier<String> botToken, String methodsUrlPrefix,
                           Locale defaultLocale, String exportBaseUrl, Clock clock) {
        public Settings {
            Objects.requireNonNull(signingSecret, "signingSecret");
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(clock, "clock");
        }

        /** Fixed secrets, on the machine's clock (local mode, tests). */
        public Settings(String signingSecret, String botToken, String methodsUrlPrefix, Locale defaultLocale,
                        String exportBaseUrl) {
            this(fixed(signingSecret, "signingSecret"), fixed(botToken, "botToken"), methodsUrlPrefix, defaultLocale,
                    exportBaseUrl, Clock.systemUTC());
        }

        public Settings(String signingSecret, String botToken, String methodsUrlPrefix, Locale defaultLocale) {
            this(signingSecret, botToken, methodsUrlPrefix, defaultLocale, null);
        }

        private static Supplier<String> fixed(String value, String name) {
            Objects.requireNonNull(value, name);
            return () -> value;
        }
    }

    private final Cockpit cockpit;
    private final IncidentCommands commands;
    private final App app;
    private final SlackHttp http;
    /** For work done outside a request (tasks): the bot token read on each call. */
    private final MethodsClient client;

    /** The bot token's own workspace, the default policy (see {@link AccessSettings#learnedFromToken}). */
    public HikeshiSlackApp(Settings settings, IncidentService incidents, PostmortemService postmortems,
                           WarRoomChannels warRooms, PeopleService names, ServiceDirectory services, Replays replays,
                           TaskQueue tasks) {
        this(settings, AccessSettings.learnedFromToken(settings.clock()), incidents, postmortems, warRooms, names, services,
                replays, tasks);
    }

    /**
     * @param names    where the names of the people who act are recorded, for readers outside Slack
     * @param services the services the team configured: a declaration picks one of them
     */
    public HikeshiSlackApp(Settings settings, AccessSettings access, IncidentService incidents, PostmortemService postmortems,
                           WarRoomChannels warRooms, PeopleService names, ServiceDirectory services, Replays replays,
                           TaskQueue tasks) {
        SlackPeople people = new SlackPeople(access.clock(), names::learned);
        LocaleResolver locales = new LocaleResolver(settings.defaultLocale() == null ? Locale.ENGLISH : settings.defaultLocale(),
                people);
        Permissions permissions = new Permissions(access.policy(), people, warRooms::channelOf);
        this.cockpit = new Cockpit(incidents, postmortems, warRooms, tasks, locales, permissions, services);
        this.commands = new IncidentCommands(incidents, postmortems, warRooms, settings.exportBaseUrl(), permissions,
                services);
        Slack slack = Slack.getInstance(slackConfig(settings));
        this.app = new App(AppConfig.builder()
                .requestVerificationEnabled(false) // SlackHttp checks, with the current secret, before parsing
                .singleTeamBotToken(settings.botToken().get())
                .unmatchedRequestHandler(new Unhandled())
                .slack(slack)
                .build());
        this.http = new SlackHttp(app, new SlackSignatureCheck(settings.signingSecret(), settings.clock()), settings.botToken());
        this.client = SlackClients.withCurrentToken(slack, settings.botToken());
        app.use(new ReplayGuard(replays));
        app.use(new AccessGate(access.workspace(), access.policy(), people, locales, cockpit::later));
        app.use(new LearnNames(people));
        new IncidentCommandListeners(cockpit, commands).register(app);
        new IncidentModalListeners(cockpit).register(app);
        new DeclareListeners(cockpit).register(app);
        new PostmortemListeners(cockpit).register(app);
        new EventListeners(cockpit).register(app);
        new HomeListeners(cockpit).register(app);
        new GuideListeners(cockpit).register(app);
    }

    private static SlackConfig slackConfig(Settings settings) {
        SlackConfig config = new SlackConfig();
        if (settings.methodsUrlPrefix() != null) {
            config.setMethodsEndpointUrlPrefix(settings.methodsUrlPrefix());
        }
        config.setPrettyResponseLoggingEnabled(false);
        return config;
    }

    /** Enables {@code /incident web}: {@code issuer} turns a Slack user id into a signed, expiring URL. */
    public HikeshiSlackApp webLinks(Function<String, String> issuer) {
        commands.webLinks(issuer);
        return this;
    }

    public App app() {
        return app;
    }

    /** Where Slack's HTTP requests come in: the signature check, then Bolt. */
    public SlackHttp http() {
        return http;
    }

    /** The Web API with the bot token as it is now. */
    public MethodsClient client() {
        return client;
    }

    /** Runs the tasks the listeners handed on, with the same client and languages. */
    public SlackTaskRunner taskRunner() {
        return new SlackTaskRunner(cockpit.incidents(), cockpit.postmortems(), cockpit.warRooms(), client, cockpit.locales());
    }
}
