package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.scheduler.SchedulerReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Kind;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * SchedulerReminderScheduler over the Scheduler wire protocol against an emulator: the one-time
 * schedules it creates, what it sends again on a repeat, and cancelling. The nested class needs the
 * emulator (skipped per test with the reason without one); the input-format tests need nothing.
 * The input-format tests use fixed instants (those of the sample event); the emulator tests schedule
 * from now. No test uses both.
 */
class SchedulerReminderSchedulerIT {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final String TARGET_ARN = "arn:aws:lambda:ap-northeast-1:123456789012:function:hikeshi-reminders";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/hikeshi-scheduler";
    static final String DEAD_LETTER_ARN = "arn:aws:sqs:ap-northeast-1:123456789012:hikeshi-reminders-dlq";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Input-format tests: two days before the due date, 09:00 JST (with a fraction, which the expression drops). */
    static final Reminder BEFORE_DUE = new Reminder("pm-INC-0042-before-due", "INC-0042", Kind.BEFORE_DUE,
            Instant.parse("2026-11-29T00:00:00.250Z"));
    /** Input-format tests: on the due date, 10:00 JST, as in events/scheduler-reminder-due.json. */
    static final Reminder DUE = new Reminder("pm-INC-0042-due", "INC-0042", Kind.DUE, Instant.parse("2026-12-01T01:00:00Z"));

    @Test
    void theSampleEventIsExactlyWhatTheDueReminderDelivers() throws Exception {
        Path file = Files.exists(Path.of("events")) ? Path.of("events") : Path.of("../../events");
        String sample = Files.readString(file.resolve("scheduler-reminder-due.json")).strip();
        assertEquals(SchedulerReminderScheduler.input(DUE), sample);
        assertEquals(DUE, SchedulerReminderScheduler.fromInput(JSON.readTree(sample)));
    }

    @Test
    void inputRoundTripsThroughFromInput() throws Exception {
        for (Reminder r : List.of(BEFORE_DUE, DUE, new Reminder("pm-INC-0042-overdue", "INC-0042", Kind.OVERDUE,
                Instant.parse("2026-12-03T01:00:00Z")), new Reminder("nudge-INC-0042", "INC-0042", Kind.NUDGE,
                Instant.parse("2026-11-24T01:15:00.123Z")))) {
            assertEquals(r, SchedulerReminderScheduler.fromInput(JSON.readTree(SchedulerReminderScheduler.input(r))));
        }
    }

    @Test
    void fromInputNamesTheBadField() throws Exception {
        assertBad("{\"incident\":\"INC-0042\",\"kind\":\"DUE\",\"at\":\"2026-12-01T01:00:00Z\"}", "'reminderId' is missing");
        assertBad("{\"reminderId\":\"pm-INC-0042-due\",\"kind\":\"DUE\",\"at\":\"2026-12-01T01:00:00Z\"}", "'incident' is missing");
        assertBad("{\"reminderId\":\"pm-INC-0042-due\",\"incident\":\"INC-0042\",\"at\":\"2026-12-01T01:00:00Z\"}", "'kind' is missing");
        assertBad("{\"reminderId\":\"pm-INC-0042-due\",\"incident\":\"INC-0042\",\"kind\":\"DUE\"}", "'at' is missing");
        assertBad("{\"reminderId\":\" \",\"incident\":\"INC-0042\",\"kind\":\"DUE\",\"at\":\"2026-12-01T01:00:00Z\"}", "'reminderId'");
        assertBad("{\"reminderId\":\"pm-INC-0042-due\",\"incident\":42,\"kind\":\"DUE\",\"at\":\"2026-12-01T01:00:00Z\"}", "'incident'");
        assertBad("{\"reminderId\":\"pm-INC-0042-due\",\"incident\":\"INC-0042\",\"kind\":\"SOON\",\"at\":\"2026-12-01T01:00:00Z\"}", "'kind'");
        assertBad("{\"reminderId\":\"pm-INC-0042-due\",\"incident\":\"INC-0042\",\"kind\":\"DUE\",\"at\":\"2026-12-01 10:00\"}", "'at'");
        assertBad("[]", "JSON object");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> SchedulerReminderScheduler.fromInput(null));
        assertTrue(none.getMessage().contains("JSON object"), none.getMessage());
    }

    @Test
    void theExpressionIsLocalTimeInTheZoneToTheSecond() {
        assertEquals("at(2026-11-29T09:00:00)", SchedulerReminderScheduler.expression(BEFORE_DUE.at(), TOKYO));
        assertEquals("at(2026-12-01T01:00:00)", SchedulerReminderScheduler.expression(DUE.at(), ZoneId.of("UTC")));
    }

    private static void assertBad(String json, String expected) throws Exception {
        JsonNode node = JSON.readTree(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchedulerReminderScheduler.fromInput(node));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain " + expected);
    }

    /** Against the emulator's Scheduler API. */
    @Nested
    class OnTheEmulator {

        private static SchedulerClient scheduler;
        private static final List<SdkRequest> SENT = Collections.synchronizedList(new ArrayList<>());

        private String group;
        private SchedulerReminderScheduler reminders;

        /**
         * The postmortem's due date, a month after today in Tokyo, and its reminders: every time here is
         * derived from now, so the schedules lie in the future whatever the day, as real reminders do.
         */
        private LocalDate dueDay;
        /** Two days before the due date, 09:00 JST (with a fraction, which the expression drops). */
        private Reminder beforeDue;
        /** On the due date, 10:00 JST. */
        private Reminder due;

        /** Per test, not in @BeforeAll: Surefire/Failsafe report a skip there as "Tests run: 0" without the reason. */
        @BeforeEach
        void emulator() {
            Emulator.endpoint(); // skips with the reason when there is no emulator
            if (scheduler == null) {
                System.out.println("emulator: " + Emulator.describe());
                scheduler = Emulator.configure(SchedulerClient.builder())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                                SENT.add(context.request());
                            }
                        }))
                        .build();
            }
            group = AwsFixtures.uniqueName("hikeshi-reminders");
            scheduler.createScheduleGroup(r -> r.name(group));
            reminders = new SchedulerReminderScheduler(scheduler, group, TARGET_ARN, ROLE_ARN, DEAD_LETTER_ARN, TOKYO);
            dueDay = LocalDate.now(TOKYO).plusDays(30);
            beforeDue = new Reminder("pm-INC-0042-before-due", "INC-0042", Kind.BEFORE_DUE,
                    tokyo(dueDay.minusDays(2), 9).plusMillis(250));
            due = new Reminder("pm-INC-0042-due", "INC-0042", Kind.DUE, tokyo(dueDay, 10));
            SENT.clear();
        }

        @AfterEach
        void deleteGroup() {
            if (scheduler != null && group != null) {
                AwsFixtures.quietly(() -> scheduler.deleteScheduleGroup(r -> r.name(group)));
            }
        }

        @AfterAll
        static void close() {
            if (scheduler != null) {
                scheduler.close();
            }
        }

        @Test
        void eachReminderIsAOneTimeScheduleInTokyoTimeThatDeletesItself() throws Exception {
            reminders.schedule(beforeDue);
            reminders.schedule(due);

            assertSchedule(beforeDue, at(dueDay.minusDays(2), 9));
            assertSchedule(due, at(dueDay, 10));
            assertEquals(List.of(beforeDue.id(), due.id()), names());
        }

        @Test
        void schedulingTheSameReminderAgainReplacesItWithTheSameFields() throws Exception {
            reminders.schedule(due);
            reminders.schedule(due);
            assertEquals(List.of(due.id()), names(), "still one schedule");
            assertSchedule(due, at(dueDay, 10));

            // The due date moved: the same id now fires at the new time.
            Reminder moved = new Reminder(due.id(), due.incident(), Kind.DUE, tokyo(dueDay.plusDays(1), 10));
            reminders.schedule(moved);
            assertEquals(List.of(due.id()), names(), "still one schedule");
            assertSchedule(moved, at(dueDay.plusDays(1), 10));

            // What went over the wire: a refused create, then a full update. The update's
            // ActionAfterCompletion is asserted on the request: moto ignores it on UpdateSchedule.
            List<String> writes = SENT.stream().filter(r -> !r.getClass().getSimpleName().matches("(Get|List).*"))
                    .map(r -> r.getClass().getSimpleName()).toList();
            assertEquals(List.of("CreateScheduleRequest", "CreateScheduleRequest", "UpdateScheduleRequest",
                    "CreateScheduleRequest", "UpdateScheduleRequest"), writes);
            CreateScheduleRequest create = (CreateScheduleRequest) SENT.get(0);
            List<UpdateScheduleRequest> updates = SENT.stream().filter(UpdateScheduleRequest.class::isInstance)
                    .map(UpdateScheduleRequest.class::cast).toList();
            for (UpdateScheduleRequest update : updates) {
                assertEquals(ActionAfterCompletion.DELETE, update.actionAfterCompletion());
                assertEquals(FlexibleTimeWindowMode.OFF, update.flexibleTimeWindow().mode());
                assertEquals(ScheduleState.ENABLED, update.state());
                assertEquals(create.groupName(), update.groupName());
                assertEquals(create.scheduleExpressionTimezone(), update.scheduleExpressionTimezone());
                assertEquals(create.target().toBuilder().input(null).build(), update.target().toBuilder().input(null).build(),
                        "the same target, role, retry policy and dead-letter queue");
            }
            assertEquals(create.target(), updates.get(0).target(), "the repeat sends the same input");
            assertEquals(SchedulerReminderScheduler.input(moved), updates.get(1).target().input());
        }

        @Test
        void cancelDeletesTheScheduleAndCancellingAgainIsFine() {
            reminders.schedule(beforeDue);
            reminders.schedule(due);

            reminders.cancel(beforeDue.id());
            assertThrows(ResourceNotFoundException.class,
                    () -> scheduler.getSchedule(r -> r.name(beforeDue.id()).groupName(group)));
            assertEquals(List.of(due.id()), names(), "only the cancelled one is gone");

            reminders.cancel(beforeDue.id()); // again: fine
            reminders.cancel("pm-INC-9999-due"); // never scheduled: fine
            reminders.schedule(beforeDue); // and it can be scheduled again afterwards
            assertEquals(List.of(beforeDue.id(), due.id()), names());
        }

        @Test
        void theTargetCanBeTheSchedulingFunctionsOwnArn_askedForWhenItSchedules() throws Exception {
            java.util.concurrent.atomic.AtomicReference<String> own = new java.util.concurrent.atomic.AtomicReference<>();
            SchedulerReminderScheduler nudges = new SchedulerReminderScheduler(scheduler, group, own::get, ROLE_ARN, null, TOKYO);
            Reminder nudge = new Reminder("nudge-INC-0042", "INC-0042", Kind.NUDGE, due.at());

            own.set(TARGET_ARN); // the reminder function learns it when invoked
            nudges.schedule(nudge);

            GetScheduleResponse got = scheduler.getSchedule(r -> r.name(nudge.id()).groupName(group));
            assertEquals(TARGET_ARN, got.target().arn());
            assertEquals(nudge, SchedulerReminderScheduler.fromInput(JSON.readTree(got.target().input())));
        }

        @Test
        void withoutADeadLetterQueueTheTargetHasNone() {
            new SchedulerReminderScheduler(scheduler, group, TARGET_ARN, ROLE_ARN, null, TOKYO).schedule(due);
            GetScheduleResponse got = scheduler.getSchedule(r -> r.name(due.id()).groupName(group));
            assertEquals(null, got.target().deadLetterConfig());
            assertEquals(TARGET_ARN, got.target().arn());
        }

        private void assertSchedule(Reminder reminder, String expression) throws Exception {
            GetScheduleResponse got = scheduler.getSchedule(r -> r.name(reminder.id()).groupName(group));
            assertEquals(reminder.id(), got.name());
            assertEquals(group, got.groupName());
            assertEquals(expression, got.scheduleExpression());
            assertEquals("Asia/Tokyo", got.scheduleExpressionTimezone());
            assertEquals(FlexibleTimeWindowMode.OFF, got.flexibleTimeWindow().mode());
            assertEquals(ActionAfterCompletion.DELETE, got.actionAfterCompletion());
            assertEquals(ScheduleState.ENABLED, got.state());
            assertEquals(TARGET_ARN, got.target().arn());
            assertEquals(ROLE_ARN, got.target().roleArn());
            assertEquals(10, got.target().retryPolicy().maximumRetryAttempts());
            assertEquals(86_400, got.target().retryPolicy().maximumEventAgeInSeconds());
            assertEquals(DEAD_LETTER_ARN, got.target().deadLetterConfig().arn());
            assertEquals(reminder, SchedulerReminderScheduler.fromInput(JSON.readTree(got.target().input())),
                    "the input round-trips to the reminder");
        }

        /** {@code hour}:00 on {@code day}, Tokyo time. */
        private static Instant tokyo(LocalDate day, int hour) {
            return day.atTime(hour, 0).atZone(TOKYO).toInstant();
        }

        /** The expression Scheduler should hold for {@code hour}:00 on {@code day}, Tokyo time. */
        private static String at(LocalDate day, int hour) {
            return "at(%sT%02d:00:00)".formatted(day, hour);
        }

        /** The schedules in this test's group, by name. */
        private List<String> names() {
            return scheduler.listSchedulesPaginator(r -> r.groupName(group)).schedules().stream()
                    .map(ScheduleSummary::name).sorted().toList();
        }
    }
}
