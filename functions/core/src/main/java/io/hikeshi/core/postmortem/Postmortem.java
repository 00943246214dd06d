package io.hikeshi.core.postmortem;

import io.hikeshi.core.incident.IncidentId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The postmortem of one incident, in the shape of the Google SRE book's example postmortem:
 * summary, impact, root causes, trigger, resolution, detection, action items, lessons learned
 * (what went well, what went wrong, where we got lucky) and the timeline (taken from the
 * incident's own timeline when rendered, so it is never copied stale).
 *
 * @param owner       who must finish it (a Slack user id): the commander by default
 * @param due         when it must pass its checklist
 * @param completedBy who marked it complete, null while open
 * @param version     optimistic-locking version; 0 when not stored yet
 * @param requirement what the team's policy asked of its incident when it was drafted: REQUIRED (reminded, can be
 *                    overdue) or OPTIONAL (neither); kept with it, so a later change of policy does not start or
 *                    stop reminders of postmortems already drafted
 * @param notNeeded   the commander's "not needed, because …", null unless someone said so
 */
public record Postmortem(IncidentId incident, String title, LocalDate date, List<String> authors, String owner,
                         LocalDate due, String summary, String impact, String rootCauses, String trigger,
                         String resolution, String detection, List<ActionItem> actionItems, String wentWell,
                         String wentWrong, String gotLucky, String completedBy, Instant completedAt, long version,
                         PostmortemPolicy.Requirement requirement, NotNeeded notNeeded) {

    public Postmortem {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(title, "title");
        authors = authors == null ? List.of() : List.copyOf(authors);
        actionItems = actionItems == null ? List.of() : List.copyOf(actionItems);
        requirement = requirement == null ? PostmortemPolicy.Requirement.REQUIRED : requirement;
        if (requirement == PostmortemPolicy.Requirement.NONE) {
            throw new IllegalArgumentException("a postmortem that is not needed at all is never drafted");
        }
    }

    /** A required postmortem that nobody said is not needed. */
    public Postmortem(IncidentId incident, String title, LocalDate date, List<String> authors, String owner,
                      LocalDate due, String summary, String impact, String rootCauses, String trigger,
                      String resolution, String detection, List<ActionItem> actionItems, String wentWell,
                      String wentWrong, String gotLucky, String completedBy, Instant completedAt, long version) {
        this(incident, title, date, authors, owner, due, summary, impact, rootCauses, trigger, resolution, detection,
                actionItems, wentWell, wentWrong, gotLucky, completedBy, completedAt, version, null, null);
    }

    /**
     * Someone who may decide it (the commander, by default) said the incident needs no postmortem, and why.
     *
     * @param by a Slack user id
     */
    public record NotNeeded(String reason, String by, Instant at) {
        public NotNeeded {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    public enum Status { DRAFT, IN_REVIEW, COMPLETE, NOT_NEEDED }

    /**
     * Draft while parts are missing, in review once the checklist passes, complete once someone says so; not needed
     * once someone who may says so.
     */
    public Status status() {
        if (completedAt != null) {
            return Status.COMPLETE;
        }
        if (notNeeded != null) {
            return Status.NOT_NEEDED;
        }
        return PostmortemChecklist.missing(this).isEmpty() ? Status.IN_REVIEW : Status.DRAFT;
    }

    public boolean isNotNeeded() {
        return notNeeded != null;
    }

    /** Still to be written: neither complete nor said not to be needed. */
    public boolean isOpen() {
        return completedAt == null && notNeeded == null;
    }

    /** Open and required: its reminders speak, and it can be overdue. */
    public boolean isReminded() {
        return isOpen() && requirement == PostmortemPolicy.Requirement.REQUIRED;
    }

    public boolean isComplete() {
        return completedAt != null;
    }

    /** Whether {@code person} owns it or holds one of its action items that is not done. */
    public boolean involves(String person) {
        return person != null && (person.equals(owner)
                || actionItems.stream().anyMatch(a -> !a.done() && person.equals(a.owner())));
    }

    /** The editable sections, by name (the Slack modals and the checklist use these names). */
    public enum Section { SUMMARY, IMPACT, ROOT_CAUSES, TRIGGER, RESOLUTION, DETECTION, WENT_WELL, WENT_WRONG, GOT_LUCKY }

    public String section(Section s) {
        return switch (s) {
            case SUMMARY -> summary;
            case IMPACT -> impact;
            case ROOT_CAUSES -> rootCauses;
            case TRIGGER -> trigger;
            case RESOLUTION -> resolution;
            case DETECTION -> detection;
            case WENT_WELL -> wentWell;
            case WENT_WRONG -> wentWrong;
            case GOT_LUCKY -> gotLucky;
        };
    }

    public Postmortem withSection(Section s, String text) {
        String v = text == null || text.isBlank() ? null : text.strip();
        return new Postmortem(incident, title, date, authors, owner, due,
                s == Section.SUMMARY ? v : summary, s == Section.IMPACT ? v : impact,
                s == Section.ROOT_CAUSES ? v : rootCauses, s == Section.TRIGGER ? v : trigger,
                s == Section.RESOLUTION ? v : resolution, s == Section.DETECTION ? v : detection, actionItems,
                s == Section.WENT_WELL ? v : wentWell, s == Section.WENT_WRONG ? v : wentWrong,
                s == Section.GOT_LUCKY ? v : gotLucky, completedBy, completedAt, version, requirement, notNeeded);
    }

    public Postmortem withActionItems(List<ActionItem> items) {
        return new Postmortem(incident, title, date, authors, owner, due, summary, impact, rootCauses, trigger, resolution,
                detection, items, wentWell, wentWrong, gotLucky, completedBy, completedAt, version, requirement, notNeeded);
    }

    /** The action item with this id, if there is one. */
    public java.util.Optional<ActionItem> actionItem(String itemId) {
        return actionItems.stream().filter(a -> a.id().equals(itemId)).findFirst();
    }

    /** The same postmortem with {@code item} in place of the action item of the same id. */
    public Postmortem withActionItem(ActionItem item) {
        return withActionItems(actionItems.stream().map(a -> a.id().equals(item.id()) ? item : a).toList());
    }

    public Postmortem withoutActionItem(String itemId) {
        return withActionItems(actionItems.stream().filter(a -> !a.id().equals(itemId)).toList());
    }

    public Postmortem withOwner(String newOwner, LocalDate newDue) {
        return new Postmortem(incident, title, date, authors, newOwner, newDue, summary, impact, rootCauses, trigger,
                resolution, detection, actionItems, wentWell, wentWrong, gotLucky, completedBy, completedAt, version,
                requirement, notNeeded);
    }

    public Postmortem withAuthor(String author) {
        if (author == null || authors.contains(author)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(authors);
        more.add(author);
        return new Postmortem(incident, title, date, more, owner, due, summary, impact, rootCauses, trigger, resolution,
                detection, actionItems, wentWell, wentWrong, gotLucky, completedBy, completedAt, version, requirement, notNeeded);
    }

    public Postmortem completed(String by, Instant at) {
        return new Postmortem(incident, title, date, authors, owner, due, summary, impact, rootCauses, trigger, resolution,
                detection, actionItems, wentWell, wentWrong, gotLucky, by, at, version, requirement, notNeeded);
    }

    public Postmortem stored(long newVersion) {
        return new Postmortem(incident, title, date, authors, owner, due, summary, impact, rootCauses, trigger, resolution,
                detection, actionItems, wentWell, wentWrong, gotLucky, completedBy, completedAt, newVersion, requirement,
                notNeeded);
    }

    /** The same postmortem, said not to be needed (or, with null, needed again). */
    public Postmortem withNotNeeded(NotNeeded decision) {
        return new Postmortem(incident, title, date, authors, owner, due, summary, impact, rootCauses, trigger, resolution,
                detection, actionItems, wentWell, wentWrong, gotLucky, completedBy, completedAt, version, requirement,
                decision);
    }

    /** The same postmortem with what the team's policy asks of it. */
    public Postmortem withRequirement(PostmortemPolicy.Requirement newRequirement) {
        return new Postmortem(incident, title, date, authors, owner, due, summary, impact, rootCauses, trigger, resolution,
                detection, actionItems, wentWell, wentWrong, gotLucky, completedBy, completedAt, version, newRequirement,
                notNeeded);
    }
}
