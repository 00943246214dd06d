package io.hikeshi.core.people;

import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** What Hikeshi knows of people's names: learned from the chat when they act, looked up when a reader needs them. */
public final class PeopleService {

    private final PeopleDirectory directory;
    private final Clock clock;

    public PeopleService(PeopleDirectory directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The chat says {@code userId} is called {@code name} now: it is recorded when new or changed.
     *
     * @return whether it was written; false for a blank name (nothing to show) or one already recorded
     */
    public boolean learned(String userId, String name) {
        if (userId == null || userId.isBlank() || name == null || name.isBlank()) {
            return false;
        }
        return directory.remember(new Person(userId, name.strip(), clock.instant()));
    }

    /** The names of these ids, for a reader; nulls and blanks (nobody) are skipped. */
    public Names names(Collection<String> userIds) {
        Set<String> wanted = userIds.stream().filter(id -> id != null && !id.isBlank()).collect(Collectors.toSet());
        return wanted.isEmpty() ? Names.NONE : new Names(directory.names(wanted));
    }
}
