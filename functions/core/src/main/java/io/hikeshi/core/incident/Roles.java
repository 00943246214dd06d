package io.hikeshi.core.incident;

import io.hikeshi.core.i18n.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The roles a team fills on an incident besides its commander (communications lead, scribe, …), as configured:
 * {@code comms,scribe} by default. A role is named in configuration, in {@code /incident role <role>} and in storage by
 * the same short name; a built-in one has catalogue words, a team's own is shown as written.
 */
public record Roles(List<String> names) {

    /** Short enough to type in a command and to share a topic's 250 characters with the others. */
    public static final int MAX_NAME = 30;
    // before DEFAULT, which is checked against it
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The communications lead: talks to stakeholders, so the commander need not. */
    public static final String COMMS = "comms";
    /** Keeps the timeline while others work. */
    public static final String SCRIBE = "scribe";
    public static final Roles DEFAULT = new Roles(List.of(COMMS, SCRIBE));


    public Roles {
        names = List.copyOf(names);
        for (String name : names) {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a role name: lowercase letters, digits and"
                        + " hyphens, at most " + MAX_NAME + " characters (e.g. comms,scribe,liaison)");
            }
        }
        if (Set.copyOf(names).size() != names.size()) {
            throw new IllegalArgumentException("names a role twice: " + String.join(",", names));
        }
    }

    /**
     * @param spec e.g. {@code comms,scribe,customer-liaison}; null or blank: {@link #DEFAULT}
     * @throws IllegalArgumentException naming the first name that is not one
     */
    public static Roles parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> given = List.of(spec.split(",", -1));
        for (String name : given) {
            names.add(name.strip());
        }
        if (names.size() != given.size()) {
            throw new IllegalArgumentException("names a role twice: " + spec.strip());
        }
        return new Roles(List.copyOf(names));
    }

    public static boolean isValidName(String name) {
        return name != null && name.length() <= MAX_NAME && NAME.matcher(name).matches();
    }

    public boolean contains(String role) {
        return role != null && names.contains(role.toLowerCase(Locale.ROOT));
    }

    /** A role's words for people: a built-in role's from the catalogue, a team's own as configured. */
    public static Text words(String role) {
        return switch (role) {
            case COMMS -> Text.of("roles.name.comms");
            case SCRIBE -> Text.of("roles.name.scribe");
            default -> Text.of("roles.name.custom", role);
        };
    }
}
