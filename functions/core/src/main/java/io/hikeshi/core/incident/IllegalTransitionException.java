package io.hikeshi.core.incident;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.i18n.Text;

/** A change the lifecycle does not allow, e.g. acknowledging a resolved incident. */
public class IllegalTransitionException extends Refusal {

    public IllegalTransitionException(IncidentId id, Status from, Status to) {
        super(from == to ? Text.of("refusal.transition.same", id.toString(), from.text())
                : from.next().isEmpty() ? Text.of("refusal.transition.final", id.toString(), from.text(), to.text())
                : Text.of("refusal.transition", id.toString(), from.text(), to.text(), allowed(from)));
    }

    private static java.util.List<Text> allowed(Status from) {
        return from.next().stream().sorted().map(Status::text).toList();
    }
}
