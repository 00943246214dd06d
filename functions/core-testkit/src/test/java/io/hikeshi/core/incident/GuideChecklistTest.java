package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.GuideChecklist.Click;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.testkit.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ticking a posted response guide: each change of a step recorded once, from what the clicker changed. */
class GuideChecklistTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:12:45Z");
    private static final String GUIDE = "C0WARROOM:1795403567.000300";
    private static final Map<Integer, String> STEPS = Map.of(1, "Acknowledge within 5 minutes", 2, "Take command",
            3, "Post a status update");

    private final MovableClock clock = new MovableClock(T0);
    private Storage store;
    private IncidentService service;
    private IncidentId id;

    @BeforeEach
    void setUp() {
        store = InMemoryStorage.create().ports();
        service = new IncidentService(store, clock);
        Incident incident = Incident.open(store.incidents().nextId(), "payment-api errors", Severity.SEV2, "payment-api",
                null, null, T0);
        store.incidents().commit(new Change(null, new Change.Create(incident), null, List.of()));
        id = incident.id();
    }

    private List<TimelineEntry> click(String user, Set<Integer> seen, Set<Integer> selected) {
        clock.advance(Duration.ofSeconds(5));
        return service.recordGuideClick(id, new Click(GUIDE, STEPS, seen, selected), user);
    }

    private List<TimelineEntry> guideEntries() {
        return store.incidents().timeline(id, 100).stream().filter(e -> e.kind() == TimelineKind.GUIDE_STEP).toList();
    }

    @Test
    void aTick_recordsOneEntry_namingWhoAndTheStep_inBothLanguages() {
        List<TimelineEntry> recorded = click("U0ALICE", Set.of(), Set.of(2));

        assertEquals(1, recorded.size());
        TimelineEntry tick = guideEntries().get(0);
        assertEquals("U0ALICE", tick.actor());
        assertEquals(Map.of("variant", "ticked", "step", "Take command"), tick.params());
        assertEquals("U0ALICE ticked \"Take command\"", TimelineText.render(tick, Messages.of(Messages.ENGLISH)));
        assertEquals("U0ALICE が「Take command」を完了にしました", TimelineText.render(tick, Messages.of(Messages.JAPANESE)));
        assertEquals("guide step", TimelineText.kind(TimelineKind.GUIDE_STEP, Messages.of(Messages.ENGLISH)));
        assertTrue(service.guideState(id, GUIDE).get(2).ticked());
        assertEquals("U0ALICE", service.guideState(id, GUIDE).get(2).by());
    }

    @Test
    void theSameClickTwice_orTheSameTickByTwoPeople_recordsTheStepOnce() {
        click("U0ALICE", Set.of(), Set.of(2));

        assertEquals(List.of(), click("U0ALICE", Set.of(), Set.of(2)), "a redelivered click");
        assertEquals(List.of(), click("U0BOB", Set.of(), Set.of(2)), "Bob ticked it on a copy drawn before Alice did");
        assertEquals(1, guideEntries().size());
    }

    @Test
    void aClickOnACopyDrawnBeforeSomeoneElsesTick_changesOnlyWhatItsClickerChanged() {
        click("U0ALICE", Set.of(), Set.of(1));

        // Bob's checklist was drawn before Alice's tick: step 1 is not ticked there, and he ticks step 3
        List<TimelineEntry> bobs = click("U0BOB", Set.of(), Set.of(3));

        assertEquals(1, bobs.size());
        assertEquals("Post a status update", bobs.get(0).params().get("step"));
        Map<Integer, GuideChecklist.Tick> state = service.guideState(id, GUIDE);
        assertTrue(state.get(1).ticked(), "Alice's tick stands");
        assertTrue(state.get(3).ticked());
    }

    @Test
    void anUntick_isRecorded_andATickAfterItAgain() {
        click("U0ALICE", Set.of(), Set.of(1, 2));
        List<TimelineEntry> untick = click("U0BOB", Set.of(1, 2), Set.of(2));
        List<TimelineEntry> again = click("U0ALICE", Set.of(2), Set.of(1, 2));

        assertEquals(1, untick.size());
        assertEquals("U0BOB unticked \"Acknowledge within 5 minutes\"",
                TimelineText.render(untick.get(0), Messages.of(Messages.ENGLISH)));
        assertEquals("U0BOB が「Acknowledge within 5 minutes」の完了を取り消しました",
                TimelineText.render(untick.get(0), Messages.of(Messages.JAPANESE)));
        assertEquals(1, again.size());
        assertEquals(4, guideEntries().size(), "two ticks, an untick, a tick");
        assertEquals(new GuideChecklist.Tick(true, "U0ALICE", again.get(0).at(), 3), service.guideState(id, GUIDE).get(1));
        assertEquals(List.of(), click("U0BOB", Set.of(2), Set.of()).stream()
                .filter(e -> !e.params().get("step").equals("Take command")).toList(), "only step 2 changed");
    }

    @Test
    void twoClicksDecidingAtOnce_writeTheSameEntryId_soTheStoreKeepsOne() {
        Click click = new Click(GUIDE, STEPS, Set.of(), Set.of(3));
        Map<Integer, GuideChecklist.Tick> before = service.guideState(id, GUIDE);
        TimelineEntry alices = GuideChecklist.entries(id, click, before, "U0ALICE", T0).get(0);
        TimelineEntry bobs = GuideChecklist.entries(id, click, before, "U0BOB", T0).get(0);

        assertEquals(alices.entryId(), bobs.entryId());
        assertEquals(CommitResult.COMMITTED, store.incidents().commit(new Change(null, null, null, List.of(alices), List.of())));
        assertFalse(store.incidents().commit(new Change(null, null, null, List.of(bobs), List.of())) == CommitResult.COMMITTED);
    }

    @Test
    void guidesPostedTwice_areTickedApart_andAStepsWordsAreKeptToASaneLength() {
        String raised = "C0WARROOM:1795409999.000100";
        String longStep = "x".repeat(500);
        service.recordGuideClick(id, new Click(raised, Map.of(1, longStep), Set.of(), Set.of(1)), "U0ALICE");

        assertEquals(Map.of(), service.guideState(id, GUIDE));
        assertTrue(service.guideState(id, raised).get(1).ticked());
        String kept = guideEntries().get(0).params().get("step");
        assertEquals(GuideChecklist.STEP_KEPT, kept.codePointCount(0, kept.length()));
        assertTrue(kept.endsWith("…"));
    }

    @Test
    void aClickThatChangesNothing_recordsNothing() {
        assertEquals(List.of(), click("U0ALICE", Set.of(), Set.of()));
        assertEquals(List.of(), click("U0ALICE", Set.of(1), Set.of(1)));
        assertEquals(List.of(), guideEntries());
    }
}
