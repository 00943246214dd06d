package io.hikeshi.core.incident;

/** A change the lifecycle does not allow, e.g. acknowledging a resolved incident. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(IncidentId id, Status from, Status to) {
        super(id + " cannot move from " + name(from) + " to " + name(to)
                + (from.next().isEmpty() ? " (" + name(from) + " is final)"
                        : " (allowed: " + from.next().stream().map(IllegalTransitionException::name).toList() + ")"));
    }

    private static String name(Status s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }
}
