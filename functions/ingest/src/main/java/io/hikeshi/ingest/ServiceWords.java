package io.hikeshi.ingest;

import io.hikeshi.core.incident.ServiceName;
import java.util.Locale;

/**
 * A monitor's word for the owning service, taken only when it names a service as the declare form does
 * ({@link ServiceName}), after blanks are trimmed and letters lower-cased ({@code " Payment-API "} is
 * {@code payment-api}). Anything else (a sentence, 5,000 characters, mrkdwn) names no service: it must not pick
 * owners, a guide or a channel name.
 */
public final class ServiceWords {

    private ServiceWords() { }

    /** The service the word names, or null when there is no word or it names none. */
    public static String parse(String word) {
        if (word == null) {
            return null;
        }
        String name = word.strip().toLowerCase(Locale.ROOT);
        return ServiceName.isValid(name) ? name : null;
    }

    /** Whether the monitor said something for a service that names none (it is then noted, or refused). */
    public static boolean unknown(String word) {
        return word != null && !word.isBlank() && parse(word) == null;
    }
}
