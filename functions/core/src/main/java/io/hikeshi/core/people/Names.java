package io.hikeshi.core.people;

import java.util.Map;

/**
 * The names of the people a page or an export shows, by user id: what a reader sees in place of an id. An id
 * whose name is not known (never learned, or not a person: {@code cloudwatch}) is shown as it is.
 */
public record Names(Map<String, String> byId) {

    /** No names known: every id is shown as it is. */
    public static final Names NONE = new Names(Map.of());

    public Names {
        byId = Map.copyOf(byId);
    }

    /** The person's name, else the id itself; null for null (nobody). */
    public String of(String userId) {
        return userId == null ? null : byId.getOrDefault(userId, userId);
    }
}
