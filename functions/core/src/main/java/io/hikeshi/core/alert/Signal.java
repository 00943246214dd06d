package io.hikeshi.core.alert;

/** What an alert asks of Hikeshi, whatever monitor sent it. */
public enum Signal {
    /** Something is wrong: open an incident, or count the occurrence on the open one. */
    TRIGGER,
    /** It recovered: record the recovery, mitigate (or resolve, when configured) the open incident. */
    RESOLVE,
    /** The sender says it is over (a generic webhook's resolve): resolve the open incident, whatever the recovery setting. */
    CLOSE,
    /** Someone is on it (a monitor's acknowledge): acknowledge the open incident, never opens one. */
    ACKNOWLEDGE,
    /** Worth recording, never opens an incident (e.g. INSUFFICIENT_DATA, an unknown state). */
    NOTE
}
