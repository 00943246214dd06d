package io.hikeshi.core.incident;

import io.hikeshi.core.Characters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A response guide posted as a checklist, as its ticks are recorded: which steps are ticked is derived from the
 * incident's timeline ({@link TimelineKind#GUIDE_STEP} entries), the latest entry of a step deciding. The timeline is
 * the record people read anyway, so there is no second copy to drift from it.
 *
 * <p>A click says what one person's checklist showed before ({@code seen}) and after ({@code selected}); only what they
 * changed counts. So a person whose copy was drawn before someone else ticked a step does not untick it by ticking
 * another, and a click delivered twice, or the same tick by two people, changes a step once: a step already ticked is
 * not ticked again. An entry's id is the guide, the step and how many times the step changed before, so two clicks
 * deciding at the same moment write the same id and the store keeps one (the other re-reads and decides again).
 */
public final class GuideChecklist {

    /** A step's words are kept on the timeline up to this many characters (the record names the step, the guide holds it). */
    public static final int STEP_KEPT = 140;

    static final String GUIDE = "guide";
    static final String STEP_INDEX = "stepIndex";

    private GuideChecklist() { }

    /**
     * One click on a guide's checkboxes.
     *
     * @param guide    which posted guide (its message: channel and ts)
     * @param steps    the steps of the clicked group: place in the guide → words
     * @param seen     the steps of the group that were ticked on the clicker's checklist before the click
     * @param selected the steps of the group ticked after it
     */
    public record Click(String guide, Map<Integer, String> steps, Set<Integer> seen, Set<Integer> selected) {
        public Click {
            steps = Map.copyOf(steps);
            seen = Set.copyOf(seen);
            selected = Set.copyOf(selected);
        }
    }

    /** A step's state: ticked or not, by whom and when it last changed, and how many changes it has had. */
    public record Tick(boolean ticked, String by, Instant at, int changes) {
        static final Tick NEVER = new Tick(false, null, null, 0);
    }

    /** The state of each step of {@code guide} that was ever ticked, from the timeline (in time order). */
    public static Map<Integer, Tick> state(List<TimelineEntry> timeline, String guide) {
        Map<Integer, Tick> state = new HashMap<>();
        for (TimelineEntry entry : timeline) {
            if (entry.kind() == TimelineKind.GUIDE_STEP && guide.equals(entry.attributes().get(GUIDE))) {
                int step = Integer.parseInt(entry.attributes().get(STEP_INDEX));
                int changes = state.getOrDefault(step, Tick.NEVER).changes() + 1;
                state.put(step, new Tick(TimelineParams.ticked(entry), entry.actor(), entry.at(), changes));
            }
        }
        return state;
    }

    /** The entries a click adds to what {@code state} already holds: none when it changes nothing recorded. */
    public static List<TimelineEntry> entries(IncidentId incident, Click click, Map<Integer, Tick> state, String actor,
                                              Instant at) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (int step : new TreeSet<>(click.steps().keySet())) {
            boolean before = click.seen().contains(step);
            boolean after = click.selected().contains(step);
            Tick recorded = state.getOrDefault(step, Tick.NEVER);
            if (before != after && recorded.ticked() != after) {
                entries.add(entry(incident, click, step, after, recorded.changes(), actor, at));
            }
        }
        return entries;
    }

    private static TimelineEntry entry(IncidentId incident, Click click, int step, boolean ticked, int changesBefore,
                                       String actor, Instant at) {
        String words = Characters.clip(click.steps().get(step).strip(), STEP_KEPT);
        return new TimelineEntry(incident, "guide-" + click.guide() + "-" + step + "-" + changesBefore, at,
                TimelineKind.GUIDE_STEP, actor, TimelineParams.guideStep(words, ticked), "",
                Map.of(GUIDE, click.guide(), STEP_INDEX, String.valueOf(step)));
    }
}
