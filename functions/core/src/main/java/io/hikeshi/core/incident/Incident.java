package io.hikeshi.core.incident;

import io.hikeshi.core.Characters;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An incident: what is wrong, how bad, who leads, where it stands, and when each milestone was
 * reached (the time-to-X figures). Immutable: every change returns a new value, and the store
 * writes it only if nobody changed the incident since it was read ({@link #version()}).
 *
 * @param roles       who fills each role besides the commander ({@link Roles}: role → chat user id), by role name;
 *                    only the filled ones
 * @param alertKey    the dedup key of the alert that opened it (e.g. a CloudWatch alarm ARN),
 *                    or null for an incident a person declared
 * @param occurrences how many alert deliveries it has absorbed; counted by the store
 *                    commutatively, never by read-modify-write, so concurrent repeats are all kept
 * @param version     the optimistic-locking version: 0 for an incident not stored yet
 * @param visibility  who may see it: a private incident is seen by its war room's members only; set when it is
 *                    declared and never changed (an incident stored before it existed is public)
 */
public record Incident(IncidentId id, String title, Severity severity, Status status, String service,
                       String commander, Map<String, String> roles, String alertKey, String description,
                       Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
                       long occurrences, long version, Visibility visibility) {

    public static final int MAX_TITLE = 200;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detectedAt, "detectedAt");
        title = Characters.clip(requireText(title, "title"), MAX_TITLE);
        service = requireText(service, "service");
        roles = Collections.unmodifiableSortedMap(new TreeMap<>(roles == null ? Map.of() : roles));
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
    }

    /** Who may see an incident. */
    public enum Visibility { PUBLIC, PRIVATE }

    /** A public incident whose roles besides the commander are not filled (as incidents were before either existed). */
    public Incident(IncidentId id, String title, Severity severity, Status status, String service, String commander,
                    String alertKey, String description, Instant detectedAt, Instant acknowledgedAt,
                    Instant mitigatedAt, Instant resolvedAt, long occurrences, long version) {
        this(id, title, severity, status, service, commander, Map.of(), alertKey, description, detectedAt,
                acknowledgedAt, mitigatedAt, resolvedAt, occurrences, version, Visibility.PUBLIC);
    }

    /** A public incident with these roles filled. */
    public Incident(IncidentId id, String title, Severity severity, Status status, String service, String commander,
                    Map<String, String> roles, String alertKey, String description, Instant detectedAt,
                    Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt, long occurrences, long version) {
        this(id, title, severity, status, service, commander, roles, alertKey, description, detectedAt,
                acknowledgedAt, mitigatedAt, resolvedAt, occurrences, version, Visibility.PUBLIC);
    }

    /** A new incident, triggered at {@code detectedAt}, not stored yet. */
    public static Incident open(IncidentId id, String title, Severity severity, String service,
                                String alertKey, String description, Instant detectedAt) {
        return new Incident(id, title, severity, Status.TRIGGERED, service, null, alertKey, description,
                detectedAt, null, null, null, alertKey == null ? 0 : 1, 0);
    }

    /** Moves along the lifecycle, stamping the milestone it reaches; refuses illegal moves. */
    public Incident moveTo(Status target, Instant at) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(id, status, target);
        }
        Instant ack = acknowledgedAt;
        Instant mitigated = mitigatedAt;
        Instant resolved = resolvedAt;
        switch (target) {
            case ACKNOWLEDGED, INVESTIGATING -> ack = ack == null ? at : ack;
            case MITIGATED -> mitigated = mitigated == null ? at : mitigated;
            case RESOLVED -> {
                mitigated = mitigated == null ? at : mitigated;
                resolved = at;
            }
            case TRIGGERED -> throw new IllegalTransitionException(id, status, target);
        }
        return new Incident(id, title, severity, target, service, commander, roles, alertKey, description,
                detectedAt, ack, mitigated, resolved, occurrences, version, visibility);
    }

    /**
     * The alert fired again after it recovered: the fix did not hold, back to investigating. Nobody
     * acknowledged anything, so {@code acknowledgedAt} stays as it was (null if no person ever did):
     * time to acknowledge measures people.
     */
    public Incident firedAgain(Instant at) {
        Incident investigating = moveTo(Status.INVESTIGATING, at);
        return new Incident(id, title, severity, investigating.status, service, commander, roles, alertKey, description,
                detectedAt, acknowledgedAt, investigating.mitigatedAt, investigating.resolvedAt, occurrences, version, visibility);
    }

    /**
     * A resolved incident opened again (the fix did not hold after all): investigating, no longer resolved.
     * Acknowledged and mitigated keep their first times, as when an alarm fires again after recovering.
     */
    public Incident reopen() {
        if (status != Status.RESOLVED) {
            throw new IllegalTransitionException(id, status, Status.INVESTIGATING);
        }
        return new Incident(id, title, severity, Status.INVESTIGATING, service, commander, roles, alertKey, description,
                detectedAt, acknowledgedAt, mitigatedAt, null, occurrences, version, visibility);
    }

    public Incident withSeverity(Severity newSeverity) {
        requireOpen("change the severity of");
        return new Incident(id, title, newSeverity, status, service, commander, roles, alertKey, description,
                detectedAt, acknowledgedAt, mitigatedAt, resolvedAt, occurrences, version, visibility);
    }

    public Incident withCommander(String newCommander) {
        requireOpen("assign a commander to");
        return new Incident(id, title, severity, status, service, requireText(newCommander, "commander"),
                roles, alertKey, description, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt, occurrences, version, visibility);
    }

    /** {@code user} fills {@code role} (replacing whoever did). */
    public Incident withRole(String role, String user) {
        requireOpen("assign a role on");
        Map<String, String> filled = new TreeMap<>(roles);
        filled.put(requireText(role, "role"), requireText(user, "user"));
        return new Incident(id, title, severity, status, service, commander, filled, alertKey, description,
                detectedAt, acknowledgedAt, mitigatedAt, resolvedAt, occurrences, version, visibility);
    }

    /** The same incident as stored at {@code newVersion}; used by stores only. */
    public Incident stored(long newVersion, long newOccurrences) {
        return new Incident(id, title, severity, status, service, commander, roles, alertKey, description,
                detectedAt, acknowledgedAt, mitigatedAt, resolvedAt, newOccurrences, newVersion, visibility);
    }

    /** The same new incident, declared private: only its war room's members see it. */
    public Incident declaredPrivate() {
        return new Incident(id, title, severity, status, service, commander, roles, alertKey, description,
                detectedAt, acknowledgedAt, mitigatedAt, resolvedAt, occurrences, version, Visibility.PRIVATE);
    }

    public boolean isPrivate() {
        return visibility == Visibility.PRIVATE;
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public Optional<Duration> timeToAcknowledge() {
        return since(acknowledgedAt);
    }

    public Optional<Duration> timeToMitigate() {
        return since(mitigatedAt);
    }

    public Optional<Duration> timeToResolve() {
        return since(resolvedAt);
    }

    private Optional<Duration> since(Instant milestone) {
        return Optional.ofNullable(milestone).map(m -> Duration.between(detectedAt, m));
    }

    private void requireOpen(String action) {
        if (!isOpen()) {
            throw new IllegalStateException("cannot " + action + " " + id + ": it is resolved");
        }
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value.strip();
    }
}
