package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Action items can be fixed, so a postmortem can close: edited, reassigned, dated, done, deleted, each on the timeline. */
class PostmortemActionItemsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Friday 2026-11-27 16:00 UTC: already Saturday 01:00 in Tokyo, the team's zone. */
    private static final Clock SATURDAY_IN_TOKYO = Clock.fixed(Instant.parse("2026-11-27T16:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final Messages ENGLISH = Messages.of(Messages.ENGLISH);

    private final Storage store = InMemoryStorage.create().ports();
    private final IncidentService incidents = new IncidentService(store, SATURDAY_IN_TOKYO);
    private final ReminderScheduler noReminders = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };
    private final PostmortemService postmortems = new PostmortemService(store, noReminders,
            PostmortemPolicy.defaults(TOKYO), SATURDAY_IN_TOKYO, ENGLISH);

    private IncidentId drafted() {
        Incident incident = incidents.declare("Payment API returns 5xx", Severity.SEV2, "payment-api", "checkout failing",
                "U0ALICE", null).orElseThrow();
        incidents.assignCommander(incident.id(), "U0BOB", "U0BOB");
        incidents.postStatusUpdate(incident.id(), Status.RESOLVED, "rolled back", "U0BOB");
        postmortems.draftOnResolve(incident.id(), "U0BOB");
        return incident.id();
    }

    private void everySectionWritten(IncidentId id) {
        for (Postmortem.Section s : Postmortem.Section.values()) {
            postmortems.editSection(id, s, "text for " + s, "U0BOB");
        }
    }

    private List<String> postmortemTimeline(IncidentId id) {
        return store.incidents().timeline(id, 100).stream().filter(e -> e.kind() == TimelineKind.POSTMORTEM_CHANGED)
                .map(e -> TimelineText.render(e, ENGLISH)).toList();
    }

    @Test
    void anItemWithoutOwnerOrDueDate_blocksCompletion_untilItIsAssignedAndDated_thenItCompletes() {
        // GIVEN a postmortem whose every section is written and whose one action item has no owner nor due date
        IncidentId id = drafted();
        everySectionWritten(id);
        String item = postmortems.addActionItem(id, "Canary deploys", ActionItem.Type.PREVENT, null, null, null, "U0BOB")
                .actionItems().get(0).id();
        IncompletePostmortemException blocked = assertThrows(IncompletePostmortemException.class,
                () -> postmortems.complete(id, "U0BOB"));

        // WHEN someone assigns it and gives it a due date
        postmortems.assignActionItem(id, item, "U0CAROL", "U0BOB");
        postmortems.setActionItemDue(id, item, TODAY.plusDays(7), "U0BOB");
        Postmortem done = postmortems.complete(id, "U0BOB");

        // THEN it was blocked by that item alone, and now completes
        assertEquals(List.of("action.unassigned"), blocked.missing().stream().map(PostmortemChecklist.Missing::key).toList());
        assertTrue(done.isComplete());
        assertEquals("U0CAROL", done.actionItems().get(0).owner());
    }

    @Test
    void aDueDateBeforeTodayInTheTeamsZone_isRefused_andChangesNothing() {
        // GIVEN an action item, on a clock where it is still Friday in UTC but already Saturday in Tokyo
        IncidentId id = drafted();
        String item = postmortems.addActionItem(id, "Canary deploys", ActionItem.Type.PREVENT, "U0CAROL", TODAY, null, "U0BOB")
                .actionItems().get(0).id();
        Postmortem before = postmortems.get(id);

        // WHEN it is given Friday (today in UTC, yesterday for the team), or a new item is added due Friday
        PastDueDateException moved = assertThrows(PastDueDateException.class,
                () -> postmortems.setActionItemDue(id, item, TODAY.minusDays(1), "U0BOB"));
        assertThrows(PastDueDateException.class, () -> postmortems.addActionItem(id, "Alert sooner", ActionItem.Type.MITIGATE,
                "U0CAROL", TODAY.minusDays(1), null, "U0BOB"));

        // THEN both are refused with the dates in words, and the postmortem is as it was
        assertEquals("The due date 2026-11-27 is in the past (today is 2026-11-28): pick today or a later day.",
                moved.reason(ENGLISH));
        assertEquals(before, postmortems.get(id));
    }

    @Test
    void anItemThatBecameOverdue_canStillBeRewordedAndClosed_withoutChangingItsDate() {
        // GIVEN an action item whose due date has passed since it was set
        IncidentId id = drafted();
        Postmortem pm = postmortems.get(id);
        store.postmortems().save(pm.withActionItems(List.of(new ActionItem("a1", "Canary deploys", ActionItem.Type.PREVENT,
                "U0CAROL", TODAY.minusDays(10), null, false))));

        // WHEN it is reworded and marked done through its form, the date as it was
        Postmortem after = postmortems.reviseActionItem(id, "a1", new PostmortemService.ActionItemRevision(
                "Canary every payment-api deploy", "U0CAROL", TODAY.minusDays(10), true), "U0BOB", pm.version() + 1);

        // THEN both are saved: only a date changed to the past is refused
        assertEquals(new ActionItem("a1", "Canary every payment-api deploy", ActionItem.Type.PREVENT, "U0CAROL",
                TODAY.minusDays(10), null, true), after.actionItems().get(0));
    }

    @Test
    void everyChangeToAnItemAndTheOwner_landsOnTheTimeline_asKindAndParameters() {
        // GIVEN a drafted postmortem
        IncidentId id = drafted();

        // WHEN an item is added, reworded, reassigned, dated, done, reopened and deleted, and the owner changes
        String item = postmortems.addActionItem(id, "Canary deploys", ActionItem.Type.PREVENT, null, null, null, "U0BOB")
                .actionItems().get(0).id();
        postmortems.editActionItem(id, item, "Canary every deploy", "U0BOB");
        postmortems.assignActionItem(id, item, "U0CAROL", "U0BOB");
        postmortems.setActionItemDue(id, item, LocalDate.of(2026, 12, 4), "U0BOB");
        postmortems.setActionItemDone(id, item, true, "U0CAROL");
        postmortems.setActionItemDone(id, item, false, "U0CAROL");
        postmortems.deleteActionItem(id, item, "U0BOB");
        postmortems.reassignOwner(id, "U0DAVE", "U0BOB");

        // THEN each is one entry, said from its parameters in the reader's language
        assertEquals(List.of(
                "Action item added: Canary deploys",
                "Action item reworded: Canary every deploy",
                "Action item assigned to U0CAROL: Canary every deploy",
                "Action item due 2026-12-04: Canary every deploy",
                "Action item done: Canary every deploy",
                "Action item reopened: Canary every deploy",
                "Action item deleted: Canary every deploy",
                "Postmortem owner → U0DAVE"), postmortemTimeline(id));
        assertEquals("U0DAVE", postmortems.get(id).owner());
        TimelineEntry owner = store.incidents().timeline(id, 100).getLast();
        assertEquals("U0BOB", owner.actor());
        assertEquals("U0DAVE", owner.params().get("owner"));
    }

    @Test
    void aSameValueAgain_orDeletingWhatIsGone_savesNothing_andRecordsNothing() {
        // GIVEN an action item already done, then deleted
        IncidentId id = drafted();
        String item = postmortems.addActionItem(id, "Canary deploys", ActionItem.Type.PREVENT, "U0CAROL", TODAY, null, "U0BOB")
                .actionItems().get(0).id();
        postmortems.setActionItemDone(id, item, true, "U0CAROL");
        long version = postmortems.get(id).version();

        // WHEN it is marked done again (a double click), then deleted twice
        postmortems.setActionItemDone(id, item, true, "U0CAROL");
        long afterRepeat = postmortems.get(id).version();
        postmortems.deleteActionItem(id, item, "U0BOB");
        postmortems.deleteActionItem(id, item, "U0BOB");

        // THEN the repeat saved nothing, and the item was deleted once
        assertEquals(version, afterRepeat);
        assertEquals(List.of("Action item added: Canary deploys", "Action item done: Canary deploys",
                "Action item deleted: Canary deploys"), postmortemTimeline(id));
    }

    @Test
    void anItemThatIsGone_orABlankDescription_isRefusedWithAReason() {
        // GIVEN a postmortem with no action item "gone"
        IncidentId id = drafted();

        // WHEN someone edits the missing item, or adds one without words
        Refusal gone = assertThrows(Refusal.class, () -> postmortems.setActionItemDone(id, "gone", true, "U0BOB"));
        Refusal blank = assertThrows(Refusal.class,
                () -> postmortems.addActionItem(id, "  ", ActionItem.Type.PREVENT, null, null, null, "U0BOB"));

        // THEN each says why, and nothing was added
        assertEquals("The postmortem of INC-0001 has no such action item any more: it may have been deleted.",
                gone.reason(ENGLISH));
        assertEquals("An action item needs a description.", blank.reason(ENGLISH));
        assertEquals(List.of(), postmortems.get(id).actionItems());
    }

    @Test
    void aSaveFromAFormOpenedBeforeAColleaguesSave_isRefused_andTheirWordsStay() {
        // GIVEN two people open the Impact form at the same version, and the first saves
        IncidentId id = drafted();
        long opened = postmortems.get(id).version();
        postmortems.editSection(id, Postmortem.Section.IMPACT, "18% of checkouts failed", "U0ALICE", opened);

        // WHEN the second saves from their older form
        StalePostmortemException stale = assertThrows(StalePostmortemException.class, () -> postmortems.editSection(id,
                Postmortem.Section.IMPACT, "some checkouts failed", "U0BOB", opened));

        // THEN it is refused, saying so, and the first save's words are the record
        assertTrue(stale.reason(ENGLISH).startsWith("Someone changed the postmortem of INC-0001 after you opened this form."));
        assertEquals("18% of checkouts failed", postmortems.get(id).impact());
    }
}
