package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person has to finish, for their App Home: their own open postmortems and action items, overdue ones marked. */
class PostmortemAssignmentsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Friday 2026-11-27 16:00 UTC: already Saturday 2026-11-28 in Tokyo, the team's zone. */
    private static final Clock SATURDAY_IN_TOKYO = Clock.fixed(Instant.parse("2026-11-27T16:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final String ALICE = "U0ALICE";
    private static final String BOB = "U0BOB";

    private final Storage store = InMemoryStorage.create().ports();
    private final PostmortemService postmortems = new PostmortemService(store, new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    }, PostmortemPolicy.defaults(TOKYO), SATURDAY_IN_TOKYO, Messages.of(Messages.ENGLISH));

    private static Postmortem postmortem(int number, String owner, LocalDate due, ActionItem... items) {
        return new Postmortem(new IncidentId(number), "Incident " + number, TODAY.minusDays(10), List.of(), owner, due,
                null, null, null, null, null, null, List.of(items), null, null, null, null, null, 0);
    }

    private static ActionItem item(String id, String owner, LocalDate due, boolean done) {
        return new ActionItem(id, "Do " + id, ActionItem.Type.PREVENT, owner, due, null, done);
    }

    private void saved(Postmortem pm) {
        assertEquals(true, store.postmortems().save(pm));
    }

    @Test
    void aPerson_getsTheOpenPostmortemsTheyOwn_earliestDueFirst_theLateOnesMarked_andNobodyElses() {
        // GIVEN Alice owns one postmortem due yesterday (in Tokyo) and one due today; Bob owns another; Alice's third is complete
        saved(postmortem(2, ALICE, TODAY));
        saved(postmortem(1, ALICE, TODAY.minusDays(1)));
        saved(postmortem(3, BOB, TODAY.minusDays(5)));
        saved(postmortem(4, ALICE, TODAY.minusDays(9)).completed(ALICE, SATURDAY_IN_TOKYO.instant()));

        // WHEN Alice's assignments are read
        Assignments alice = postmortems.assignedTo(ALICE);

        // THEN she gets her two open ones, the one due yesterday first and overdue, today's not (due today is on time)
        assertEquals(List.of("INC-0001 overdue", "INC-0002 on time"), alice.postmortems().stream()
                .map(o -> o.postmortem().incident() + (o.overdue() ? " overdue" : " on time")).toList());
    }

    @Test
    void aPerson_getsTheActionItemsTheyHold_inOpenPostmortemsOnly_notDone_byDueDate_undatedLast() {
        // GIVEN Alice holds items in postmortems Bob owns: one late, one dated, one undated, one done; another in a complete
        // postmortem; Bob holds one beside them
        saved(postmortem(1, BOB, TODAY.plusDays(3), item("undated", ALICE, null, false), item("bobs", BOB, TODAY, false),
                item("late", ALICE, TODAY.minusDays(2), false)));
        saved(postmortem(2, BOB, TODAY.plusDays(5), item("next-week", ALICE, TODAY.plusDays(7), false),
                item("finished", ALICE, TODAY.minusDays(1), true)));
        saved(postmortem(3, BOB, TODAY.minusDays(9), item("closed-pm", ALICE, TODAY.minusDays(3), false))
                .completed(BOB, SATURDAY_IN_TOKYO.instant()));

        // WHEN Alice's assignments are read
        Assignments alice = postmortems.assignedTo(ALICE);

        // THEN she owns no postmortem, and holds three items, by due date, the undated last, the late one marked
        assertEquals(List.of(), alice.postmortems());
        assertEquals(List.of("late INC-0001 overdue", "next-week INC-0002 on time", "undated INC-0001 on time"),
                alice.actionItems().stream().map(a -> a.item().id() + " " + a.incident()
                        + (a.overdue() ? " overdue" : " on time")).toList());
    }

    @Test
    void somebodyWithNothingToFinish_getsNothing() {
        // GIVEN postmortems owned and held by Bob alone
        saved(postmortem(1, BOB, TODAY, item("bobs", BOB, TODAY, false)));

        // WHEN Alice's assignments are read
        Assignments alice = postmortems.assignedTo(ALICE);

        // THEN she has nothing to finish
        assertEquals(new Assignments(List.of(), List.of()), alice);
    }
}
