package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.calendar.BusinessCalendar;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostmortemServiceTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Friday 2026-11-27 14:00 JST. */
    private static final Clock FRIDAY = Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC);

    private final InMemoryStorage memory = InMemoryStorage.create();

    private final Storage store = memory.ports();
    private final Map<String, ReminderScheduler.Reminder> scheduled = new HashMap<>();
    private final List<String> cancelled = new ArrayList<>();
    private final ReminderScheduler scheduler = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) {
            scheduled.put(reminder.id(), reminder);
        }

        @Override
        public void cancel(String reminderId) {
            cancelled.add(reminderId);
            scheduled.remove(reminderId);
        }
    };
    private final IncidentService incidents = new IncidentService(store, FRIDAY);
    private final PostmortemService postmortems = new PostmortemService(store, scheduler, PostmortemPolicy.defaults(TOKYO), FRIDAY,
            Messages.of(Messages.ENGLISH));

    private Incident resolvedSev1() {
        return resolvedSev1(incidents, store);
    }

    private static Incident resolvedSev1(IncidentService incidents, Storage store) {
        Incident incident = incidents.declare("Payment API returns 5xx", Severity.SEV1, "payment-api", "checkout failing",
                "U0ALICE", null).orElseThrow();
        incidents.assignCommander(incident.id(), "U0BOB", "U0BOB");
        incidents.postStatusUpdate(incident.id(), Status.RESOLVED, "rolled back to v1.42.0", "U0BOB");
        return store.incidents().find(incident.id()).orElseThrow();
    }

    @Test
    void resolve_draftsOnce_ownedByTheCommander_dueFiveBusinessDaysLaterForSev1_withRemindersScheduled() {
        Incident incident = resolvedSev1();

        Postmortem pm = postmortems.draftOnResolve(incident.id(), "U0BOB").orElseThrow();
        Postmortem again = postmortems.draftOnResolve(incident.id(), "U0BOB").orElseThrow();

        assertEquals(pm, again, "a redelivered 'resolved' drafts nothing new");
        assertEquals("U0BOB", pm.owner());
        assertEquals(LocalDate.of(2026, 12, 4), pm.due(), "Friday + 5 business days = next Friday");
        assertTrue(pm.summary().startsWith("Payment API returns 5xx (SEV1, payment-api)."));
        assertEquals("rolled back to v1.42.0", pm.resolution());
        assertTrue(pm.detection().startsWith("Detected 2026-11-27 14:00 Asia/Tokyo"), pm.detection());
        assertEquals(Postmortem.Status.DRAFT, pm.status());
        assertEquals(List.of("pm-INC-0001-before", "pm-INC-0001-due", "pm-INC-0001-overdue-1", "pm-INC-0001-overdue-3",
                "pm-INC-0001-overdue-7"), scheduled.keySet().stream().sorted().toList());
        assertEquals(Instant.parse("2026-12-04T01:00:00Z"), scheduled.get("pm-INC-0001-due").at(), "10:00 JST on the due date");
        assertEquals(Instant.parse("2026-12-03T01:00:00Z"), scheduled.get("pm-INC-0001-before").at(), "the business day before");
    }

    @Test
    void complete_isRefusedUntilTheChecklistPasses_thenRecordsWhoAndWhen_andStopsTheReminders() {
        Incident incident = resolvedSev1();
        postmortems.draftOnResolve(incident.id(), "U0BOB");

        IncompletePostmortemException refused = assertThrows(IncompletePostmortemException.class,
                () -> postmortems.complete(incident.id(), "U0BOB"));
        assertTrue(refused.missing().stream().anyMatch(m -> m.key().equals("section.impact")));
        assertTrue(refused.missing().stream().anyMatch(m -> m.key().equals("action.prevent")));

        for (Postmortem.Section s : List.of(Postmortem.Section.IMPACT, Postmortem.Section.ROOT_CAUSES, Postmortem.Section.TRIGGER,
                Postmortem.Section.WENT_WELL, Postmortem.Section.WENT_WRONG)) {
            postmortems.editSection(incident.id(), s, "text for " + s, "U0ALICE");
        }
        postmortems.addActionItem(incident.id(), "Canary the payment-api deploys", ActionItem.Type.PREVENT, null, null, null, "U0BOB");
        assertTrue(PostmortemChecklist.missing(postmortems.get(incident.id())).stream()
                .anyMatch(m -> m.key().equals("action.unassigned")), "an action item needs an owner and a due date");
        String itemId = postmortems.get(incident.id()).actionItems().get(0).id();
        postmortems.setActionItemDone(incident.id(), itemId, false, "U0BOB");
        Postmortem withOwnerlessItem = postmortems.get(incident.id());
        assertEquals(Postmortem.Status.DRAFT, withOwnerlessItem.status());
        postmortems.addActionItem(incident.id(), "Alert on checkout error ratio", ActionItem.Type.MITIGATE, "U0ALICE",
                LocalDate.of(2026, 12, 11), "https://tracker.example.jp/PAY-881", "U0BOB");
        // replace the ownerless item with an assigned one
        store.postmortems().save(postmortems.get(incident.id()).withActionItems(List.of(
                new ActionItem(itemId, "Canary the payment-api deploys", ActionItem.Type.PREVENT, "U0BOB",
                        LocalDate.of(2026, 12, 18), null, false),
                postmortems.get(incident.id()).actionItems().get(1))));

        Postmortem done = postmortems.complete(incident.id(), "U0ALICE");

        assertEquals(Postmortem.Status.COMPLETE, done.status());
        assertEquals("U0ALICE", done.completedBy());
        assertNotNull(done.completedAt());
        assertTrue(scheduled.isEmpty(), "every pending reminder deleted");
        assertTrue(done.authors().containsAll(List.of("U0BOB", "U0ALICE")));
        io.hikeshi.core.Refusal theRecord = assertThrows(io.hikeshi.core.Refusal.class,
                () -> postmortems.editSection(incident.id(), Postmortem.Section.SUMMARY, "x", "U0X"),
                "a complete postmortem is the record");
        assertEquals("refusal.postmortem.complete", theRecord.reason().key());
    }

    @Test
    void reminder_speaksToTheRightAudience_onlyWhileIncomplete_andOncePerReminder() {
        Incident incident = resolvedSev1();
        postmortems.draftOnResolve(incident.id(), "U0BOB");
        ReminderScheduler.Reminder due = scheduled.get("pm-INC-0001-due");
        ReminderScheduler.Reminder overdue = scheduled.get("pm-INC-0001-overdue-1");

        var notice = postmortems.reminderFired(due).orElseThrow();
        assertEquals(PostmortemService.Audience.WAR_ROOM, notice.audience());
        assertEquals(PostmortemService.Audience.ESCALATION, postmortems.reminderFired(overdue).orElseThrow().audience());
        postmortems.reminderDelivered(due);

        assertTrue(postmortems.reminderFired(due).isEmpty(), "a duplicate delivery stays silent");
        store.postmortems().save(postmortems.get(incident.id()).completed("U0BOB", Instant.now()));
        assertTrue(postmortems.reminderFired(overdue).isEmpty(), "a stale reminder never speaks");
    }

    @Test
    void concurrentEditsOfDifferentSections_areBothKept() throws Exception {
        Incident incident = resolvedSev1();
        postmortems.draftOnResolve(incident.id(), "U0BOB");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (Postmortem.Section s : Postmortem.Section.values()) {
            pool.submit(() -> postmortems.editSection(incident.id(), s, "edited " + s, "U0" + s.ordinal()));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

        Postmortem pm = postmortems.get(incident.id());
        for (Postmortem.Section s : Postmortem.Section.values()) {
            assertEquals("edited " + s, pm.section(s));
        }
    }

    @Test
    void theDraft_isWrittenInTheTeamsLanguage_fromTheCatalogue() {
        // GIVEN the same resolved incident in an English team's store and a Japanese team's
        Storage japaneseStore = InMemoryStorage.create().ports();
        PostmortemService japanese = new PostmortemService(japaneseStore, scheduler, PostmortemPolicy.defaults(TOKYO),
                FRIDAY, Messages.of(Messages.JAPANESE));
        Incident incident = resolvedSev1();
        Incident sameInJapan = resolvedSev1(new IncidentService(japaneseStore, FRIDAY), japaneseStore);

        // WHEN each drafts its postmortem
        Postmortem en = postmortems.draftOnResolve(incident.id(), "U0BOB").orElseThrow();
        Postmortem ja = japanese.draftOnResolve(sameInJapan.id(), "U0BOB").orElseThrow();

        // THEN each reads in its own language around what people wrote (title, description, summary)
        assertEquals("Payment API returns 5xx (SEV1, payment-api). checkout failing", en.summary());
        assertEquals("Detected 2026-11-27 14:00 Asia/Tokyo: Declared by U0ALICE: checkout failing (0 min to acknowledge)",
                en.detection());
        assertEquals("Payment API returns 5xx（SEV1、payment-api）。checkout failing", ja.summary());
        assertEquals("2026-11-27 14:00 Asia/Tokyo に検知：U0ALICE が宣言：checkout failing（0 分後に確認）", ja.detection());
        assertEquals("rolled back to v1.42.0", ja.resolution());
        // AND the Japanese draft has no English word of ours once the data (title, names, zone) is cut out
        for (String draft : List.of(ja.summary(), ja.detection())) {
            String ours = draft;
            for (String data : List.of("Payment API returns 5xx", "checkout failing", "payment-api", "SEV1", "U0ALICE",
                    "Asia/Tokyo")) {
                ours = ours.replace(data, " ");
            }
            assertFalse(ours.matches("(?s).*[A-Za-z].*"), ours);
        }
    }

    @Test
    void remindersAcrossAWeekWithJapaneseHolidays_fireOnBusinessDaysOnly() {
        // GIVEN a SEV1 resolved on Thursday 2026-09-17, before Japan's 2026 "silver week"
        // (Mon 21 敬老の日, Tue 22 国民の休日, Wed 23 秋分の日), on the team's Japanese calendar
        Clock thursday = Clock.fixed(Instant.parse("2026-09-17T05:00:00Z"), ZoneOffset.UTC);
        BusinessCalendar japan = BusinessCalendar.of("JP", List.of());
        InMemoryStorage memory = InMemoryStorage.create();
        IncidentService incidents = new IncidentService(memory.ports(), thursday);
        PostmortemService japanese = new PostmortemService(memory.ports(), scheduler,
                PostmortemPolicy.defaults(TOKYO).on(japan), thursday, Messages.of(Messages.ENGLISH));
        Incident incident = resolvedSev1(incidents, memory.ports());

        // WHEN its postmortem is drafted
        Postmortem pm = japanese.draftOnResolve(incident.id(), "U0BOB").orElseThrow();

        // THEN five business days skip the weekend and the three holidays: Fri 18, Thu 24, Fri 25, Mon 28, Tue 29
        assertEquals(LocalDate.of(2026, 9, 29), pm.due());
        // AND every reminder goes out at 10:00 Tokyo on a business day, counted in business days
        Map<String, LocalDate> days = new HashMap<>();
        scheduled.values().forEach(r -> days.put(r.id().replaceFirst("pm-INC-\\d+-", ""), r.at().atZone(TOKYO).toLocalDate()));
        assertEquals(Map.of("before", LocalDate.of(2026, 9, 28), "due", LocalDate.of(2026, 9, 29),
                "overdue-1", LocalDate.of(2026, 9, 30), "overdue-3", LocalDate.of(2026, 10, 2),
                "overdue-7", LocalDate.of(2026, 10, 8)), days);
        scheduled.values().forEach(r -> {
            assertTrue(japan.isBusinessDay(r.at().atZone(TOKYO).toLocalDate()), r.id() + " at " + r.at());
            assertEquals(10, r.at().atZone(TOKYO).getHour(), r.id());
        });
    }

    @Test
    void overdueReminders_neverLandOnAWeekend_evenWithoutHolidays() {
        // GIVEN a SEV1 resolved on Friday 2026-11-27: due Friday 2026-12-04 on weekdays
        Postmortem pm = postmortems.draftOnResolve(resolvedSev1().id(), "U0BOB").orElseThrow();
        assertEquals(LocalDate.of(2026, 12, 4), pm.due());

        // THEN the one-day-late reminder is Monday, not Saturday
        LocalDate oneDayLate = scheduled.get("pm-" + pm.incident() + "-overdue-1").at().atZone(TOKYO).toLocalDate();
        assertEquals(LocalDate.of(2026, 12, 7), oneDayLate);
    }

    @Test
    void dueDates_countBusinessDaysBySeverity() {
        PostmortemPolicy policy = PostmortemPolicy.defaults(TOKYO);
        LocalDate friday = LocalDate.of(2026, 11, 27);

        assertEquals(LocalDate.of(2026, 12, 4), policy.dueDate(friday, Severity.SEV1));
        assertEquals(LocalDate.of(2026, 12, 8), policy.dueDate(friday, Severity.SEV2));
        assertEquals(LocalDate.of(2026, 12, 11), policy.dueDate(friday, Severity.SEV3));
        assertEquals(LocalDate.of(2026, 12, 18), policy.dueDate(friday, Severity.SEV4));
    }
}
