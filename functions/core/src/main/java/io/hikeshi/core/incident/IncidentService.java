package io.hikeshi.core.incident;

import io.hikeshi.core.Characters;
import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.alert.StoreContentionException;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.IncidentEvents;
import io.hikeshi.core.store.Backoff;
import io.hikeshi.core.store.Change;
import io.hikeshi.core.store.CommitResult;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.alert.AlertStates;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.i18n.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What people do to incidents (declare, acknowledge, status, severity, commander, notes, pins).
 *
 * <p>Each change is read → apply → conditional write on the version read; when someone else
 * wrote in between, it is re-applied to the fresh incident. So two people changing different
 * things at once both win, and a change that has become illegal (acknowledging what was just
 * resolved) fails with a clear error instead of overwriting. A change that changes nothing (taking
 * command twice, the same severity again) writes nothing: a double click is harmless.
 */
public final class IncidentService {

    private static final int MAX_ATTEMPTS = 10;
    public static final int MAX_TEXT = 3000;

    private final IncidentRepository incidents;
    private final IncidentSearch search;
    private final AlertStates alerts;
    private final Clock clock;
    private final Duration reopenWindow;
    private final Roles roles;

    /** How long after resolving an incident may be reopened, unless configured: three days. */
    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofHours(72);

    public IncidentService(Storage storage, Clock clock) {
        this(storage, clock, DEFAULT_REOPEN_WINDOW);
    }

    /** @param reopenWindow how long after resolving it an incident may be reopened; later, a new one is declared */
    public IncidentService(Storage storage, Clock clock, Duration reopenWindow) {
        this(storage, clock, reopenWindow, Roles.DEFAULT);
    }

    /** @param roles the roles the team fills besides the commander ({@code comms,scribe} by default) */
    public IncidentService(Storage storage, Clock clock, Duration reopenWindow, Roles roles) {
        Objects.requireNonNull(storage, "storage");
        this.incidents = storage.incidents();
        this.search = storage.search();
        this.alerts = storage.alerts();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reopenWindow = Objects.requireNonNull(reopenWindow, "reopenWindow");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /** The roles this team fills besides the commander. */
    public Roles roles() {
        return roles;
    }

    public Incident get(IncidentId id) {
        return incidents.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
    }

    /** Open incidents, newest first (among the most recent {@code scan}). */
    public List<Incident> openIncidents(int scan) {
        return search.recent(scan).stream().filter(Incident::isOpen).toList();
    }

    /**
     * A person declares an incident.
     *
     * @param deliveryId identifies the request (e.g. the Slack view id): a repeat declares nothing twice
     * @return the new incident, or empty if this delivery was already handled
     */
    public java.util.Optional<Incident> declare(String title, Severity severity, String service, String description,
                                                String actor, String deliveryId) {
        return declare(title, severity, service, description, actor, deliveryId, null);
    }

    /**
     * A person declares an incident from a chat message: as {@link #declare(String, Severity, String, String, String,
     * String)}, and the message is linked on the timeline, at the time it was written, in the same commit.
     *
     * @param source the message it was declared from; null: none
     */
    public java.util.Optional<Incident> declare(String title, Severity severity, String service, String description,
                                                String actor, String deliveryId, SourceMessage source) {
        return declare(title, severity, service, description, actor, deliveryId, source, Incident.Visibility.PUBLIC);
    }

    /**
     * As {@link #declare(String, Severity, String, String, String, String, SourceMessage)}, with who may see it: a
     * private incident gets a private war room and is never announced. Only a person declares one; an alert's
     * incident is always public.
     */
    public java.util.Optional<Incident> declare(String title, Severity severity, String service, String description,
                                                String actor, String deliveryId, SourceMessage source,
                                                Incident.Visibility visibility) {
        if (deliveryId != null && incidents.delivered(deliveryId)) {
            return java.util.Optional.empty(); // a repeated submission: no number is taken for it
        }
        Instant now = clock.instant();
        Incident opened = Incident.open(incidents.nextId(), title, severity, service, null, clip(description), now);
        Incident incident = visibility == Incident.Visibility.PRIVATE ? opened.declaredPrivate() : opened;
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(incident.id(), now, TimelineKind.OPENED, actor, TimelineParams.declared(), clip(description)));
        if (source != null) {
            entries.add(sourceEntry(incident.id(), source));
        }
        CommitResult result = incidents.commit(new Change(deliveryId, new Change.Create(incident), null, entries,
                List.of(IncidentEvents.opened(incident, actor, source))));
        return result == CommitResult.COMMITTED ? incidents.find(incident.id()) : java.util.Optional.empty();
    }

    /** The message an incident was declared from, where it belongs in time (before the declaration). */
    private static TimelineEntry sourceEntry(IncidentId id, SourceMessage source) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("channel", source.channel());
        attributes.put("ts", source.ts());
        if (source.permalink() != null && !source.permalink().isBlank()) {
            attributes.put("permalink", source.permalink());
        }
        return new TimelineEntry(id, "source-" + source.channel() + "-" + source.ts(), source.writtenAt(),
                TimelineKind.SOURCE_MESSAGE, source.author(), TimelineParams.sourceMessage(source), null, attributes);
    }

    public Incident acknowledge(IncidentId id, String actor) {
        return changeStatus(id, Status.ACKNOWLEDGED, actor);
    }

    public Incident changeStatus(IncidentId id, Status target, String actor) {
        return change(id, actor, i -> i.moveTo(target, clock.instant()),
                (before, after) -> List.of(entry(id, clock.instant(), TimelineKind.STATUS_CHANGED, actor,
                        TimelineParams.statusChanged(target), null)));
    }

    /**
     * A status update for stakeholders: moves to {@code target} when it differs (and is allowed) and
     * records the summary either way.
     */
    public Incident postStatusUpdate(IncidentId id, Status target, String summary, String actor) {
        String text = clip(Objects.requireNonNull(summary, "summary").strip());
        return change(id, actor, i -> {
                    if (!i.status().isOpen()) { // resolved is final: resolving twice announces nothing twice
                        throw new IllegalTransitionException(id, i.status(), target);
                    }
                    return i.status() == target ? i : i.moveTo(target, clock.instant());
                },
                (before, after) -> {
                    List<TimelineEntry> entries = new ArrayList<>();
                    if (before.status() != after.status()) {
                        entries.add(entry(id, clock.instant(), TimelineKind.STATUS_CHANGED, actor,
                                TimelineParams.statusChanged(target), null));
                    }
                    entries.add(entry(id, clock.instant(), TimelineKind.STATUS_UPDATE, actor,
                            TimelineParams.statusUpdate(target), text));
                    return entries;
                }, true, (before, after) -> IncidentEvents.statusUpdate(before, after, actor, clock.instant(), text));
    }

    /**
     * Opens a resolved incident again, with the reason on the timeline, within {@code reopenWindow} of its
     * resolution; its postmortem stays. Later, or when it is not resolved, it is refused.
     */
    public Incident reopen(IncidentId id, String reason, String actor) {
        String why = clip(Objects.requireNonNull(reason, "reason").strip());
        return change(id, actor, i -> {
                    if (i.status() == Status.RESOLVED && clock.instant().isAfter(i.resolvedAt().plus(reopenWindow))) {
                        throw new Refusal(Text.of("refusal.reopen.late", id.toString(), reopenWindow.toHours()));
                    }
                    return i.reopen();
                },
                (before, after) -> List.of(entry(id, clock.instant(), TimelineKind.STATUS_CHANGED, actor,
                        TimelineParams.reopened(), why)), false,
                (before, after) -> IncidentEvents.reopened(before, after, actor, clock.instant(), why));
    }

    public Incident changeSeverity(IncidentId id, Severity severity, String actor) {
        return change(id, actor, i -> i.severity() == severity ? i : i.withSeverity(severity),
                (before, after) -> List.of(entry(id, clock.instant(), TimelineKind.SEVERITY_CHANGED, actor,
                        TimelineParams.severityChanged(before.severity(), severity), null)));
    }

    /**
     * Takes command, or hands it on. A person doing so has seen the incident, so on a triggered one it
     * also acknowledges it (time to acknowledge measures people); the war room hears of both in one line.
     */
    public Incident assignCommander(IncidentId id, String commander, String actor) {
        Instant now = clock.instant();
        return change(id, actor, i -> commanded(i, commander, now), (before, after) -> {
            List<TimelineEntry> entries = new ArrayList<>();
            if (before.status() != after.status()) {
                entries.add(entry(id, now, TimelineKind.STATUS_CHANGED, actor, TimelineParams.statusChanged(after.status()), null));
            }
            entries.add(entry(id, now, TimelineKind.COMMANDER_CHANGED, actor, TimelineParams.commanderChanged(commander), null));
            return entries;
        }, false, (before, after) -> IncidentEvents.commandTaken(before, after, actor, now));
    }

    private static Incident commanded(Incident incident, String commander, Instant now) {
        Incident next = commander.equals(incident.commander()) ? incident : incident.withCommander(commander);
        return next.status() == Status.TRIGGERED ? next.moveTo(Status.ACKNOWLEDGED, now) : next;
    }

    /**
     * Gives {@code user} a role besides the commander's (the communications lead, the scribe, a team's own), replacing
     * whoever filled it; giving it to the same person again writes nothing.
     *
     * @throws Refusal when the team has no such role, or the incident is resolved
     */
    public Incident assignRole(IncidentId id, String role, String user, String actor) {
        if (!roles.contains(role)) {
            throw new Refusal("roles.refusal.unknown", role, String.join(", ", roles.names()));
        }
        String name = role.toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        return change(id, actor, i -> {
                    if (user.equals(i.roles().get(name))) {
                        return i;
                    }
                    if (!i.isOpen()) {
                        throw new Refusal("roles.refusal.resolved", id.toString());
                    }
                    return i.withRole(name, user);
                },
                (before, after) -> List.of(entry(id, now, TimelineKind.ROLE_CHANGED, actor,
                        TimelineParams.roleChanged(name, user), null)), false,
                (before, after) -> List.of(IncidentEvents.roleChanged(after, actor, now, name, user)));
    }

    /** Appends a note; touches nothing else, so it never conflicts. */
    public void addNote(IncidentId id, String actor, String text) {
        Incident incident = get(id);
        TimelineEntry note = entry(id, clock.instant(), TimelineKind.NOTE, actor, Map.of(), clip(text));
        Change change = new Change(null, null, null, List.of(note),
                List.of(IncidentEvents.timelineEntry(incident, actor, note.at(), note.kind().name(), note.text())));
        if (incidents.commit(change) != CommitResult.COMMITTED) {
            throw new StoreContentionException(id.toString());
        }
    }

    /**
     * Puts a chat message on the timeline, at the time it was written. The entry's id is the
     * message's own (channel + ts), so pinning the same message twice records it once.
     *
     * @return true if recorded now, false if it was already on the timeline
     */
    public boolean recordPinnedMessage(IncidentId id, String channel, String messageTs, Instant writtenAt, String author,
                                       String text, String permalink, String pinnedBy) {
        Incident incident = get(id);
        TimelineEntry entry = new TimelineEntry(id, "pin-" + channel + "-" + messageTs, writtenAt,
                TimelineKind.PINNED_MESSAGE, author, clip(text),
                Map.of("permalink", permalink == null ? "" : permalink, "pinnedBy", pinnedBy, "channel", channel));
        return incidents.commit(new Change(null, null, null, List.of(entry), List.of(IncidentEvents.timelineEntry(
                incident, pinnedBy, writtenAt, entry.kind().name(), entry.text())))) == CommitResult.COMMITTED;
    }

    /** How much of the timeline is read to know a guide's ticks: the web page's whole timeline. */
    private static final int GUIDE_TIMELINE_READ = 2000;

    /**
     * Records what one click on a posted guide's checklist changed ({@link GuideChecklist}): each step newly ticked
     * or unticked, once, with who did it. Touches nothing but the timeline.
     *
     * @return the entries recorded now; empty when the click changed nothing already recorded
     */
    public List<TimelineEntry> recordGuideClick(IncidentId id, GuideChecklist.Click click, String actor) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Incident incident = get(id);
            List<TimelineEntry> entries = GuideChecklist.entries(id, click, guideState(id, click.guide()), actor,
                    clock.instant());
            if (entries.isEmpty()) {
                return entries;
            }
            List<DomainEvent> events = entries.stream().map(e -> IncidentEvents.timelineEntry(incident, actor, e.at(),
                    e.kind().name(), e.params().get(TimelineParams.STEP))).toList();
            if (incidents.commit(new Change(null, null, null, entries, events)) == CommitResult.COMMITTED) {
                return entries;
            }
            // someone changed the same step at the same moment: decide again on what they recorded
            if (!Backoff.pause(attempt)) {
                break;
            }
        }
        throw new StoreContentionException(id.toString());
    }

    /** Which steps of a posted guide are ticked, and by whom, as the timeline records them. */
    public Map<Integer, GuideChecklist.Tick> guideState(IncidentId id, String guide) {
        return GuideChecklist.state(incidents.timeline(id, GUIDE_TIMELINE_READ), guide);
    }

    private interface Entries {
        List<TimelineEntry> of(Incident before, Incident after);
    }

    private Incident change(IncidentId id, String actor, UnaryOperator<Incident> apply, Entries entries) {
        return change(id, actor, apply, entries, false,
                (before, after) -> IncidentEvents.changes(before, after, actor, clock.instant()));
    }

    /** The events a change gives, from the incident before and after it. */
    private interface Events {
        List<DomainEvent> of(Incident before, Incident after);
    }

    private Incident change(IncidentId id, String actor, UnaryOperator<Incident> apply, Entries entries,
                            boolean recordEvenIfUnchanged, Events events) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Incident current = get(id);
            Incident next = apply.apply(current);
            if (next.equals(current) && !recordEvenIfUnchanged) {
                return current;
            }
            Change.IncidentWrite write = next.equals(current) ? null : new Change.Update(next);
            Change change = new Change(null, write, releasedAlert(next), entries.of(current, next), events.of(current, next));
            if (incidents.commit(change) == CommitResult.COMMITTED) {
                return incidents.find(id).orElse(next);
            }
            if (!Backoff.pause(attempt)) {
                break;
            }
        }
        throw new StoreContentionException(id.toString());
    }

    /** A resolved incident frees its alert, so the alert's next firing opens a new incident. */
    private AlertState releasedAlert(Incident next) {
        if (next.status() != Status.RESOLVED || next.alertKey() == null) {
            return null;
        }
        return alerts.find(next.alertKey())
                .filter(a -> next.id().equals(a.openIncident()))
                .map(a -> a.released(next.resolvedAt()))
                .orElse(null);
    }

    private static TimelineEntry entry(IncidentId id, Instant at, TimelineKind kind, String actor,
                                       Map<String, String> params, String text) {
        return new TimelineEntry(id, UUID.randomUUID().toString(), at, kind, actor, params, text, Map.of());
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return Characters.clip(text, MAX_TEXT);
    }
}
