package io.hikeshi.core.postmortem;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A follow-up from the postmortem, as in the SRE book's example: what, what kind, who, by when,
 * and where it is tracked.
 *
 * @param owner        a Slack user id, or null while unassigned
 * @param due          null while undecided
 * @param trackingLink the ticket (Jira, GitHub …), or null
 */
public record ActionItem(String id, String description, Type type, String owner, LocalDate due, String trackingLink,
                         boolean done) {

    /** The SRE book's kinds of action item. */
    public enum Type { MITIGATE, PREVENT, PROCESS, OTHER }

    public ActionItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
    }

    public ActionItem withDescription(String newDescription) {
        return new ActionItem(id, newDescription, type, owner, due, trackingLink, done);
    }

    public ActionItem withOwner(String newOwner) {
        return new ActionItem(id, description, type, newOwner, due, trackingLink, done);
    }

    public ActionItem withDue(LocalDate newDue) {
        return new ActionItem(id, description, type, owner, newDue, trackingLink, done);
    }

    public ActionItem withDone(boolean isDone) {
        return new ActionItem(id, description, type, owner, due, trackingLink, isDone);
    }

    /** Complete enough for the checklist: an owner and a due date. */
    public boolean isAssigned() {
        return owner != null && !owner.isBlank() && due != null;
    }
}
