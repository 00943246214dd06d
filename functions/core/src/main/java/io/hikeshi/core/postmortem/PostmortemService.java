package io.hikeshi.core.postmortem;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentNotFoundException;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineParams;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.people.PeopleService;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.postmortem.ReminderScheduler.Kind;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.alert.StoreContentionException;
import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.store.Backoff;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * No postmortem is forgotten: a draft on resolve, an owner and a due date by severity, edits that
 * never overwrite each other, completion only when the checklist passes, and reminders that stop
 * the moment it is complete.
 */
public final class PostmortemService {

    /** Who a fired reminder speaks to. */
    public enum Audience { OWNER, WAR_ROOM, ESCALATION }

    /** A reminder that should speak: what to say and to whom. */
    public record Notice(Reminder reminder, Audience audience, Postmortem postmortem, Incident incident,
                         List<PostmortemChecklist.Missing> missing) { }

    /** Saves whatever version is stored: for edits that cannot overwrite anyone's words (one field of one item). */
    public static final long ANY_VERSION = -1;

    private static final Duration LEDGER_TTL = Duration.ofDays(90);
    private static final int MAX_ATTEMPTS = 10;
    private static final int[] OVERDUE_DAYS = {1, 3, 7};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The actor of what Hikeshi itself records (the policy's "no postmortem"). */
    private static final String SYSTEM = "hikeshi";

    private final PostmortemRepository postmortems;
    private final IncidentRepository incidents;
    private final SideEffectLedger ledger;
    private final ReminderScheduler scheduler;
    private final PostmortemPolicy policy;
    private final Clock clock;
    private final Clock calendar;
    private final Messages language;
    private final ServiceOwners serviceOwners;
    private final PeopleService people;

    /** @param language the team's language, which the draft is written in */
    public PostmortemService(Storage storage, ReminderScheduler scheduler, PostmortemPolicy policy, Clock clock,
                             Messages language) {
        this(storage, scheduler, policy, clock, clock, language);
    }

    /** Without configured services: a postmortem nobody commanded or resolved in person has no owner. */
    public PostmortemService(Storage storage, ReminderScheduler scheduler, PostmortemPolicy policy, Clock clock,
                             Clock calendar, Messages language) {
        this(storage, scheduler, policy, clock, calendar, language, service -> List.of());
    }

    /**
     * @param clock    when people act (completion is stamped with it)
     * @param calendar the time reminders and the digest go by: the same clock in AWS; local mode can
     *                 move it forward to show a week of reminders now, while people keep real time
     * @param language the team's language: the draft is written once, in it, and is the team's text from then on
     * @param serviceOwners the people who own a service (Slack user ids, first the one to ask): who owns the
     *                      postmortem of an incident nobody commanded and a monitor resolved
     */
    public PostmortemService(Storage storage, ReminderScheduler scheduler, PostmortemPolicy policy, Clock clock,
                             Clock calendar, Messages language, ServiceOwners serviceOwners) {
        this.postmortems = storage.postmortems();
        this.incidents = storage.incidents();
        this.ledger = storage.ledger();
        this.scheduler = scheduler;
        this.policy = policy;
        this.clock = clock;
        this.calendar = calendar;
        this.language = Objects.requireNonNull(language, "language");
        this.serviceOwners = Objects.requireNonNull(serviceOwners, "serviceOwners");
        this.people = new PeopleService(storage.people(), clock);
    }

    /** Who owns a service, as the team configured it. */
    @FunctionalInterface
    public interface ServiceOwners {
        /** Slack user ids, the first the one a postmortem goes to; empty when nobody is named. */
        List<String> of(String service);
    }

    public Optional<Postmortem> find(IncidentId id) {
        return postmortems.find(id);
    }

    public Postmortem get(IncidentId id) {
        return postmortems.find(id).orElseThrow(() -> new Refusal("refusal.postmortem.none", id.toString()));
    }

    /**
     * On resolve: drafts the postmortem (once) and, when the team's policy requires one, schedules its reminders
     * (again is harmless). Empty when the policy needs none for the incident's severity.
     */
    public Optional<Postmortem> draftOnResolve(IncidentId id, String resolvedBy) {
        Optional<Postmortem> pm = draft(id, resolvedBy);
        pm.filter(Postmortem::isReminded).ifPresent(p -> reminders(p).forEach(scheduler::schedule));
        return pm;
    }

    /**
     * The postmortem, drafted now if it was not yet: whoever gets "resolved" first drafts it (the draft is saved
     * only if absent, so two at once write one), and schedules nothing. Empty, and said once on the timeline, when
     * the team's policy needs no postmortem for the incident's severity.
     */
    public Optional<Postmortem> draft(IncidentId id, String resolvedBy) {
        Optional<Postmortem> existing = postmortems.find(id);
        if (existing.isPresent()) {
            return existing;
        }
        Incident incident = incidents.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
        PostmortemPolicy.Requirement requirement = policy.requirement(incident.severity());
        if (requirement == PostmortemPolicy.Requirement.NONE) {
            record(List.of(noPostmortem(incident)));
            return Optional.empty();
        }
        postmortems.save(draft(incident, incidents.timeline(id, 2000), resolvedBy).withRequirement(requirement));
        return postmortems.find(id);
    }

    /**
     * "No postmortem: the policy needs none for SEV4", at the moment it resolved: a redelivered "resolved" writes
     * the same entry (the timeline keeps one), a later resolve after a reopen its own.
     */
    private TimelineEntry noPostmortem(Incident incident) {
        Instant at = incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant();
        return new TimelineEntry(incident.id(), "pm-none-" + at.toEpochMilli(), at, TimelineKind.POSTMORTEM_NOT_NEEDED,
                SYSTEM, TimelineParams.noPostmortemByPolicy(incident.severity()), null, Map.of());
    }

    /** Steps of telling people a draft is written, each done once (a redelivered "resolved" repeats none). */
    public enum DraftNotice { OWNER, WAR_ROOM }

    /** Whether this notice of the draft is still to be given. */
    public boolean toGive(IncidentId id, DraftNotice notice) {
        return !ledger.isDone(draftNoticeKey(id, notice));
    }

    /** Call once the notice went out. */
    public void given(IncidentId id, DraftNotice notice) {
        ledger.markDone(draftNoticeKey(id, notice), calendar.instant().plus(LEDGER_TTL));
    }

    private static String draftNoticeKey(IncidentId id, DraftNotice notice) {
        return "drafted:" + notice.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }

    /** Before the due date to the owner, on it to the war room, after it escalating (1, 3, 7 business days). */
    public List<Reminder> reminders(Postmortem pm) {
        return allReminders(pm).stream().filter(r -> r.at().isAfter(calendar.instant())).toList();
    }

    /** Every reminder a postmortem ever gets, past or future: ids are stable, so they can be deleted. */
    private List<Reminder> allReminders(Postmortem pm) {
        String inc = pm.incident().toString();
        List<Reminder> reminders = new ArrayList<>();
        reminders.add(new Reminder("pm-" + inc + "-before", inc, Kind.BEFORE_DUE, at(policy.reminderDay(pm.due(), -1))));
        reminders.add(new Reminder("pm-" + inc + "-due", inc, Kind.DUE, at(pm.due())));
        for (int days : OVERDUE_DAYS) {
            reminders.add(new Reminder("pm-" + inc + "-overdue-" + days, inc, Kind.OVERDUE, at(policy.reminderDay(pm.due(), days))));
        }
        return reminders;
    }

    private java.time.Instant at(LocalDate day) {
        return day.atTime(policy.reminderTime()).atZone(policy.zone()).toInstant();
    }

    public Postmortem editSection(IncidentId id, Postmortem.Section section, String text, String by) {
        return editSection(id, section, text, by, ANY_VERSION);
    }

    /**
     * Replaces a section's text with what a form opened at {@code readVersion} says.
     *
     * @throws StalePostmortemException when someone saved since the form was opened: their words stay
     */
    public Postmortem editSection(IncidentId id, Postmortem.Section section, String text, String by, long readVersion) {
        return change(id, readVersion, by, pm -> pm.withSection(section, text).withAuthor(by));
    }

    /**
     * Adds an action item; owner and due date may wait (the checklist then lists it as unassigned).
     *
     * @throws PastDueDateException when {@code due} is before today in the team's time zone
     */
    public Postmortem addActionItem(IncidentId id, String description, ActionItem.Type type, String owner, LocalDate due,
                                    String trackingLink, String by) {
        ActionItem item = new ActionItem(UUID.randomUUID().toString().substring(0, 8), described(description), type,
                blankAsNull(owner), due, trackingLink, false);
        return change(id, ANY_VERSION, by, pm -> {
            List<ActionItem> items = new ArrayList<>(pm.actionItems());
            items.add(item);
            return pm.withActionItems(items).withAuthor(by);
        });
    }

    /** An action item as a person wants it now (from its form): every field, as it should be after the save. */
    public record ActionItemRevision(String description, String owner, LocalDate due, boolean done) { }

    /**
     * Sets an action item to {@code wanted} in one save, each difference on the timeline; a due date only
     * refused when it is changed to a past day (an item that became overdue can still be reworded).
     *
     * @throws StalePostmortemException when someone saved since the form was opened at {@code readVersion}
     * @throws PastDueDateException     when the due date is changed to a day before today
     */
    public Postmortem reviseActionItem(IncidentId id, String itemId, ActionItemRevision wanted, String by,
                                       long readVersion) {
        String description = described(wanted.description());
        return changeItem(id, itemId, readVersion, by, a -> a.withDescription(description)
                .withOwner(blankAsNull(wanted.owner())).withDue(wanted.due()).withDone(wanted.done()));
    }

    public Postmortem editActionItem(IncidentId id, String itemId, String description, String by) {
        String described = described(description);
        return changeItem(id, itemId, ANY_VERSION, by, a -> a.withDescription(described));
    }

    /** @param owner a Slack user id, or null to leave it unassigned */
    public Postmortem assignActionItem(IncidentId id, String itemId, String owner, String by) {
        return changeItem(id, itemId, ANY_VERSION, by, a -> a.withOwner(blankAsNull(owner)));
    }

    /** @throws PastDueDateException when {@code due} is before today in the team's time zone */
    public Postmortem setActionItemDue(IncidentId id, String itemId, LocalDate due, String by) {
        return changeItem(id, itemId, ANY_VERSION, by, a -> a.withDue(due));
    }

    public Postmortem setActionItemDone(IncidentId id, String itemId, boolean done, String by) {
        return changeItem(id, itemId, ANY_VERSION, by, a -> a.withDone(done));
    }

    /** Deletes an action item; deleting one already gone changes nothing. */
    public Postmortem deleteActionItem(IncidentId id, String itemId, String by) {
        return deleteActionItem(id, itemId, by, ANY_VERSION);
    }

    /** @throws StalePostmortemException when someone saved since the form was opened at {@code readVersion} */
    public Postmortem deleteActionItem(IncidentId id, String itemId, String by, long readVersion) {
        return change(id, readVersion, by, pm -> pm.withoutActionItem(itemId));
    }

    /** Hands the postmortem to {@code owner}: the reminders, which read the owner when they fire, follow. */
    public Postmortem reassignOwner(IncidentId id, String owner, String by) {
        String newOwner = Objects.requireNonNull(blankAsNull(owner), "owner");
        return change(id, ANY_VERSION, by, pm -> pm.withOwner(newOwner, pm.due()));
    }

    /**
     * Records completion (who, when) if the checklist passes, and deletes the pending reminders.
     *
     * @throws IncompletePostmortemException naming what is missing
     */
    public Postmortem complete(IncidentId id, String by) {
        Postmortem current = get(id);
        if (current.isComplete()) {
            return current;
        }
        List<PostmortemChecklist.Missing> missing = PostmortemChecklist.missing(current);
        if (!missing.isEmpty()) {
            throw new IncompletePostmortemException(id.toString(), missing);
        }
        Postmortem done = change(id, ANY_VERSION, by, pm -> pm.completed(by, clock.instant()));
        allReminders(done).forEach(r -> scheduler.cancel(r.id()));
        return done;
    }

    /**
     * Someone who may decide it (the caller checks: {@code ActionPolicy.Action.SKIP_POSTMORTEM}) says the incident
     * needs no postmortem, and why: the reason, who and when are kept with it and put on the timeline, its reminders
     * are deleted, and it leaves the open and overdue lists and the digest. Saying it again changes nothing. It can be
     * undone by writing it: any edit makes it needed again (see {@link #change}).
     *
     * @throws Refusal when the reason is blank, or the postmortem is complete (it is the record)
     */
    public Postmortem notNeeded(IncidentId id, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new Refusal("pmp.refusal.reason");
        }
        Postmortem current = get(id);
        if (current.isNotNeeded()) {
            return current;
        }
        return change(id, ANY_VERSION, by, pm -> pm.withNotNeeded(new Postmortem.NotNeeded(reason.strip(), by,
                clock.instant())));
    }

    /**
     * A reminder fired. Re-reads the postmortem: silent (empty) when it is complete, said not to be needed, optional,
     * gone, or this reminder already spoke (a duplicate delivery).
     */
    public Optional<Notice> reminderFired(Reminder reminder) {
        if (reminder.kind() == Kind.NUDGE) {
            throw notAPostmortemReminder(reminder);
        }
        IncidentId id = IncidentId.parse(reminder.incident());
        Optional<Postmortem> pm = postmortems.find(id);
        if (pm.isEmpty() || !pm.get().isReminded() || ledger.isDone(ledgerKey(reminder))) {
            return Optional.empty();
        }
        Incident incident = incidents.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
        Audience audience = switch (reminder.kind()) {
            case BEFORE_DUE -> Audience.OWNER;
            case DUE -> Audience.WAR_ROOM;
            case OVERDUE -> Audience.ESCALATION;
            case NUDGE -> throw notAPostmortemReminder(reminder);
        };
        return Optional.of(new Notice(reminder, audience, pm.get(), incident, PostmortemChecklist.missing(pm.get())));
    }

    private static IllegalArgumentException notAPostmortemReminder(Reminder reminder) {
        return new IllegalArgumentException(reminder.id() + " is the update cadence's nudge, not a postmortem reminder");
    }

    /** Call once a reminder's message went out: a second delivery of it stays silent. */
    public void reminderDelivered(Reminder reminder) {
        ledger.markDone(ledgerKey(reminder), calendar.instant().plus(LEDGER_TTL));
    }

    /** Open postmortems the policy required, past their due date (for the weekly digest); an optional one is never late. */
    public List<Postmortem> overdue() {
        LocalDate today = LocalDate.now(calendar.withZone(policy.zone()));
        return postmortems.open(500).stream().filter(p -> p.isReminded() && p.due().isBefore(today)).toList();
    }

    /** Action items not done, across open and complete postmortems alike (for the weekly digest). */
    public List<ActionItem> openActionItems(List<Postmortem> postmortems) {
        return postmortems.stream().flatMap(p -> p.actionItems().stream()).filter(a -> !a.done()).toList();
    }

    public List<Postmortem> open() {
        return postmortems.open(500);
    }

    /**
     * Those of public incidents: what a shared channel (the weekly digest) may show. A private incident's postmortem
     * is its war room's business; one whose incident is gone is kept (nothing says it was private).
     */
    public List<Postmortem> ofPublicIncidents(List<Postmortem> list) {
        return list.stream().filter(p -> incidents.find(p.incident()).map(i -> !i.isPrivate()).orElse(true)).toList();
    }

    /**
     * What {@code person} has to finish (their App Home): the open postmortems they own and the action items not done
     * that they hold in open postmortems, overdue ones marked by the team's calendar.
     */
    public Assignments assignedTo(String person) {
        LocalDate today = LocalDate.now(calendar.withZone(policy.zone()));
        List<Postmortem> involving = postmortems.openInvolving(person);
        List<Assignments.Owned> owned = involving.stream().filter(p -> person.equals(p.owner()))
                .map(p -> new Assignments.Owned(p, Assignments.late(p.due(), today))).toList();
        List<Assignments.Assigned> held = involving.stream()
                .flatMap(p -> p.actionItems().stream().filter(a -> !a.done() && person.equals(a.owner()))
                        .map(a -> new Assignments.Assigned(p.incident(), a, Assignments.late(a.due(), today))))
                .sorted(Comparator.comparing((Assignments.Assigned a) -> a.item().due(),
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new Assignments(owned, held);
    }

    private static String ledgerKey(Reminder r) {
        return "reminder:" + r.id() + ":" + r.at();
    }

    private Postmortem changeItem(IncidentId id, String itemId, long readVersion, String by,
                                  UnaryOperator<ActionItem> edit) {
        return change(id, readVersion, by, pm -> pm.withActionItem(edit.apply(pm.actionItem(itemId)
                .orElseThrow(() -> new Refusal("refusal.pm.action.none", id.toString())))));
    }

    /**
     * Read → edit → save on the version read, again on a fresh read if someone saved in between; then
     * what changed hands or items goes on the incident's timeline. An edit that changes nothing saves nothing.
     * An edit of a postmortem said not to be needed makes it needed again (its reminders return, if required):
     * someone writing it is the best sign that it is.
     *
     * @param readVersion the version a form showed (refused if someone saved since), or {@link #ANY_VERSION}
     */
    private Postmortem change(IncidentId id, long readVersion, String by, UnaryOperator<Postmortem> edit) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Postmortem current = get(id);
            if (current.isComplete()) {
                throw new Refusal("refusal.postmortem.complete", id.toString());
            }
            if (readVersion != ANY_VERSION && current.version() != readVersion) {
                throw new StalePostmortemException(id.toString());
            }
            // Writing a postmortem said not to be needed shows it is needed after all.
            Postmortem needed = current.withNotNeeded(null);
            Postmortem next = edit.apply(needed);
            if (next.equals(needed)) {
                return current;
            }
            refusePastDueDates(current, next);
            if (postmortems.save(next)) {
                Postmortem saved = get(id);
                record(PostmortemChanges.entries(current, saved, by, clock.instant()));
                remindAsNeeded(current, saved);
                return saved;
            }
            if (!Backoff.pause(attempt)) {
                break;
            }
        }
        throw new StoreContentionException("the postmortem of " + id);
    }

    /** Said not to be needed: its reminders go; needed again (and required): its reminders still to come return. */
    private void remindAsNeeded(Postmortem before, Postmortem after) {
        if (after.isNotNeeded() && !before.isNotNeeded()) {
            allReminders(after).forEach(r -> scheduler.cancel(r.id()));
        } else if (before.isNotNeeded() && after.isReminded()) {
            reminders(after).forEach(scheduler::schedule);
        }
    }

    /** A due date set or moved to a day before today (the team's today, by the clock people act by). */
    private void refusePastDueDates(Postmortem before, Postmortem after) {
        LocalDate today = LocalDate.now(clock.withZone(policy.zone()));
        for (ActionItem item : after.actionItems()) {
            LocalDate was = before.actionItem(item.id()).map(ActionItem::due).orElse(null);
            if (item.due() != null && !item.due().equals(was) && item.due().isBefore(today)) {
                throw new PastDueDateException(item.due(), today);
            }
        }
    }

    /**
     * The timeline entries of a saved postmortem change. Written after the save, in their own put: a crash
     * between the two loses the entries, never the change (entries are history, the postmortem the record).
     */
    private void record(List<TimelineEntry> entries) {
        if (!entries.isEmpty()) {
            incidents.commit(new Change(null, null, null, entries));
        }
    }

    private static String described(String description) {
        if (description == null || description.isBlank()) {
            throw new Refusal("refusal.pm.action.description");
        }
        return description.strip();
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- the draft ----

    private Postmortem draft(Incident incident, List<TimelineEntry> timeline, String resolvedBy) {
        LocalDate resolvedOn = LocalDate.ofInstant(incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant(),
                policy.zone());
        String owner = owner(incident, timeline, resolvedBy);
        List<String> authors = owner == null ? List.of() : List.of(owner);
        return new Postmortem(incident.id(), incident.title(), resolvedOn, authors, owner,
                policy.dueDate(resolvedOn, incident.severity()), summary(incident), null, null, null,
                resolution(timeline), detection(incident, timeline), List.of(), null, null, null, null, null, 0);
    }

    /**
     * The commander; else the person who resolved it; else, when a monitor resolved it (an alarm's OK), the
     * service's first owner; else nobody, and the war room is asked to pick someone. Never a monitor.
     */
    private String owner(Incident incident, List<TimelineEntry> timeline, String resolvedBy) {
        if (incident.commander() != null) {
            return incident.commander();
        }
        boolean resolvedByMonitor = resolvedBy == null || timeline.stream()
                .anyMatch(e -> TimelineParams.byMonitor(e) && e.actor().equals(resolvedBy));
        if (!resolvedByMonitor) {
            return resolvedBy;
        }
        return serviceOwners.of(incident.service()).stream().filter(o -> o != null && !o.isBlank()).findFirst().orElse(null);
    }

    private String summary(Incident i) {
        return i.description() == null || i.description().isBlank()
                ? language.get("pm.draft.summary", i.title(), i.severity().name(), i.service())
                : language.get("pm.draft.summary.described", i.title(), i.severity().name(), i.service(), i.description());
    }

    /**
     * When and how it was detected (the opening entry, in the team's language, whoever declared it by name when
     * known) and how soon it was acknowledged.
     */
    private String detection(Incident i, List<TimelineEntry> timeline) {
        String how = timeline.stream().filter(e -> e.kind() == TimelineKind.OPENED)
                .map(e -> TimelineText.render(e, language, people.names(TimelineText.people(e)))).findFirst().orElse("");
        String when = WHEN.format(i.detectedAt().atZone(policy.zone())) + " " + policy.zone().getId();
        String ack = i.timeToAcknowledge().map(d -> language.get("pm.draft.acknowledged.after", d.toMinutes()))
                .orElse(language.get("pm.draft.never.acknowledged"));
        return language.get("pm.draft.detection", when, how, ack);
    }

    /** The last status update's summary. */
    private static String resolution(List<TimelineEntry> timeline) {
        return timeline.stream().filter(e -> e.kind() == TimelineKind.STATUS_UPDATE)
                .reduce((a, b) -> b).map(PostmortemService::summaryOf).orElse(null);
    }

    private static String summaryOf(TimelineEntry statusUpdate) {
        // Stored before entries had parameters, a status update's text was "[status] summary".
        return statusUpdate.params().isEmpty()
                ? statusUpdate.text().replaceFirst("^\\[[a-z]+\\] ", "")
                : statusUpdate.text();
    }
}
