package io.hikeshi.core.alert;

import java.util.Optional;

/** What each alert source last reported; saved only as part of a change (the incident repository's commit). */
public interface AlertStates {

    Optional<AlertState> find(String alertKey);
}
