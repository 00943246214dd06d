package io.hikeshi.core.testkit;

import io.hikeshi.core.people.PeopleDirectory;
import io.hikeshi.core.people.Person;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link PeopleDirectory} in memory, with the DynamoDB adapter's rule: a name is written only when new or
 * changed, and never over one learned later. */
final class InMemoryPeople implements PeopleDirectory {

    private final Tables t;

    InMemoryPeople(Tables tables) {
        this.t = tables;
    }

    @Override
    public Map<String, String> names(Set<String> userIds) {
        synchronized (t) {
            Map<String, String> found = new HashMap<>();
            userIds.forEach(id -> {
                Person known = t.people.get(id);
                if (known != null) {
                    found.put(id, known.name());
                }
            });
            return found;
        }
    }

    @Override
    public boolean remember(Person person) {
        synchronized (t) {
            Person known = t.people.get(person.userId());
            if (known != null && (known.name().equals(person.name()) || known.learnedAt().isAfter(person.learnedAt()))) {
                return false;
            }
            t.people.put(person.userId(), person);
            return true;
        }
    }
}
