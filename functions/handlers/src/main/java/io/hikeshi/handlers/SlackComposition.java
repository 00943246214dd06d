package io.hikeshi.handlers;

import io.hikeshi.aws.sns.SnsNotifier;
import io.hikeshi.aws.sqs.SqsTaskQueue;
import io.hikeshi.core.access.Replays;
import io.hikeshi.core.event.Notifier;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.warroom.ChannelNames;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.handlers.config.ConfiguredServiceDirectory;
import io.hikeshi.slack.SlackCalls;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import io.hikeshi.slack.warroom.SlackWarRoomChat;
import java.time.ZoneId;
import java.util.Locale;
import software.amazon.awssdk.services.sns.SnsClient;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.SlackHttp;
import io.hikeshi.slack.task.SlackTaskRunner;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Slack side of the composition root: the Bolt app over the same core. Built only by the
 * Slack functions, once per execution environment; its secrets come from SSM Parameter Store.
 */
public final class SlackComposition {

    public static final String SIGNING_SECRET_PARAM = "HIKESHI_SLACK_SIGNING_SECRET_PARAM";
    public static final String BOT_TOKEN_PARAM = "HIKESHI_SLACK_BOT_TOKEN_PARAM";
    public static final String TASK_QUEUE_URL = "HIKESHI_SLACK_TASK_QUEUE_URL";
    public static final String LOCALE = "HIKESHI_LOCALE";
    public static final String CHANNEL_TEMPLATE = "HIKESHI_CHANNEL_TEMPLATE";
    public static final String BROADCAST_CHANNEL = "HIKESHI_BROADCAST_CHANNEL";
    public static final String INCIDENT_PAGE_URL = "HIKESHI_INCIDENT_PAGE_URL";
    public static final String TIME_ZONE = "HIKESHI_TIME_ZONE";
    public static final String STAKEHOLDER_TOPIC = "HIKESHI_STAKEHOLDER_TOPIC";
    public static final String SERVICES = "HIKESHI_SERVICES";
    public static final String GUIDES = "HIKESHI_GUIDES";
    public static final String WEB_URL = "HIKESHI_WEB_URL";
    /** Where Slack's Web API is, e.g. {@code https://slack-gov.com/api/} for GovSlack; unset: slack.com. */
    public static final String SLACK_API_URL = "HIKESHI_SLACK_API_URL";

    private static SlackComposition fromEnvironment;

    private final Composition core;
    private final HikeshiSlackApp slack;
    private final SlackHttp http;
    private final Locale defaultLocale;
    private final WarRoomChannels warRoomChannels;
    private WarRoomService warRoom;

    public SlackComposition(Composition core, HikeshiSlackApp.Settings settings, TaskQueue tasks) {
        this.core = core;
        this.defaultLocale = settings.defaultLocale() == null ? Locale.ENGLISH : settings.defaultLocale();
        this.warRoomChannels = new WarRoomChannels(core.storage());
        this.slack = new HikeshiSlackApp(settings, core.incidents(), core.postmortems(), warRoomChannels,
                new Replays(core.storage().counters(), core.clock()), tasks);
        this.http = new SlackHttp(slack.app());
    }

    /** Lambda: secrets from SSM (parameter names from the environment), tasks through SQS. */
    public static synchronized SlackComposition fromEnvironment() {
        if (fromEnvironment == null) {
            Map<String, String> env = System.getenv();
            Secrets secrets = Composition.ssmSecrets();
            HikeshiSlackApp.Settings settings = new HikeshiSlackApp.Settings(
                    secrets.secret("ssm:" + env.getOrDefault(SIGNING_SECRET_PARAM, "/hikeshi/slack/signing-secret")),
                    secrets.secret("ssm:" + env.getOrDefault(BOT_TOKEN_PARAM, "/hikeshi/slack/bot-token")),
                    blankToNull(env.get(SLACK_API_URL)), Messages.parseLocale(env.getOrDefault(LOCALE, "ja")), env.get(WEB_URL));
            String queueUrl = env.get(TASK_QUEUE_URL);
            if (queueUrl == null || queueUrl.isBlank()) {
                throw new IllegalStateException(TASK_QUEUE_URL + " is not set: it must name the Slack task queue");
            }
            SqsClient sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            fromEnvironment = new SlackComposition(Composition.fromEnvironment(), settings, new SqsTaskQueue(sqs, queueUrl));
            if (env.get(Composition.WEB_KEY_PARAM) != null) {
                var links = Composition.webLinks(secrets, env);
                fromEnvironment.slack.webLinks(user -> {
                    String base = env.getOrDefault(WEB_URL, SlackHandler.apiBaseUrl());
                    return base == null ? null : base.replaceAll("/+$", "") + "/?token=" + links.issue(user, java.time.Duration.ofHours(12));
                });
            }
        }
        return fromEnvironment;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The war room with explicit collaborators (local mode, tests, benchmarks). */
    public synchronized WarRoomService warRoom(ServiceDirectory services, Notifier notifier, WarRoomService.Settings settings,
                                               SlackCalls calls) {
        Messages team = Messages.of(defaultLocale);
        warRoom = new WarRoomService(core.storage(), services, new SlackWarRoomChat(slack.app().client(), calls, team),
                notifier, settings, team);
        return warRoom;
    }

    /** The war room wired from the environment: SNS for stakeholders, bundled services and guides. */
    public synchronized WarRoomService warRoom() {
        if (warRoom == null) {
            Map<String, String> env = System.getenv();
            String topic = env.get(STAKEHOLDER_TOPIC);
            Notifier notifier = topic == null || topic.isBlank() ? (subject, message, attributes) -> { }
                    : new SnsNotifier(SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(), topic);
            warRoom(ConfiguredServiceDirectory.load(core.json(), env.get(SERVICES), env.get(GUIDES)), notifier,
                    warRoomSettings(env), SlackCalls.standard());
        }
        return warRoom;
    }

    public static WarRoomService.Settings warRoomSettings(Map<String, String> env) {
        return new WarRoomService.Settings(env.getOrDefault(CHANNEL_TEMPLATE, ChannelNames.DEFAULT_TEMPLATE),
                env.get(BROADCAST_CHANNEL), env.get(INCIDENT_PAGE_URL),
                ZoneId.of(env.getOrDefault(TIME_ZONE, "Asia/Tokyo")));
    }

    /** Reminders and the weekly digest, spoken in the team's language. */
    public PostmortemNotices postmortemNotices(String broadcastChannel, SlackCalls calls) {
        return new PostmortemNotices(core.postmortems(), warRoomChannels, slack.app().client(), calls, Messages.of(defaultLocale),
                broadcastChannel);
    }

    public PostmortemNotices postmortemNotices() {
        return postmortemNotices(System.getenv(BROADCAST_CHANNEL), SlackCalls.standard());
    }

    /** Enables {@code /incident web} with this link issuer (user id → URL). */
    public SlackComposition webLinks(java.util.function.Function<String, String> issuer) {
        slack.webLinks(issuer);
        return this;
    }

    public SlackHttp http() {
        return http;
    }

    public SlackTaskRunner taskRunner() {
        return slack.taskRunner();
    }
}
