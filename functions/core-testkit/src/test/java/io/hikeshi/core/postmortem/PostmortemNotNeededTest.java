package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.testkit.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Not every incident needs a postmortem: the team's policy decides per severity whether one is drafted and reminded,
 * and the commander can say "not needed, because …", which cancels the reminders, keeps a reminder that fires anyway
 * silent, leaves the open and overdue lists, and goes on the timeline; writing it makes it needed again.
 */
class PostmortemNotNeededTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Friday 2026-11-27 14:00 JST. */
    private static final Clock FRIDAY = Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC);
    private static final Messages EN = Messages.of(Messages.ENGLISH);
    private static final Messages JA = Messages.of(Messages.JAPANESE);

    private final Storage store = InMemoryStorage.create().ports();
    private final Map<String, ReminderScheduler.Reminder> scheduled = new TreeMap<>();
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
    private final MovableClock calendar = new MovableClock(FRIDAY.instant());
    private final IncidentService incidents = new IncidentService(store, FRIDAY);

    private PostmortemService postmortems(String requirements) {
        PostmortemPolicy policy = PostmortemPolicy.defaults(TOKYO).requiring(PostmortemPolicy.parseRequirements(requirements));
        return new PostmortemService(store, scheduler, policy, FRIDAY, calendar, EN);
    }

    /** Declared at {@code severity}, commanded by U0ALICE, resolved by U0BOB. */
    private IncidentId resolved(Severity severity) {
        Incident incident = incidents.declare("Disk 81% on batch-01", severity, "batch", null, "U0ALICE", null).orElseThrow();
        incidents.assignCommander(incident.id(), "U0ALICE", "U0ALICE");
        incidents.postStatusUpdate(incident.id(), Status.RESOLVED, "cleaned up old logs", "U0BOB");
        return incident.id();
    }

    private List<TimelineEntry> entriesOf(IncidentId id, TimelineKind kind) {
        return store.incidents().timeline(id, 100).stream().filter(e -> e.kind() == kind).toList();
    }

    // ---- the policy, per requirement ----

    @Test
    void required_isDraftedWithItsReminders_asBefore() {
        // GIVEN the default policy and a resolved SEV3
        IncidentId id = resolved(Severity.SEV3);

        // WHEN "resolved" reaches the postmortem flow
        Postmortem pm = postmortems(null).draftOnResolve(id, "U0BOB").orElseThrow();

        // THEN it is drafted, required, with its five reminders
        assertEquals(PostmortemPolicy.Requirement.REQUIRED, pm.requirement());
        assertTrue(pm.isReminded());
        assertEquals(5, scheduled.size(), scheduled.keySet().toString());
    }

    @Test
    void optional_isDrafted_butNeverReminded_orOverdue_thoughStillOpenToWrite() {
        // GIVEN the default policy (SEV4 optional) and a resolved SEV4
        IncidentId id = resolved(Severity.SEV4);
        PostmortemService postmortems = postmortems(null);

        // WHEN it is drafted, and a reminder fires anyway a month later, when the digest is made
        Postmortem pm = postmortems.draftOnResolve(id, "U0BOB").orElseThrow();
        calendar.set(FRIDAY.instant().plus(Duration.ofDays(30)));
        var fired = postmortems.reminderFired(new ReminderScheduler.Reminder("pm-" + id + "-due", id.toString(),
                ReminderScheduler.Kind.DUE, calendar.instant()));

        // THEN the draft is there, optional; no reminder was scheduled and the stray one says nothing; it is not overdue,
        // but it is open (anyone may still write it) and its status is the checklist's
        assertEquals(PostmortemPolicy.Requirement.OPTIONAL, pm.requirement());
        assertEquals(Map.of(), scheduled);
        assertTrue(fired.isEmpty());
        assertEquals(List.of(), postmortems.overdue());
        assertEquals(List.of(id), postmortems.open().stream().map(Postmortem::incident).toList());
        assertEquals(Postmortem.Status.DRAFT, pm.status());
    }

    @Test
    void none_draftsNothing_andSaysSoOnTheTimelineOnce_inTheReadersLanguage() {
        // GIVEN a team that needs no postmortem for SEV4, and a resolved SEV4
        IncidentId id = resolved(Severity.SEV4);
        PostmortemService postmortems = postmortems("SEV4=none");

        // WHEN "resolved" reaches both flows, and is redelivered
        var first = postmortems.draftOnResolve(id, "U0BOB");
        var again = postmortems.draft(id, "U0BOB");
        postmortems.draftOnResolve(id, "U0BOB");

        // THEN there is no postmortem, no reminder, and one line on the timeline saying why, in each language
        assertTrue(first.isEmpty() && again.isEmpty());
        assertTrue(postmortems.find(id).isEmpty());
        assertEquals(Map.of(), scheduled);
        List<TimelineEntry> said = entriesOf(id, TimelineKind.POSTMORTEM_NOT_NEEDED);
        assertEquals(1, said.size(), said.toString());
        assertEquals("No postmortem: the team's policy needs none for SEV4 incidents", TimelineText.render(said.get(0), EN));
        assertEquals("ポストモーテムなし：チームの方針で SEV4 のインシデントには不要です", TimelineText.render(said.get(0), JA));
        assertEquals(store.incidents().find(id).orElseThrow().resolvedAt(), said.get(0).at(), "at the moment it resolved");
    }

    // ---- "not needed, because …" ----

    @Test
    void notNeeded_keepsTheReasonWhoAndWhen_cancelsEveryReminder_andPutsTheReasonOnTheTimeline() {
        // GIVEN a required postmortem with its reminders
        IncidentId id = resolved(Severity.SEV2);
        PostmortemService postmortems = postmortems(null);
        postmortems.draftOnResolve(id, "U0BOB");
        List<String> reminderIds = List.copyOf(scheduled.keySet());

        // WHEN its commander says it is not needed
        Postmortem pm = postmortems.notNeeded(id, "  Known alarm during planned maintenance  ", "U0ALICE");

        // THEN the decision is kept with it; every reminder was cancelled by id; the timeline says who and why
        assertEquals(new Postmortem.NotNeeded("Known alarm during planned maintenance", "U0ALICE", FRIDAY.instant()),
                pm.notNeeded());
        assertEquals(Postmortem.Status.NOT_NEEDED, pm.status());
        assertEquals(pm, postmortems.get(id), "stored");
        assertEquals(reminderIds, cancelled.stream().sorted().toList());
        assertEquals(Map.of(), scheduled);
        List<TimelineEntry> said = entriesOf(id, TimelineKind.POSTMORTEM_NOT_NEEDED);
        assertEquals(1, said.size());
        assertEquals("U0ALICE", said.get(0).actor());
        assertEquals("Postmortem not needed, said U0ALICE: Known alarm during planned maintenance",
                TimelineText.render(said.get(0), EN));
        assertEquals("U0ALICE がポストモーテム不要と判断：Known alarm during planned maintenance",
                TimelineText.render(said.get(0), JA));
    }

    @Test
    void aReminderThatFiresAfterwards_saysNothing_andItLeavesTheOpenAndOverdueLists() {
        // GIVEN a required postmortem said not to be needed, and another that is simply late
        PostmortemService postmortems = postmortems(null);
        IncidentId skipped = resolved(Severity.SEV1);
        IncidentId late = resolved(Severity.SEV1);
        postmortems.draftOnResolve(skipped, "U0BOB");
        ReminderScheduler.Reminder overdue = scheduled.get("pm-" + skipped + "-overdue-1");
        postmortems.draftOnResolve(late, "U0BOB");
        postmortems.notNeeded(skipped, "Duplicate of the other one", "U0ALICE");

        // WHEN a reminder of the skipped one fires anyway (deleting a schedule can race its firing), past its due date
        calendar.set(overdue.at());
        var fired = postmortems.reminderFired(overdue);

        // THEN it says nothing; only the late one is open and overdue
        assertTrue(fired.isEmpty());
        assertEquals(List.of(late), postmortems.open().stream().map(Postmortem::incident).toList());
        assertEquals(List.of(late), postmortems.overdue().stream().map(Postmortem::incident).toList());
        assertEquals(List.of(), store.postmortems().completed(10), "not complete either: it was never written");
    }

    @Test
    void sayingItAgain_changesNothing_andTheFirstReasonStays() {
        // GIVEN a postmortem said not to be needed
        IncidentId id = resolved(Severity.SEV2);
        PostmortemService postmortems = postmortems(null);
        postmortems.draftOnResolve(id, "U0BOB");
        Postmortem first = postmortems.notNeeded(id, "Known alarm", "U0ALICE");

        // WHEN it is said again (a double click, a retried request)
        Postmortem again = postmortems.notNeeded(id, "another reason", "U0ALICE");

        // THEN nothing changed: one entry, the first reason
        assertEquals(first, again);
        assertEquals(1, entriesOf(id, TimelineKind.POSTMORTEM_NOT_NEEDED).size());
    }

    @Test
    void withoutAReason_onAComplete_orAMissingPostmortem_itIsRefused_andNothingChanges() {
        // GIVEN a drafted postmortem, a complete one, and an incident with none
        PostmortemService postmortems = postmortems(null);
        IncidentId open = resolved(Severity.SEV2);
        postmortems.draftOnResolve(open, "U0BOB");
        IncidentId complete = resolved(Severity.SEV2);
        postmortems.draftOnResolve(complete, "U0BOB");
        store.postmortems().save(postmortems.get(complete).completed("U0ALICE", FRIDAY.instant()));
        IncidentId none = incidents.declare("Still burning", Severity.SEV1, "batch", null, "U0ALICE", null)
                .orElseThrow().id();
        Postmortem before = postmortems.get(open);

        // WHEN each is said not to be needed
        Refusal blank = assertThrows(Refusal.class, () -> postmortems.notNeeded(open, "   ", "U0ALICE"));
        Refusal done = assertThrows(Refusal.class, () -> postmortems.notNeeded(complete, "late", "U0ALICE"));
        Refusal missing = assertThrows(Refusal.class, () -> postmortems.notNeeded(none, "nothing", "U0ALICE"));

        // THEN each is refused with its reason, and nothing changed
        assertEquals("pmp.refusal.reason", blank.reason().key());
        assertEquals("refusal.postmortem.complete", done.reason().key());
        assertEquals("refusal.postmortem.none", missing.reason().key());
        assertEquals(before, postmortems.get(open));
        assertEquals(List.of(), cancelled);
        assertEquals(List.of(), entriesOf(open, TimelineKind.POSTMORTEM_NOT_NEEDED));
    }

    @Test
    void writingIt_makesItNeededAgain_onTheTimeline_withTheRemindersStillToCome() {
        // GIVEN a required postmortem said not to be needed
        IncidentId id = resolved(Severity.SEV2);
        PostmortemService postmortems = postmortems(null);
        postmortems.draftOnResolve(id, "U0BOB");
        postmortems.notNeeded(id, "Known alarm", "U0ALICE");

        // WHEN someone writes its impact
        Postmortem pm = postmortems.editSection(id, Postmortem.Section.IMPACT, "Batch jobs ran 2 h late", "U0BOB");

        // THEN it is needed again, open, said so on the timeline, and its reminders are back
        assertFalse(pm.isNotNeeded());
        assertTrue(pm.isReminded());
        List<TimelineEntry> said = entriesOf(id, TimelineKind.POSTMORTEM_NOT_NEEDED);
        assertEquals(2, said.size());
        assertEquals("Postmortem needed again: U0BOB edited it", TimelineText.render(said.get(1), EN));
        assertEquals(5, scheduled.size(), scheduled.keySet().toString());
    }

    @Test
    void theMarkdownExport_showsItNotNeeded_withWhoWhenAndWhy_inEitherLanguage() {
        // GIVEN a postmortem said not to be needed, with markup in the reason
        IncidentId id = resolved(Severity.SEV2);
        PostmortemService postmortems = postmortems(null);
        postmortems.draftOnResolve(id, "U0BOB");
        Postmortem pm = postmortems.notNeeded(id, "Known alarm <script>x</script>\nduring maintenance", "U0ALICE");
        Incident incident = store.incidents().find(id).orElseThrow();

        // WHEN exported in English and Japanese
        String en = PostmortemMarkdown.render(pm, incident, store.incidents().timeline(id, 100), null, Locale.ENGLISH, TOKYO);
        String ja = PostmortemMarkdown.render(pm, incident, store.incidents().timeline(id, 100), null, Locale.JAPANESE, TOKYO);

        // THEN the status is "not needed", the reason quoted as text (its HTML inert), and no "missing before review"
        assertTrue(en.contains("| **Status** | not needed |"), en);
        assertTrue(en.contains("> **Not needed.** Said by @U0ALICE at 2026-11-27 14:00:00 JST, because:\n>\n"
                + "> Known alarm \\<script>x\\</script>\n> during maintenance"), en);
        assertFalse(en.contains("Missing before review"), en);
        assertTrue(ja.contains("| **ステータス** | 不要 |"), ja);
        assertTrue(ja.contains("> **不要と判断されました。** @U0ALICE が 2026-11-27 14:00:00 JST に判断。理由:"), ja);
    }
}
