package io.hikeshi.core.people;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's name as their workspace shows it, and when Hikeshi learned it. The name is theirs to choose and
 * change: it is shown as text wherever people read (escaped by each surface), and the id stays what identifies them.
 *
 * @param userId    the chat's id for them ({@code U0ALICE})
 * @param name      the name their workspace shows, never blank
 * @param learnedAt when Hikeshi learned this name
 */
public record Person(String userId, String name, Instant learnedAt) {

    public Person {
        Objects.requireNonNull(learnedAt, "learnedAt");
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a person needs a user id");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a person's name is not blank: " + userId);
        }
    }
}
