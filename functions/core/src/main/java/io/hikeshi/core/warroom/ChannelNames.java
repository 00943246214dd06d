package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.Incident;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * War-room channel names from a template: {@code {date}} (yyyyMMdd in the team's zone),
 * {@code {number}} (0042), {@code {slug}} (the title in lower-case ASCII words), {@code {service}},
 * {@code {severity}}. Slack's rules: lower case, letters, digits, '-' and '_', at most 80 characters,
 * not punctuation alone (https://docs.slack.dev/reference/methods/conversations.create).
 */
public final class ChannelNames {

    public static final String DEFAULT_TEMPLATE = "inc-{date}-{number}-{slug}";
    static final int MAX = 80;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private ChannelNames() { }

    public static String render(String template, Incident incident, ZoneId zone) {
        String slug = slug(incident.title());
        String name = template
                .replace("{date}", DATE.format(incident.detectedAt().atZone(zone)))
                .replace("{number}", String.format("%04d", incident.id().number()))
                .replace("{slug}", slug.isEmpty() ? slug(incident.service()) : slug)
                .replace("{service}", slug(incident.service()))
                .replace("{severity}", incident.severity().name().toLowerCase(Locale.ROOT));
        return fit(sanitize(name), "");
    }

    /** The name with a suffix ("-2") that still fits in 80 characters. */
    public static String fit(String name, String suffix) {
        String base = name.length() + suffix.length() <= MAX ? name : name.substring(0, MAX - suffix.length());
        return base.replaceAll("-+$", "") + suffix;
    }

    /** Lower-case ASCII words joined by '-': "Payment API 5xx!" → "payment-api-5xx"; Japanese-only text → "". */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String sanitize(String name) {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        // Slack refuses a name without a letter or digit ("_": invalid_name_punctuation) as it refuses "".
        return clean.matches(".*[a-z0-9].*") ? clean : "incident";
    }
}
