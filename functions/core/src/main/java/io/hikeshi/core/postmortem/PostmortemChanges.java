package io.hikeshi.core.postmortem;

import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a saved postmortem change puts on the incident's timeline: who owns it now, and each action item
 * added, reworded, (re)assigned, (re)dated, done or reopened, deleted. Derived from before and after, so
 * every way of changing a postmortem is recorded alike. Section edits are not: the postmortem keeps them.
 * Said not to be needed (with the reason), or needed again, is an entry of its own kind.
 */
final class PostmortemChanges {

    private PostmortemChanges() { }

    /**
     * @param after the postmortem as saved: its version names the entries, so the same save
     *              recorded twice is one set of entries
     */
    static List<TimelineEntry> entries(Postmortem before, Postmortem after, String by, Instant at) {
        List<Fact> facts = new ArrayList<>();
        if (after.isNotNeeded() && !after.notNeeded().equals(before.notNeeded())) {
            facts.add(new Fact(TimelineKind.POSTMORTEM_NOT_NEEDED, TimelineParams.postmortemNotNeeded(),
                    after.notNeeded().reason()));
        } else if (before.isNotNeeded() && !after.isNotNeeded()) {
            facts.add(new Fact(TimelineKind.POSTMORTEM_NOT_NEEDED, TimelineParams.postmortemNeededAgain(), null));
        }
        if (after.owner() != null && !after.owner().equals(before.owner())) {
            facts.add(new Fact(TimelineParams.postmortemOwner(after.owner()), null));
        }
        for (ActionItem item : after.actionItems()) {
            before.actionItem(item.id()).ifPresentOrElse(was -> changed(was, item, facts),
                    () -> facts.add(new Fact(TimelineParams.actionItemAdded(), item.description())));
        }
        for (ActionItem was : before.actionItems()) {
            if (after.actionItem(was.id()).isEmpty()) {
                facts.add(new Fact(TimelineParams.actionItemDeleted(), was.description()));
            }
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = facts.get(i);
            entries.add(new TimelineEntry(after.incident(), "pm-v" + after.version() + "-" + i, at,
                    fact.kind(), by, fact.params(), fact.text(), Map.of()));
        }
        return entries;
    }

    private static void changed(ActionItem was, ActionItem now, List<Fact> facts) {
        if (!was.description().equals(now.description())) {
            facts.add(new Fact(TimelineParams.actionItemEdited(), now.description()));
        }
        if (!Objects.equals(was.owner(), now.owner())) {
            facts.add(new Fact(TimelineParams.actionItemAssigned(now.owner()), now.description()));
        }
        if (!Objects.equals(was.due(), now.due())) {
            facts.add(new Fact(TimelineParams.actionItemDue(now.due()), now.description()));
        }
        if (was.done() != now.done()) {
            facts.add(new Fact(TimelineParams.actionItemDone(now.done()), now.description()));
        }
    }

    private record Fact(TimelineKind kind, Map<String, String> params, String text) {
        /** A change of hands or of an action item. */
        Fact(Map<String, String> params, String text) {
            this(TimelineKind.POSTMORTEM_CHANGED, params, text);
        }
    }
}
