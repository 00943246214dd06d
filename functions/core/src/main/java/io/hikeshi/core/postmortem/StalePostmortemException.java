package io.hikeshi.core.postmortem;

import io.hikeshi.core.Refusal;

/**
 * A save from a form opened on an older version of the postmortem: someone else saved since, and
 * saving would silently replace their words. Nothing is saved; the person reopens the form.
 */
public class StalePostmortemException extends Refusal {

    public StalePostmortemException(String incident) {
        super("refusal.pm.stale", incident);
    }
}
