package io.hikeshi.core.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters a timeline entry is stored with, one factory per thing that can happen: the writers
 * (IncidentService, AlertIntakeService) record facts here, {@link TimelineText} turns them into words
 * when someone reads them. The names are stored (DynamoDB {@code params}): renaming one orphans old rows.
 *
 * <p>Where a kind says more than one thing (an alert repeating: again, late, grouped …) the
 * {@value #VARIANT} parameter names which.
 */
public final class TimelineParams {

    static final String VARIANT = "variant";
    static final String STATUS = "status";
    static final String FROM = "from";
    static final String TO = "to";
    static final String COMMANDER = "commander";
    static final String ALERT = "alert";
    static final String STATE = "state";
    static final String INCIDENT = "incident";
    static final String CLOSED_AT = "closedAt";
    static final String NEWER_STATE = "newerState";
    static final String NEWER_AT = "newerAt";
    static final String CHANNEL = "channel";
    static final String ROLE = "role";
    static final String USER = "user";

    /** Variants: which of its kind's sentences an entry says. */
    static final String DECLARED = "declared";
    static final String REOPENED = "reopened";
    static final String BY_ALERT = "alert";
    static final String AGAIN = "again";
    static final String LATE = "late";
    static final String REFIRED = "refired";
    static final String GROUPED = "grouped";
    static final String RECOVERED = "recovered";
    static final String ALREADY_RECOVERED = "already-recovered";
    static final String AFTER_CLOSE = "after-close";
    static final String IGNORED = "ignored";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String ALERT_STATE = "state";
    static final String MISSING = "missing";
    static final String FIELDS = "fields";
    static final String OWNER = "owner";
    static final String DUE = "due";
    static final String ACTION_ADDED = "action-added";
    static final String ACTION_EDITED = "action-edited";
    static final String ACTION_ASSIGNED = "action-assigned";
    static final String ACTION_DUE = "action-due";
    static final String ACTION_DONE = "action-done";
    static final String ACTION_REOPENED = "action-reopened";
    static final String ACTION_DELETED = "action-deleted";
    static final String POSTMORTEM_OWNER = "postmortem-owner";
    static final String SEVERITY = "severity";
    static final String BY_POLICY = "policy";
    static final String NEEDED_AGAIN = "needed-again";
    static final String NOT_NEEDED = "not-needed";
    static final String STEP = "step";
    static final String TICKED = "ticked";
    static final String UNTICKED = "unticked";

    private TimelineParams() { }

    // ---- what people do (IncidentService) ----

    /** {@link TimelineKind#OPENED}: a person declared it (the actor); the text is their description. */
    public static Map<String, String> declared() {
        return Map.of(VARIANT, DECLARED);
    }

    /** {@link TimelineKind#SOURCE_MESSAGE}: the channel the message is in, as people name it. */
    public static Map<String, String> sourceMessage(SourceMessage source) {
        return Map.of(CHANNEL, source.channelShown());
    }

    /** {@link TimelineKind#STATUS_CHANGED}. */
    public static Map<String, String> statusChanged(Status to) {
        return Map.of(STATUS, name(to));
    }

    /** {@link TimelineKind#STATUS_CHANGED}: a resolved incident opened again (investigating); the text is the reason. */
    public static Map<String, String> reopened() {
        return Map.of(VARIANT, REOPENED, STATUS, name(Status.INVESTIGATING));
    }

    /** {@link TimelineKind#STATUS_UPDATE}: the status it reports; the text is the summary for stakeholders. */
    public static Map<String, String> statusUpdate(Status status) {
        return Map.of(STATUS, name(status));
    }

    /** {@link TimelineKind#SEVERITY_CHANGED}. */
    public static Map<String, String> severityChanged(Severity from, Severity to) {
        return Map.of(FROM, from.name(), TO, to.name());
    }

    /** {@link TimelineKind#COMMANDER_CHANGED}. */
    public static Map<String, String> commanderChanged(String commander) {
        return Map.of(COMMANDER, commander);
    }

    /** {@link TimelineKind#ROLE_CHANGED}: {@code user} now fills {@code role}. */
    public static Map<String, String> roleChanged(String role, String user) {
        return Map.of(ROLE, role, USER, user);
    }

    // ---- what people do to the postmortem (PostmortemService); the text is the action item's description ----

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: an action item was added. */
    public static Map<String, String> actionItemAdded() {
        return Map.of(VARIANT, ACTION_ADDED);
    }

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: an action item was reworded (the text is the new wording). */
    public static Map<String, String> actionItemEdited() {
        return Map.of(VARIANT, ACTION_EDITED);
    }

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: an action item's owner; null when it was unassigned. */
    public static Map<String, String> actionItemAssigned(String owner) {
        return owner == null ? Map.of(VARIANT, ACTION_ASSIGNED) : Map.of(VARIANT, ACTION_ASSIGNED, OWNER, owner);
    }

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: an action item's due date; null when it was cleared. */
    public static Map<String, String> actionItemDue(java.time.LocalDate due) {
        return due == null ? Map.of(VARIANT, ACTION_DUE) : Map.of(VARIANT, ACTION_DUE, DUE, due.toString());
    }

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: an action item was marked done, or open again. */
    public static Map<String, String> actionItemDone(boolean done) {
        return Map.of(VARIANT, done ? ACTION_DONE : ACTION_REOPENED);
    }

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: an action item was deleted. */
    public static Map<String, String> actionItemDeleted() {
        return Map.of(VARIANT, ACTION_DELETED);
    }

    /** {@link TimelineKind#POSTMORTEM_CHANGED}: the postmortem has a new owner. */
    public static Map<String, String> postmortemOwner(String owner) {
        return Map.of(VARIANT, POSTMORTEM_OWNER, OWNER, owner);
    }

    /** {@link TimelineKind#POSTMORTEM_NOT_NEEDED}: someone said it is not needed; the text is their reason. */
    public static Map<String, String> postmortemNotNeeded() {
        return Map.of(VARIANT, NOT_NEEDED);
    }

    /** {@link TimelineKind#POSTMORTEM_NOT_NEEDED}: the team's policy drafts none for incidents of this severity. */
    public static Map<String, String> noPostmortemByPolicy(Severity severity) {
        return Map.of(VARIANT, BY_POLICY, SEVERITY, severity.name());
    }

    /** {@link TimelineKind#POSTMORTEM_NOT_NEEDED}: someone edited a postmortem said not to be needed: it is needed again. */
    public static Map<String, String> postmortemNeededAgain() {
        return Map.of(VARIANT, NEEDED_AGAIN);
    }

    /** {@link TimelineKind#GUIDE_STEP}: a response guide's step (its words), ticked or unticked. */
    public static Map<String, String> guideStep(String step, boolean ticked) {
        return Map.of(VARIANT, ticked ? TICKED : UNTICKED, STEP, step);
    }

    /** Whether a {@link TimelineKind#GUIDE_STEP} entry ticked its step (else it unticked it). */
    public static boolean ticked(TimelineEntry entry) {
        return TICKED.equals(entry.params().get(VARIANT));
    }

    // ---- what monitors say (AlertIntakeService); the actor is the monitor, the text the alert's summary ----

    /** {@link TimelineKind#OPENED} by an alert, in the monitor's own word for its state ({@code ALARM}). */
    public static Map<String, String> openedByAlert(String alertName, String state) {
        return Map.of(VARIANT, BY_ALERT, ALERT, alertName, STATE, state);
    }

    /** {@link TimelineKind#ALERT_REPEATED}: a newer firing. */
    public static Map<String, String> firedAgain() {
        return Map.of(VARIANT, AGAIN);
    }

    /** {@link TimelineKind#ALERT_REPEATED}: an older firing, delivered late. */
    public static Map<String, String> lateFiring() {
        return Map.of(VARIANT, LATE);
    }

    /** {@link TimelineKind#ALERT_REPEATED}: firing after it recovered, so the incident went back to investigating. */
    public static Map<String, String> firedAgainAfterRecovery() {
        return Map.of(VARIANT, REFIRED);
    }

    /** {@link TimelineKind#ALERT_REPEATED} on a storm incident: the named alert, grouped there. */
    public static Map<String, String> groupedIntoStorm(String alertName) {
        return Map.of(VARIANT, GROUPED, ALERT, alertName);
    }

    /** {@link TimelineKind#ALERT_RECOVERED}; {@code movedTo} the status the incident took, or null if it stayed. */
    public static Map<String, String> recovered(String state, Status movedTo) {
        Map<String, String> params = new LinkedHashMap<>(Map.of(VARIANT, RECOVERED, STATE, state));
        if (movedTo != null) {
            params.put(STATUS, name(movedTo));
        }
        return params;
    }

    /** {@link TimelineKind#ALERT_RECOVERED}: it had recovered ({@code state}) before its late firing arrived. */
    public static Map<String, String> alreadyRecovered(String state) {
        return Map.of(VARIANT, ALREADY_RECOVERED, STATE, state);
    }

    /** {@link TimelineKind#ALERT_NOTE}: a firing from within the span of an incident already closed. */
    public static Map<String, String> lateFiringAfterClose(IncidentId closed, Instant closedAt) {
        return Map.of(VARIANT, AFTER_CLOSE, INCIDENT, closed.toString(), CLOSED_AT, String.valueOf(closedAt));
    }

    /** {@link TimelineKind#ALERT_NOTE}: a recovery older than a state the alert reported later. */
    public static Map<String, String> lateRecoveryIgnored(String state, String newerState, Instant newerAt) {
        return Map.of(VARIANT, IGNORED, STATE, state, NEWER_STATE, String.valueOf(newerState),
                NEWER_AT, String.valueOf(newerAt));
    }

    /** {@link TimelineKind#STATUS_CHANGED}: the monitor acknowledged it. */
    public static Map<String, String> acknowledgedByAlert() {
        return Map.of(VARIANT, BY_ALERT, STATUS, name(Status.ACKNOWLEDGED));
    }

    /** {@link TimelineKind#ALERT_NOTE}: the monitor acknowledged it, but it was already further along. */
    public static Map<String, String> acknowledgedTooLate(Status current) {
        return Map.of(VARIANT, ACKNOWLEDGED, STATUS, name(current));
    }

    /** {@link TimelineKind#ALERT_NOTE}: any other state worth keeping ({@code INSUFFICIENT_DATA}, an unknown one). */
    public static Map<String, String> alertState(String state) {
        return Map.of(VARIANT, ALERT_STATE, STATE, state);
    }

    /** {@link TimelineKind#ALERT_NOTE}: the monitor's alert lacked these fields (or said them in unknown words). */
    public static Map<String, String> missingFields(java.util.List<String> fields) {
        return Map.of(VARIANT, MISSING, FIELDS, String.join(", ", fields));
    }

    /** Whether a monitor wrote the entry (an alert's state, or the monitor acknowledging): its actor is no person. */
    public static boolean byMonitor(TimelineEntry entry) {
        return switch (entry.kind()) {
            case ALERT_REPEATED, ALERT_RECOVERED, ALERT_NOTE -> true;
            case OPENED, STATUS_CHANGED -> BY_ALERT.equals(entry.params().get(VARIANT));
            default -> false;
        };
    }

    /**
     * Whether the entry moved the incident's status: a person's or a monitor's status change, a recovery that
     * mitigated or resolved it, a firing that sent it back to investigating.
     */
    public static boolean changedStatus(TimelineEntry entry) {
        return switch (entry.kind()) {
            case STATUS_CHANGED -> true;
            case ALERT_RECOVERED -> entry.params().containsKey(STATUS);
            case ALERT_REPEATED -> REFIRED.equals(entry.params().get(VARIANT));
            default -> false;
        };
    }

    private static String name(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
