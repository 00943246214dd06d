package io.hikeshi.core.testkit;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.alert.AlertStates;
import java.util.Optional;

/** {@link AlertStates} in memory; states are saved by {@link InMemoryIncidents#commit}. */
final class InMemoryAlertStates implements AlertStates {

    private final Tables t;

    InMemoryAlertStates(Tables tables) {
        this.t = tables;
    }

    @Override
    public Optional<AlertState> find(String alertKey) {
        synchronized (t) {
            return Optional.ofNullable(t.alerts.get(alertKey));
        }
    }
}
