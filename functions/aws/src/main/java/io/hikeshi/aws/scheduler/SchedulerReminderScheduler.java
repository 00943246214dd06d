package io.hikeshi.aws.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.core.postmortem.ReminderScheduler;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.DeadLetterConfig;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * Reminders as one-time EventBridge Scheduler schedules: {@code at(2026-12-01T10:00:00)} in the
 * team's time zone, deleted by Scheduler after they fire ({@code ActionAfterCompletion=DELETE}),
 * each delivering {@link #input(Reminder)} to the reminder function, which re-reads the postmortem
 * before it says anything.
 *
 * <p>The schedule's name is the reminder id ({@code pm-INC-0042-due}), so scheduling the same
 * reminder again finds the existing schedule (CreateSchedule → ConflictException) and replaces it
 * with UpdateSchedule, sending every field again (UpdateSchedule is a full replacement).
 */
public final class SchedulerReminderScheduler implements ReminderScheduler {

    /** Scheduler's retries before the event goes to the dead-letter queue (AWS allows 0–185). */
    public static final int MAXIMUM_RETRY_ATTEMPTS = 10;

    /** How long Scheduler keeps trying to deliver one event (AWS allows 60–86400 seconds). */
    public static final int MAXIMUM_EVENT_AGE_SECONDS = 86_400;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final SchedulerClient scheduler;
    private final String groupName;
    private final Supplier<String> targetArn;
    private final String roleArn;
    private final String deadLetterArn;
    private final ZoneId zone;

    /**
     * @param groupName     the schedule group (created with the stack)
     * @param targetArn     the reminder function's ARN
     * @param roleArn       the role Scheduler assumes to invoke it
     * @param deadLetterArn an SQS queue ARN for events Scheduler could not deliver, or null for none
     * @param zone          the team's time zone: the {@code at(...)} expression is local time there
     */
    public SchedulerReminderScheduler(SchedulerClient scheduler, String groupName, String targetArn, String roleArn,
                                      String deadLetterArn, ZoneId zone) {
        this(scheduler, groupName, fixed(required(targetArn, "reminder target ARN")), roleArn, deadLetterArn, zone);
    }

    /**
     * @param targetArn the reminder function's ARN, asked for each schedule: the reminder function setting its own next
     *                  nudge learns its ARN only when invoked (its template cannot name it: a circular reference)
     */
    public SchedulerReminderScheduler(SchedulerClient scheduler, String groupName, Supplier<String> targetArn,
                                      String roleArn, String deadLetterArn, ZoneId zone) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.groupName = required(groupName, "schedule group name");
        this.targetArn = Objects.requireNonNull(targetArn, "targetArn");
        this.roleArn = required(roleArn, "scheduler role ARN");
        this.deadLetterArn = deadLetterArn == null || deadLetterArn.isBlank() ? null : deadLetterArn.strip();
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public void schedule(Reminder reminder) {
        validate(reminder);
        String name = reminder.id();
        String expression = expression(reminder.at(), zone);
        String timezone = zone.getId();
        FlexibleTimeWindow off = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
        Target target = target(reminder);
        Runnable create = () -> scheduler.createSchedule(r -> r.name(name).groupName(groupName)
                .scheduleExpression(expression).scheduleExpressionTimezone(timezone)
                .flexibleTimeWindow(off).actionAfterCompletion(ActionAfterCompletion.DELETE)
                .state(ScheduleState.ENABLED).target(target));
        try {
            create.run();
            return;
        } catch (ConflictException exists) {
            // scheduled before: replace it with the same fields
        }
        try {
            scheduler.updateSchedule(r -> r.name(name).groupName(groupName)
                    .scheduleExpression(expression).scheduleExpressionTimezone(timezone)
                    .flexibleTimeWindow(off).actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .state(ScheduleState.ENABLED).target(target));
        } catch (ResourceNotFoundException goneMeanwhile) {
            // It fired (and Scheduler deleted it) or was cancelled between the two calls: create it once more.
            create.run();
        }
    }

    @Override
    public void cancel(String reminderId) {
        String name = required(reminderId, "reminder id");
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(groupName));
        } catch (ResourceNotFoundException alreadyGone) {
            // fired (and deleted by Scheduler), cancelled before, or never scheduled: all fine
        }
    }

    /**
     * {@code at(yyyy-MM-ddTHH:mm:ss)}: {@code at} as local time in {@code zone}, to the second
     * (Scheduler's resolution; fractions are dropped). Scheduler reads it with
     * ScheduleExpressionTimezone = {@code zone}.
     */
    public static String expression(Instant at, ZoneId zone) {
        return "at(" + LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.SECONDS).format(AT) + ")";
    }

    /**
     * The schedule's input, which Scheduler delivers to the reminder function as its event:
     * {@code {"reminderId":"pm-INC-0042-due","incident":"INC-0042","kind":"DUE","at":"2026-12-01T01:00:00Z"}}.
     */
    public static String input(Reminder reminder) {
        validate(reminder);
        ObjectNode node = JSON.createObjectNode();
        node.put("reminderId", reminder.id());
        node.put("incident", reminder.incident());
        node.put("kind", reminder.kind().name());
        node.put("at", reminder.at().toString());
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write reminder input", e);
        }
    }

    /**
     * Parses what Scheduler delivers (exactly {@link #input(Reminder)}'s JSON).
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static Reminder fromInput(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("reminder input must be a JSON object, got "
                    + (input == null ? "nothing" : input.getNodeType()));
        }
        String id = text(input, "reminderId");
        String incident = text(input, "incident");
        String kindText = text(input, "kind");
        String atText = text(input, "at");
        Kind kind;
        try {
            kind = Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reminder input field 'kind' must be one of "
                    + java.util.Arrays.toString(Kind.values()) + ", got '" + kindText + "'");
        }
        Instant at;
        try {
            at = Instant.parse(atText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("reminder input field 'at' must be an ISO-8601 instant "
                    + "(2026-12-01T01:00:00Z), got '" + atText + "'");
        }
        return new Reminder(id, incident, kind, at);
    }

    private static Supplier<String> fixed(String arn) {
        return () -> arn;
    }

    private Target target(Reminder reminder) {
        Target.Builder target = Target.builder().arn(required(targetArn.get(), "reminder target ARN")).roleArn(roleArn).input(input(reminder))
                .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(MAXIMUM_RETRY_ATTEMPTS)
                        .maximumEventAgeInSeconds(MAXIMUM_EVENT_AGE_SECONDS).build());
        if (deadLetterArn != null) {
            target.deadLetterConfig(DeadLetterConfig.builder().arn(deadLetterArn).build());
        }
        return target.build();
    }

    private static void validate(Reminder reminder) {
        Objects.requireNonNull(reminder, "reminder");
        required(reminder.id(), "reminder id");
        required(reminder.incident(), "reminder incident");
        Objects.requireNonNull(reminder.kind(), "reminder kind");
        Objects.requireNonNull(reminder.at(), "reminder time");
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("reminder input field '" + field + "' is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("reminder input field '" + field + "' must be a non-empty string, got "
                    + value);
        }
        return value.asText();
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value.strip();
    }
}
