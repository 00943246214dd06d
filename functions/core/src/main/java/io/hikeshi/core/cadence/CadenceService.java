package io.hikeshi.core.cadence;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.SideEffectLedger;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineParams;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Kind;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.core.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The war room's update cadence: when no status update was posted for the severity's interval (since the
 * last update, or since the incident was declared, acknowledged, reopened or changed severity), its commander
 * is nudged, and again every interval while it stays silent; never once it is mitigated or resolved.
 *
 * <p>Each incident has one pending nudge, {@code nudge-INC-0042}, a one-time schedule replaced whenever a
 * committed change moves it and cancelled when the incident is mitigated or resolved. Nudges fall on whole
 * intervals after the last update (+15, +30, +45 minutes), so a redelivered event schedules the same one
 * again. Every decision re-reads the record: a stale or repeated schedule says nothing.
 */
public final class CadenceService {

    /** A nudge that should be said: the incident as it is now, and how long it has been silent. */
    public record Nudge(Reminder reminder, Incident incident, Duration silentFor, Duration interval, Instant quietSince) {

        public long minutesSilent() {
            return silentFor.toMinutes();
        }
    }

    /** The changes that can move the nudge: an update, a status (acknowledged, reopened, mitigated …), a severity. */
    private static final Set<DomainEvent.Type> MOVING = EnumSet.of(DomainEvent.Type.INCIDENT_OPENED,
            DomainEvent.Type.STATUS_CHANGED, DomainEvent.Type.SEVERITY_CHANGED, DomainEvent.Type.STATUS_UPDATE_POSTED,
            DomainEvent.Type.INCIDENT_RESOLVED);
    /** Scheduler fires within a minute of the time asked, and a time already past might never fire. */
    static final Duration SCHEDULER_PRECISION = Duration.ofMinutes(1);
    /** Longer than Scheduler keeps retrying one delivery (24 hours). */
    private static final Duration LEDGER_TTL = Duration.ofDays(2);
    /** As the postmortem's draft reads it: an incident's whole timeline, in practice. */
    private static final int TIMELINE_READ = 2000;

    private final IncidentRepository incidents;
    private final SideEffectLedger ledger;
    private final ReminderScheduler scheduler;
    private final UpdateCadence cadence;
    private final Clock calendar;

    /**
     * @param calendar the time nudges go by: the clock people act by in AWS; local mode can move it forward
     *                 to see a nudge now
     */
    public CadenceService(Storage storage, ReminderScheduler scheduler, UpdateCadence cadence, Clock calendar) {
        this.incidents = storage.incidents();
        this.ledger = storage.ledger();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.cadence = Objects.requireNonNull(cadence, "cadence");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The incident's one pending nudge: its schedule's stable name. */
    public static String nudgeId(IncidentId incident) {
        return "nudge-" + incident;
    }

    /** A committed change: the nudge is set again from the record as it is now (or stopped). */
    public void on(DomainEvent event) {
        if (MOVING.contains(event.type())) {
            arm(IncidentId.parse(event.incident()));
        }
    }

    /**
     * Schedules the incident's next nudge, a whole interval after its last update and not before now;
     * cancels it when the incident is mitigated, resolved, gone, or of a severity never nudged.
     */
    public void arm(IncidentId id) {
        Optional<Incident> incident = incidents.find(id);
        Optional<Duration> interval = incident.flatMap(this::interval);
        if (interval.isEmpty()) {
            scheduler.cancel(nudgeId(id));
            return;
        }
        schedule(id, quietSince(incident.get()), interval.get(), calendar.instant());
    }

    /**
     * A nudge's schedule fired. Empty (nothing to say) when the incident is mitigated, resolved or gone, its
     * severity is never nudged, an update or another change came after this nudge was set (that change set
     * the next one), or this nudge already spoke: a repeated delivery, after which the next nudge is set again
     * in case the first delivery stopped before setting it.
     */
    public Optional<Nudge> fired(Reminder reminder) {
        if (reminder.kind() != Kind.NUDGE) {
            throw new IllegalArgumentException(reminder.id() + " is a postmortem reminder, not a nudge");
        }
        Optional<Incident> incident = incidents.find(IncidentId.parse(reminder.incident()));
        Optional<Duration> interval = incident.flatMap(this::interval);
        if (interval.isEmpty()) {
            return Optional.empty();
        }
        Instant quietSince = quietSince(incident.get());
        if (reminder.at().isBefore(quietSince.plus(interval.get()))) {
            return Optional.empty();
        }
        if (ledger.isDone(ledgerKey(reminder))) {
            scheduleAfter(reminder, quietSince, interval.get());
            return Optional.empty();
        }
        Instant now = latest(calendar.instant(), reminder.at());
        return Optional.of(new Nudge(reminder, incident.get(), Duration.between(quietSince, now), interval.get(), quietSince));
    }

    /** Call once the nudge was said (or there was nowhere to say it): a repeat stays silent, and the next is set. */
    public void delivered(Nudge nudge) {
        ledger.markDone(ledgerKey(nudge.reminder()), calendar.instant().plus(LEDGER_TTL));
        scheduleAfter(nudge.reminder(), nudge.quietSince(), nudge.interval());
    }

    private void scheduleAfter(Reminder fired, Instant quietSince, Duration interval) {
        schedule(IncidentId.parse(fired.incident()), quietSince, interval, latest(calendar.instant(), fired.at()));
    }

    private void schedule(IncidentId id, Instant quietSince, Duration interval, Instant after) {
        Instant at = latest(nextAfter(quietSince, interval, after), calendar.instant().plus(SCHEDULER_PRECISION));
        scheduler.schedule(new Reminder(nudgeId(id), id.toString(), Kind.NUDGE, at));
    }

    /** The first whole interval after {@code quietSince} that is later than {@code after}. */
    static Instant nextAfter(Instant quietSince, Duration interval, Instant after) {
        long elapsed = Duration.between(quietSince, after).toMillis();
        long intervals = elapsed < 0 ? 1 : elapsed / interval.toMillis() + 1;
        return quietSince.plus(interval.multipliedBy(intervals));
    }

    /** The interval this incident is held to; empty once it is mitigated or resolved, or for a severity never nudged. */
    private Optional<Duration> interval(Incident incident) {
        boolean settled = incident.status() == Status.MITIGATED || incident.status() == Status.RESOLVED;
        return settled ? Optional.empty() : cadence.interval(incident.severity());
    }

    /**
     * Since when the war room has heard nothing: the last status update, status change (acknowledged, reopened,
     * back from mitigated) or severity change on the record, else when the incident was detected.
     */
    private Instant quietSince(Incident incident) {
        List<TimelineEntry> timeline = incidents.timeline(incident.id(), TIMELINE_READ);
        return timeline.stream().filter(CadenceService::movesTheCadence).map(TimelineEntry::at)
                .reduce(incident.detectedAt(), CadenceService::latest);
    }

    private static boolean movesTheCadence(TimelineEntry entry) {
        return switch (entry.kind()) {
            case OPENED, STATUS_UPDATE, SEVERITY_CHANGED -> true;
            default -> TimelineParams.changedStatus(entry);
        };
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String ledgerKey(Reminder nudge) {
        return "nudge:" + nudge.incident() + ":" + nudge.at();
    }
}
