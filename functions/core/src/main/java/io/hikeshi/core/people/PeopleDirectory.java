package io.hikeshi.core.people;

import java.util.Map;
import java.util.Set;

/**
 * People's names as last learned from the chat: written by the Slack function when a person acts, read by every
 * surface that shows people to readers outside Slack (the web page, the exports), which never ask Slack themselves.
 */
public interface PeopleDirectory {

    /** The names known for these ids; an id whose name was never learned is absent. */
    Map<String, String> names(Set<String> userIds);

    /**
     * Records {@code person}'s name unless that same name is already recorded for them.
     *
     * @return whether it was written (the name is new or changed)
     */
    boolean remember(Person person);
}
