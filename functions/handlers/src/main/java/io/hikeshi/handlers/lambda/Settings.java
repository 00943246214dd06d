package io.hikeshi.handlers.lambda;

import io.hikeshi.core.access.ActionPolicy;
import io.hikeshi.core.cadence.UpdateCadence;
import io.hikeshi.core.calendar.BusinessCalendar;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Roles;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every {@code HIKESHI_*} setting, read once from the environment (template.yaml sets them) and parsed
 * into types. A value that is there but malformed fails at start, all such values named in one message;
 * a value only some functions need ({@link #table()}, {@link #eventBus()}, {@link #slackTaskQueueUrl()})
 * fails when a function that needs it asks for it, saying what it must name. Secrets are never here:
 * only the names of the SSM parameters that hold them.
 *
 * @param table                 {@code HIKESHI_TABLE}: the incidents table
 * @param dynamoDbEndpoint      {@code HIKESHI_DYNAMODB_ENDPOINT}: DynamoDB elsewhere than AWS (DynamoDB Local); null: AWS
 * @param autoResolveOnOk       {@code HIKESHI_AUTO_RESOLVE_ON_OK}: an alarm's OK resolves instead of mitigating
 * @param alarmRoutes           {@code HIKESHI_ALARM_ROUTES}: a file instead of the bundled alarm-routes.json; null: bundled
 * @param integrations          {@code HIKESHI_INTEGRATIONS}: a file instead of the bundled integrations.json; null: bundled
 * @param stormLimit            {@code HIKESHI_STORM_LIMIT}: incidents one source may open per window (20)
 * @param stormWindow           {@code HIKESHI_STORM_WINDOW_MINUTES}: the storm guard's window (10 minutes)
 * @param timeZone              {@code HIKESHI_TIME_ZONE}: the team's calendar (Asia/Tokyo)
 * @param locale                {@code HIKESHI_LOCALE}: the team's language where a person's is unknown (ja)
 * @param postmortemDueDays     {@code HIKESHI_POSTMORTEM_DUE_DAYS}, e.g. {@code SEV1=5,SEV2=7}: business days
 *                              from resolve to due, for the severities it names (the rest keep the defaults)
 * @param businessCalendar      {@code HIKESHI_HOLIDAYS} (a bundled country's public holidays, JP by default; {@code none}
 *                              for weekdays only) and {@code HIKESHI_EXTRA_DAYS_OFF} (the team's own, e.g.
 *                              {@code 2026-12-29,2026-12-30}): the days due dates and reminders count
 * @param reminders             {@code HIKESHI_REMINDER_*}: where reminder schedules go; null where no reminder is scheduled.
 *                              Without {@code HIKESHI_REMINDER_TARGET_ARN} but with {@code _ROLE_ARN}, they target the
 *                              function that schedules them (the reminder function sets the next nudge itself: its
 *                              environment cannot name its own ARN)
 * @param slackSigningSecretParam {@code HIKESHI_SLACK_SIGNING_SECRET_PARAM}: the SSM parameter with Slack's signing secret
 * @param slackBotTokenParam    {@code HIKESHI_SLACK_BOT_TOKEN_PARAM}: the SSM parameter with the bot token
 * @param slackApiUrl           {@code HIKESHI_SLACK_API_URL}: Slack's Web API elsewhere than slack.com; null: slack.com
 * @param slackTaskQueueUrl     {@code HIKESHI_SLACK_TASK_QUEUE_URL}: the Slack task queue
 * @param channelTemplate       {@code HIKESHI_CHANNEL_TEMPLATE}: war-room channel names; null: the default template
 * @param broadcastChannel      {@code HIKESHI_BROADCAST_CHANNEL}: where incidents are announced; null: nowhere
 * @param incidentPageUrl       {@code HIKESHI_INCIDENT_PAGE_URL}: the incident page's base, for the bookmark; null: none
 * @param stakeholderTopic      {@code HIKESHI_STAKEHOLDER_TOPIC}: the SNS topic for stakeholders; null: none
 * @param services              {@code HIKESHI_SERVICES}: a file instead of the bundled services.json; null: bundled
 * @param guides                {@code HIKESHI_GUIDES}: a folder instead of the bundled guides; null: bundled
 * @param webKeyParam           {@code HIKESHI_WEB_KEY_PARAM}: the SSM parameter with the web page's signing key;
 *                              null: no personal links (only the web function and {@code /incident web} use it)
 * @param webUrl                {@code HIKESHI_WEB_URL}: the web page's address; null: the HTTP API's own
 * @param eventBus              {@code HIKESHI_EVENT_BUS}: the custom bus the outbox relay publishes to
 * @param reopenWindow          {@code HIKESHI_REOPEN_WINDOW_HOURS}: how long after resolving an incident may be reopened (72)
 * @param slackTeamId           {@code HIKESHI_SLACK_TEAM_ID}: the one workspace whose requests are served ({@code T…});
 *                              with {@code HIKESHI_SLACK_ENTERPRISE_ID} ({@code E…}, in an Enterprise Grid organisation);
 *                              both null: the bot token's own workspace, as auth.test says
 * @param slackEnterpriseId     {@code HIKESHI_SLACK_ENTERPRISE_ID}, see {@code slackTeamId}
 * @param policy                {@code HIKESHI_POLICY}, e.g. {@code resolve=commander,change_roles=members}: who may
 *                              resolve, lower the severity and change roles (commander|members|anyone; default members),
 *                              with {@code HIKESHI_SLACK_ALLOW_GUESTS} (true: Slack guests may act; default false)
 * @param updateCadence         {@code HIKESHI_UPDATE_CADENCE}, e.g. {@code SEV1=15,SEV2=30,SEV3=off}: minutes without a
 *                              status update before the war room's commander is nudged, for the severities it names (the
 *                              rest keep {@link UpdateCadence#DEFAULTS})
 * @param postmortemRequired    {@code HIKESHI_POSTMORTEM_REQUIRED}, e.g. {@code SEV3=optional,SEV4=none}: whether a
 *                              resolved incident of each severity needs a postmortem (required|optional|none), complete
 *                              (the severities it does not name keep the defaults: SEV1–SEV3 required, SEV4 optional)
 * @param roles                 {@code HIKESHI_ROLES}, e.g. {@code comms,scribe,liaison}: the roles filled besides the
 *                              commander ({@code /incident role}); names of lowercase letters, digits and hyphens, at
 *                              most 30 characters (default {@code comms,scribe})
 */
public record Settings(String table, URI dynamoDbEndpoint, boolean autoResolveOnOk, String alarmRoutes, String integrations,
                       int stormLimit, Duration stormWindow, ZoneId timeZone, Locale locale,
                       Map<Severity, Integer> postmortemDueDays, BusinessCalendar businessCalendar, Reminders reminders,
                       String slackSigningSecretParam, String slackBotTokenParam, String slackApiUrl, String slackTaskQueueUrl,
                       String channelTemplate, String broadcastChannel, String incidentPageUrl, String stakeholderTopic,
                       String services, String guides, String webKeyParam, String webUrl, String eventBus,
                       Duration reopenWindow, String slackTeamId, String slackEnterpriseId, ActionPolicy policy,
                       UpdateCadence updateCadence, Map<Severity, PostmortemPolicy.Requirement> postmortemRequired,
                       Roles roles) {

    public static final String TABLE = "HIKESHI_TABLE";
    public static final String DYNAMODB_ENDPOINT = "HIKESHI_DYNAMODB_ENDPOINT";
    public static final String AUTO_RESOLVE = "HIKESHI_AUTO_RESOLVE_ON_OK";
    public static final String ALARM_ROUTES = "HIKESHI_ALARM_ROUTES";
    public static final String INTEGRATIONS = "HIKESHI_INTEGRATIONS";
    public static final String STORM_LIMIT = "HIKESHI_STORM_LIMIT";
    public static final String STORM_WINDOW_MINUTES = "HIKESHI_STORM_WINDOW_MINUTES";
    public static final String TIME_ZONE = "HIKESHI_TIME_ZONE";
    public static final String LOCALE = "HIKESHI_LOCALE";
    public static final String POSTMORTEM_DUE_DAYS = "HIKESHI_POSTMORTEM_DUE_DAYS";
    public static final String HOLIDAYS = "HIKESHI_HOLIDAYS";
    public static final String EXTRA_DAYS_OFF = "HIKESHI_EXTRA_DAYS_OFF";
    public static final String REMINDER_GROUP = "HIKESHI_REMINDER_GROUP";
    public static final String REMINDER_TARGET_ARN = "HIKESHI_REMINDER_TARGET_ARN";
    public static final String REMINDER_ROLE_ARN = "HIKESHI_REMINDER_ROLE_ARN";
    public static final String REMINDER_DLQ_ARN = "HIKESHI_REMINDER_DLQ_ARN";
    public static final String SIGNING_SECRET_PARAM = "HIKESHI_SLACK_SIGNING_SECRET_PARAM";
    public static final String BOT_TOKEN_PARAM = "HIKESHI_SLACK_BOT_TOKEN_PARAM";
    public static final String SLACK_API_URL = "HIKESHI_SLACK_API_URL";
    public static final String TASK_QUEUE_URL = "HIKESHI_SLACK_TASK_QUEUE_URL";
    public static final String CHANNEL_TEMPLATE = "HIKESHI_CHANNEL_TEMPLATE";
    public static final String BROADCAST_CHANNEL = "HIKESHI_BROADCAST_CHANNEL";
    public static final String INCIDENT_PAGE_URL = "HIKESHI_INCIDENT_PAGE_URL";
    public static final String STAKEHOLDER_TOPIC = "HIKESHI_STAKEHOLDER_TOPIC";
    public static final String SERVICES = "HIKESHI_SERVICES";
    public static final String GUIDES = "HIKESHI_GUIDES";
    public static final String WEB_KEY_PARAM = "HIKESHI_WEB_KEY_PARAM";
    public static final String WEB_URL = "HIKESHI_WEB_URL";
    public static final String EVENT_BUS = "HIKESHI_EVENT_BUS";
    public static final String REOPEN_WINDOW_HOURS = "HIKESHI_REOPEN_WINDOW_HOURS";
    public static final String SLACK_TEAM_ID = "HIKESHI_SLACK_TEAM_ID";
    public static final String SLACK_ENTERPRISE_ID = "HIKESHI_SLACK_ENTERPRISE_ID";
    public static final String SLACK_ALLOW_GUESTS = "HIKESHI_SLACK_ALLOW_GUESTS";
    public static final String POLICY = "HIKESHI_POLICY";
    public static final String UPDATE_CADENCE = "HIKESHI_UPDATE_CADENCE";
    public static final String POSTMORTEM_REQUIRED = "HIKESHI_POSTMORTEM_REQUIRED";
    public static final String ROLES = "HIKESHI_ROLES";

    /**
     * Where the one-time reminder schedules go and whom they invoke.
     *
     * @param targetArn the reminder function's ARN; null: the function that schedules them is the reminder function
     */
    public record Reminders(String group, String targetArn, String roleArn, String deadLetterArn) { }

    public Settings {
        postmortemDueDays = postmortemDueDays.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(postmortemDueDays));
        postmortemRequired = Collections.unmodifiableMap(new EnumMap<>(postmortemRequired));
    }

    /** This execution environment's settings. */
    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * @param env variables by name (the environment, or local mode's and tests' own)
     * @throws IllegalStateException naming every variable whose value does not parse
     */
    public static Settings from(Map<String, String> env) {
        Parser p = new Parser(env);
        String reminderTarget = p.text(REMINDER_TARGET_ARN);
        Reminders reminders = reminderTarget == null && p.text(REMINDER_ROLE_ARN) == null ? null : new Reminders(
                p.text(REMINDER_GROUP, "hikeshi-reminders"), reminderTarget, p.text(REMINDER_ROLE_ARN), p.text(REMINDER_DLQ_ARN));
        Settings settings = new Settings(p.text(TABLE), p.uri(DYNAMODB_ENDPOINT), p.bool(AUTO_RESOLVE),
                p.text(ALARM_ROUTES), p.text(INTEGRATIONS), p.positive(STORM_LIMIT, 20),
                Duration.ofMinutes(p.positive(STORM_WINDOW_MINUTES, 10)), p.zone(TIME_ZONE, "Asia/Tokyo"),
                Messages.parseLocale(p.text(LOCALE, "ja")), p.dueDays(POSTMORTEM_DUE_DAYS),
                p.calendar(HOLIDAYS, EXTRA_DAYS_OFF), reminders,
                p.text(SIGNING_SECRET_PARAM, "/hikeshi/slack/signing-secret"), p.text(BOT_TOKEN_PARAM, "/hikeshi/slack/bot-token"),
                p.text(SLACK_API_URL), p.text(TASK_QUEUE_URL), p.text(CHANNEL_TEMPLATE), p.text(BROADCAST_CHANNEL),
                p.text(INCIDENT_PAGE_URL), p.text(STAKEHOLDER_TOPIC), p.text(SERVICES), p.text(GUIDES),
                p.text(WEB_KEY_PARAM), p.text(WEB_URL), p.text(EVENT_BUS),
                Duration.ofHours(p.positive(REOPEN_WINDOW_HOURS, 72)),
                p.slackId(SLACK_TEAM_ID, 'T'), p.slackId(SLACK_ENTERPRISE_ID, 'E'),
                p.policy(POLICY).guestsAllowed(p.bool(SLACK_ALLOW_GUESTS)), p.cadence(UPDATE_CADENCE),
                p.requirements(POSTMORTEM_REQUIRED), p.roles(ROLES));
        p.failIfAnyProblem();
        return settings;
    }

    @Override
    public String table() {
        return required(table, TABLE, "it must name the incidents table");
    }

    @Override
    public String eventBus() {
        return required(eventBus, EVENT_BUS, "it must name the event bus");
    }

    @Override
    public String slackTaskQueueUrl() {
        return required(slackTaskQueueUrl, TASK_QUEUE_URL, "it must name the Slack task queue");
    }

    private static String required(String value, String name, String what) {
        if (value == null) {
            throw new IllegalStateException(name + " is not set: " + what);
        }
        return value;
    }

    /** Reads values, collecting every malformed one so that one start names them all. */
    private static final class Parser {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<String, String> env) {
            this.env = env;
        }

        /** The value, trimmed; null when unset or blank. */
        String text(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        String text(String name, String fallback) {
            String value = text(name);
            return value == null ? fallback : value;
        }

        boolean bool(String name) {
            String value = text(name, "false");
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problems.add(name + " must be true or false, was '" + value + "'");
            }
            return Boolean.parseBoolean(value);
        }

        int positive(String name, int fallback) {
            String value = text(name);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(name + " must be a whole number above 0, was '" + value + "'");
            return fallback;
        }

        ZoneId zone(String name, String fallback) {
            String value = text(name, fallback);
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                problems.add(name + " must be a time zone such as Asia/Tokyo, was '" + value + "'");
                return ZoneId.of(fallback);
            }
        }

        URI uri(String name) {
            String value = text(name);
            if (value == null) {
                return null;
            }
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() != null && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            problems.add(name + " must be a URL such as http://127.0.0.1:8000, was '" + value + "'");
            return null;
        }

        Map<Severity, Integer> dueDays(String name) {
            Map<Severity, Integer> days = new EnumMap<>(Severity.class);
            String text = text(name);
            if (text == null) {
                return days;
            }
            for (String pair : text.split(",")) {
                String[] kv = pair.strip().split("=");
                try {
                    int n = Integer.parseInt(kv[1].strip());
                    if (kv.length != 2 || n < 0) {
                        throw new IllegalArgumentException(pair);
                    }
                    days.put(Severity.parse(kv[0].strip()), n);
                } catch (RuntimeException e) {
                    problems.add(name + " must look like SEV1=5,SEV2=7; '" + pair.strip() + "' does not");
                }
            }
            return days;
        }

        BusinessCalendar calendar(String countryName, String extraName) {
            List<LocalDate> extra = new ArrayList<>();
            String extraText = text(extraName);
            for (String day : extraText == null ? new String[0] : extraText.split(",")) {
                try {
                    extra.add(LocalDate.parse(day.strip()));
                } catch (DateTimeException e) {
                    problems.add(extraName + " must list days such as 2026-12-29,2026-12-30; '" + day.strip() + "' is not one");
                }
            }
            try {
                return BusinessCalendar.of(text(countryName, "JP"), extra);
            } catch (IllegalArgumentException e) {
                problems.add(countryName + ": " + e.getMessage());
                return BusinessCalendar.weekdays();
            }
        }

        /** A Slack id such as {@code T0123ABCD} (team) or {@code E0123ABCD} (enterprise); null when unset. */
        String slackId(String name, char kind) {
            String value = text(name);
            if (value != null && !value.matches(kind + "[A-Z0-9]{2,}")) {
                problems.add(name + " must be a Slack id such as " + kind + "0123ABCD, was '" + value + "'");
                return null;
            }
            return value;
        }

        ActionPolicy policy(String name) {
            try {
                return ActionPolicy.parse(text(name));
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage());
                return ActionPolicy.defaults();
            }
        }

        UpdateCadence cadence(String name) {
            try {
                return UpdateCadence.parse(text(name));
            } catch (IllegalArgumentException e) {
                problems.add(name + " " + e.getMessage());
                return UpdateCadence.defaults();
            }
        }

        Map<Severity, PostmortemPolicy.Requirement> requirements(String name) {
            try {
                return PostmortemPolicy.parseRequirements(text(name));
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage());
                return PostmortemPolicy.parseRequirements(null);
            }
        }

        Roles roles(String name) {
            try {
                return Roles.parse(text(name));
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage());
                return Roles.DEFAULT;
            }
        }

        void failIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new IllegalStateException("settings that do not parse: " + String.join("; ", problems));
            }
        }
    }
}
