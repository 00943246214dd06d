package io.hikeshi.handlers.wiring;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.hikeshi.aws.sns.SnsNotifier;
import io.hikeshi.aws.sqs.SqsTaskQueue;
import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.access.Replays;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.cadence.CadenceService;
import io.hikeshi.core.event.Notifier;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.core.warroom.ChannelNames;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartSecrets;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.SlackClients;
import io.hikeshi.slack.SlackHttp;
import io.hikeshi.slack.access.AccessSettings;
import io.hikeshi.slack.access.Workspace;
import io.hikeshi.slack.cadence.UpdateNudges;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import io.hikeshi.slack.task.SlackTaskRunner;
import io.hikeshi.slack.warroom.SlackWarRoomChat;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The Slack functions' wiring over the core. Two shapes: the Bolt app (the Slack endpoint and the task
 * queue's worker: signature checks, listeners, tasks), and Slack's Web API alone for the functions that
 * only speak (war room, reminders, digest), which need neither the signing secret nor Bolt's listeners.
 * In AWS the secrets come from SSM Parameter Store; each function builds its wiring once, in its
 * handler's no-arg constructor.
 */
public final class SlackWiring {

    private final Composition core;
    private final Locale defaultLocale;
    private final WarRoomChannels warRoomChannels;
    private final MethodsClient client;
    /** Null where the function only speaks. */
    private final HikeshiSlackApp slack;
    private final Supplier<SlackHttp> http;

    /** The Bolt app over {@code core} (local mode, tests, benchmarks; in AWS through {@link #boltInAws}). */
    public SlackWiring(Composition core, HikeshiSlackApp.Settings settings, TaskQueue tasks) {
        this(core, settings, AccessSettings.learnedFromToken(core.clock()), tasks);
    }

    /** As above, serving {@code access}'s workspace under its policy. */
    public SlackWiring(Composition core, HikeshiSlackApp.Settings settings, AccessSettings access, TaskQueue tasks) {
        this.core = core;
        this.defaultLocale = settings.defaultLocale() == null ? Locale.ENGLISH : settings.defaultLocale();
        this.warRoomChannels = new WarRoomChannels(core.storage());
        this.slack = new HikeshiSlackApp(settings, access, core.incidents(), core.postmortems(), warRoomChannels,
                core.people(), core.services(), new Replays(core.storage().counters(), core.storage().ledger(), core.clock()),
                tasks);
        this.client = slack.client();
        this.http = slack::http;
    }

    private SlackWiring(Composition core, MethodsClient client, Locale defaultLocale) {
        this.core = core;
        this.defaultLocale = defaultLocale;
        this.warRoomChannels = new WarRoomChannels(core.storage());
        this.slack = null;
        this.client = client;
        this.http = () -> {
            throw new IllegalStateException("this function only speaks to Slack: it has no Bolt app");
        };
    }

    /**
     * The Slack endpoint and the task worker in AWS: DynamoDB, SSM (signing secret, bot token, the web
     * page's key), SQS (the task queue) and, where completing a postmortem cancels its reminders, Scheduler.
     *
     * @param apiBaseUrl the HTTP API's address as the last request gave it (for {@code /incident web}'s
     *                   links when {@link Settings#webUrl()} is not set)
     */
    public static SlackWiring boltInAws(Settings settings, Supplier<String> apiBaseUrl) {
        Secrets secrets = SnapStartSecrets.register(new SsmSecrets(AwsClients.build(SsmClient.builder()), Clock.systemUTC()));
        ReminderScheduler reminders = ReminderSchedules.inAws(settings);
        Composition core = Composition.inAws(settings, AwsClients.dynamoDb(settings), secrets, reminders);
        return boltOver(core, settings, new SqsTaskQueue(AwsClients.build(SqsClient.builder()),
                settings.slackTaskQueueUrl()), apiBaseUrl);
    }

    /**
     * The Bolt app with every secret read from {@code core}'s secrets each time it is used, never kept:
     * the signing secret per request, the bot token per request and per Web API call, the web page's
     * key per link. A rotation reaches them when the secrets cache lets it (five minutes in AWS).
     */
    public static SlackWiring boltOver(Composition core, Settings settings, TaskQueue tasks, Supplier<String> apiBaseUrl) {
        Secrets secrets = core.secrets();
        HikeshiSlackApp.Settings slack = new HikeshiSlackApp.Settings(current(secrets, settings.slackSigningSecretParam()),
                current(secrets, settings.slackBotTokenParam()), settings.slackApiUrl(), settings.locale(), settings.webUrl(),
                core.clock());
        SlackWiring wiring = new SlackWiring(core, slack, access(settings, core.clock()), tasks);
        if (settings.webKeyParam() != null) {
            SignedLinks links = new SignedLinks(current(secrets, settings.webKeyParam()), core.clock());
            wiring.webLinks(user -> {
                String base = settings.webUrl() != null ? settings.webUrl() : apiBaseUrl.get();
                return base == null ? null : base.replaceAll("/+$", "") + "/?token=" + links.issue(user, Duration.ofHours(12));
            });
        }
        return wiring;
    }

    private static Supplier<String> current(Secrets secrets, String ssmParameter) {
        return () -> secrets.secret("ssm:" + ssmParameter);
    }

    /** Who may use the Slack app, from {@code HIKESHI_SLACK_TEAM_ID}, {@code _ENTERPRISE_ID}, {@code _ALLOW_GUESTS} and {@code HIKESHI_POLICY}. */
    public static AccessSettings access(Settings settings, Clock clock) {
        boolean configured = settings.slackTeamId() != null || settings.slackEnterpriseId() != null;
        return new AccessSettings(configured ? new Workspace(settings.slackTeamId(), settings.slackEnterpriseId()) : null,
                settings.policy(), clock);
    }

    /**
     * The functions that only speak, in AWS: DynamoDB, the bot token from SSM, and Scheduler where the settings name
     * the reminder schedules (the war room sets the update cadence's nudges).
     */
    public static SlackWiring speakingInAws(Settings settings) {
        return speakingInAws(settings, () -> {
            throw new IllegalStateException("this function is not the reminder function: name the target in "
                    + Settings.REMINDER_TARGET_ARN);
        });
    }

    /** As {@link #speakingInAws(Settings)}, for the reminder function: the nudges it sets next target {@code ownArn}. */
    public static SlackWiring speakingInAws(Settings settings, Supplier<String> ownArn) {
        Secrets secrets = SnapStartSecrets.register(new SsmSecrets(AwsClients.build(SsmClient.builder()), Clock.systemUTC()));
        Composition core = Composition.inAws(settings, AwsClients.dynamoDb(settings), secrets,
                ReminderSchedules.inAws(settings, ownArn));
        SlackConfig config = new SlackConfig();
        if (settings.slackApiUrl() != null) {
            config.setMethodsEndpointUrlPrefix(settings.slackApiUrl());
        }
        config.setPrettyResponseLoggingEnabled(false);
        MethodsClient client = SlackClients.withCurrentToken(Slack.getInstance(config), current(secrets, settings.slackBotTokenParam()));
        return new SlackWiring(core, client, settings.locale());
    }

    /** The war room with explicit collaborators (local mode, tests, benchmarks). */
    public WarRoomService warRoom(ServiceDirectory services, Notifier notifier, WarRoomService.Settings settings,
                                  SlackCalls calls) {
        Messages team = Messages.of(defaultLocale);
        return new WarRoomService(core.storage(), services, new SlackWarRoomChat(client, calls, team), notifier, settings, team);
    }

    /** The war room in AWS: SNS for stakeholders, the bundled services and guides. */
    public WarRoomService warRoomInAws() {
        Settings settings = core.settings();
        String topic = settings.stakeholderTopic();
        Notifier notifier = topic == null ? (subject, message, attributes) -> { }
                : new SnsNotifier(AwsClients.build(SnsClient.builder()), topic);
        return warRoom(ConfiguredServiceDirectory.load(core.json(), settings.services(), settings.guides()), notifier,
                warRoomSettings(settings), SlackCalls.standard());
    }

    public static WarRoomService.Settings warRoomSettings(Settings settings) {
        return new WarRoomService.Settings(settings.channelTemplate() == null ? ChannelNames.DEFAULT_TEMPLATE : settings.channelTemplate(),
                settings.broadcastChannel(), settings.incidentPageUrl(), settings.timeZone());
    }

    /** Reminders and the weekly digest, spoken in the team's language. */
    public PostmortemNotices postmortemNotices(String broadcastChannel, SlackCalls calls) {
        return new PostmortemNotices(core.postmortems(), warRoomChannels, client, calls, Messages.of(defaultLocale),
                broadcastChannel);
    }

    public PostmortemNotices postmortemNoticesInAws() {
        return postmortemNotices(core.settings().broadcastChannel(), SlackCalls.standard());
    }

    /** The update cadence's nudges in the war room, spoken in the team's language. */
    public UpdateNudges updateNudges(SlackCalls calls) {
        return new UpdateNudges(core.cadence(), warRoomChannels, client, calls, Messages.of(defaultLocale));
    }

    public UpdateNudges updateNudgesInAws() {
        return updateNudges(SlackCalls.standard());
    }

    /** What sets and stops the nudges as the incident's committed changes arrive. */
    public CadenceService cadence() {
        return core.cadence();
    }

    /** Enables {@code /incident web} with this link issuer (user id → URL). */
    public SlackWiring webLinks(Function<String, String> issuer) {
        bolt().webLinks(issuer);
        return this;
    }

    public SlackHttp http() {
        return http.get();
    }

    public SlackTaskRunner taskRunner() {
        return bolt().taskRunner();
    }

    private HikeshiSlackApp bolt() {
        if (slack == null) {
            throw new IllegalStateException("this function only speaks to Slack: it has no Bolt app");
        }
        return slack;
    }
}
