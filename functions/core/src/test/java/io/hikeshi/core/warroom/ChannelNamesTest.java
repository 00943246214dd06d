package io.hikeshi.core.warroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * War-room channel names as Slack's conversations.create accepts them
 * (https://docs.slack.dev/reference/methods/conversations.create): "Channel names may only contain
 * lowercase letters, numbers, hyphens, and underscores, and must be 80 characters or less"; a name
 * of only punctuation is refused too ({@code invalid_name_punctuation}).
 */
class ChannelNamesTest {

    /** Slack's rule, plus at least one letter or digit (a name of only punctuation is refused). */
    private static final Pattern SLACK_NAME = Pattern.compile("(?=.*[a-z0-9])[a-z0-9_-]{1,80}");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** 2026-11-24 12:12:47 in Tokyo: the same calendar day in UTC and in Tokyo. */
    private static final Instant DETECTED = Instant.parse("2026-11-24T03:12:47Z");

    private static Incident incident(long number, String title, String service, Severity severity, Instant detectedAt) {
        return Incident.open(new IncidentId(number), title, severity, service, null, null, detectedAt);
    }

    private static Incident incident(long number, String title, String service) {
        return incident(number, title, service, Severity.SEV2, DETECTED);
    }

    private static String render(String template, Incident incident) {
        return ChannelNames.render(template, incident, TOKYO);
    }

    private static void assertSlackAccepts(String name) {
        assertTrue(SLACK_NAME.matcher(name).matches(), () -> "Slack would refuse '" + name + "'");
        assertFalse(name.contains("--"), () -> "doubled hyphen in '" + name + "'");
        assertFalse(name.startsWith("-") || name.endsWith("-"), () -> "hyphen at an end of '" + name + "'");
    }

    // ---- placeholders ----

    @Test
    void render_defaultTemplate_joinsDateNumberAndTitleSlug() {
        // GIVEN incident 42 with an ordinary English title
        Incident incident = incident(42, "Payment API returns 5xx!", "payment-api");

        // WHEN the default template is rendered
        String name = render(ChannelNames.DEFAULT_TEMPLATE, incident);

        // THEN date (yyyyMMdd), number (4 digits) and the title's words
        assertEquals("inc-20261124-0042-payment-api-returns-5xx", name);
    }

    @Test
    void render_date_isTheDayInTheTeamsZone_notInUtc() {
        // GIVEN an incident detected at 01:30 on the 25th in Tokyo, still the 24th in UTC
        Incident incident = incident(42, "Checkout down", "checkout", Severity.SEV1, Instant.parse("2026-11-24T16:30:00Z"));

        // WHEN the date is rendered in each zone
        String tokyo = ChannelNames.render("{date}", incident, TOKYO);
        String utc = ChannelNames.render("{date}", incident, ZoneId.of("UTC"));

        // THEN each names its own calendar day
        assertEquals("20261125", tokyo);
        assertEquals("20261124", utc);
    }

    @Test
    void render_number_isPaddedToFourDigits_andGrowsBeyondThem() {
        // GIVEN incidents 7 and 12345
        // WHEN their numbers are rendered
        String small = render("inc-{number}", incident(7, "Disk full", "db"));
        String large = render("inc-{number}", incident(12_345, "Disk full", "db"));

        // THEN 0007 and the whole 12345, never cut to four digits
        assertEquals("inc-0007", small);
        assertEquals("inc-12345", large);
    }

    @Test
    void render_serviceAndSeverity_areSluggedAndLowerCased() {
        // GIVEN a service id with upper case and an underscore, at SEV1
        Incident incident = incident(42, "Latency", "Payment_API", Severity.SEV1, DETECTED);

        // WHEN the template uses {severity} and {service}
        String name = render("{severity}-{service}-{number}", incident);

        // THEN both appear in Slack's alphabet
        assertEquals("sev1-payment-api-0042", name);
    }

    // ---- titles ----

    @Test
    void render_japaneseTitle_hasNoSlug_soTheServiceStandsInForIt() {
        // GIVEN a title entirely in Japanese (no ASCII letters to keep)
        Incident incident = incident(42, "決済が遅延している", "payment-api");

        // WHEN the default template is rendered
        String name = render(ChannelNames.DEFAULT_TEMPLATE, incident);

        // THEN the slug is the service's
        assertEquals("", ChannelNames.slug("決済が遅延している"));
        assertEquals("inc-20261124-0042-payment-api", name);
    }

    @Test
    void render_japaneseTitleWithLatinWords_keepsOnlyTheLatinWords() {
        // GIVEN a Japanese title with "API" and "5xx" in it
        Incident incident = incident(42, "決済APIで5xxエラーが多発", "payment-api");

        // WHEN rendered
        String name = render(ChannelNames.DEFAULT_TEMPLATE, incident);

        // THEN the ASCII words survive, joined by one hyphen
        assertEquals("inc-20261124-0042-api-5xx", name);
    }

    @Test
    void slug_fullWidthLettersAndAccents_foldToAscii() {
        // GIVEN full-width Latin letters and digits (common in Japanese input) and accented letters
        // WHEN slugged
        // THEN they become their plain ASCII letters
        assertEquals("payment-500", ChannelNames.slug("ＰＡＹＭＥＮＴ　５００"));
        assertEquals("cafe-zurich-down", ChannelNames.slug("Café Zürich down"));
    }

    @Test
    void render_emoji_areDropped_andAnEmojiOnlyTitleFallsBackToTheService() {
        // GIVEN titles with emoji around words, and of emoji alone
        Incident withWords = incident(42, "🔥 Checkout down 🔥", "checkout");
        Incident onlyEmoji = incident(43, "🔥🚨🔥", "checkout");

        // WHEN rendered
        // THEN the emoji leave no trace but a word break
        assertEquals("inc-20261124-0042-checkout-down", render(ChannelNames.DEFAULT_TEMPLATE, withWords));
        assertEquals("inc-20261124-0043-checkout", render(ChannelNames.DEFAULT_TEMPLATE, onlyEmoji));
    }

    @Test
    void render_punctuationOnlyTitle_fallsBackToTheService() {
        // GIVEN a title of punctuation only
        Incident incident = incident(42, "!!! ??? ... ---", "payment-api");

        // WHEN rendered
        String name = render(ChannelNames.DEFAULT_TEMPLATE, incident);

        // THEN the service names the channel
        assertEquals("inc-20261124-0042-payment-api", name);
    }

    @Test
    void render_templateLeavingNothing_isCalledIncident() {
        // GIVEN a template of the slug alone, a punctuation title and a service with no Latin letters
        Incident incident = incident(42, "!!!", "決済");

        // WHEN rendered
        String name = render("{slug}", incident);

        // THEN a plain word rather than an empty name (invalid_name_required)
        assertEquals("incident", name);
    }

    @Test
    void render_templateLeavingOnlyAnUnderscore_isStillANameSlackAccepts() {
        // GIVEN a team template "{service}_{slug}" with a Japanese service and a Japanese title
        Incident incident = incident(42, "決済が遅延", "決済基盤");

        // WHEN rendered
        String name = render("{service}_{slug}", incident);

        // THEN not "_" (Slack: invalid_name_punctuation) but a name with a letter in it
        assertSlackAccepts(name);
    }

    @Test
    void render_upperCaseSpacesAndPeriodsInTheTemplate_becomeSlacksAlphabet() {
        // GIVEN a template written with capitals, a space and a period
        Incident incident = incident(42, "Disk full", "db");

        // WHEN rendered
        String name = render("INC.{number} {slug}", incident);

        // THEN lower case, each run of other characters one hyphen
        assertEquals("inc-0042-disk-full", name);
    }

    @Test
    void render_consecutiveLeadingAndTrailingHyphens_collapseAndTrim() {
        // GIVEN hyphens doubled and at both ends, in the template and in the title
        Incident incident = incident(42, "--Payment---API--", "payment-api");

        // WHEN rendered
        String name = render("--inc--{number}--{slug}--", incident);

        // THEN single hyphens between words and none at the ends
        assertEquals("inc-0042-payment-api", name);
    }

    @Test
    void render_underscoresInTheTemplate_areKept() {
        // GIVEN a template with underscores (Slack allows them)
        Incident incident = incident(42, "Disk full", "db");

        // WHEN rendered
        String name = render("inc_{number}_{slug}", incident);

        // THEN they stay
        assertEquals("inc_0042_disk-full", name);
    }

    // ---- length ----

    @Test
    void render_255CharacterTitle_isCutTo80Characters_keepingTheNumberThatMakesItUnique() {
        // GIVEN two incidents with the same 255-character title
        String title = "Payment API returns 5xx for every checkout in the Tokyo region ".repeat(5).substring(0, 255);
        Incident first = incident(41, title, "payment-api");
        Incident second = incident(42, title, "payment-api");

        // WHEN both are rendered with the default template
        String a = render(ChannelNames.DEFAULT_TEMPLATE, first);
        String b = render(ChannelNames.DEFAULT_TEMPLATE, second);

        // THEN both fit in 80 characters, carry their number and differ
        assertTrue(a.length() <= ChannelNames.MAX, a);
        assertTrue(b.length() <= ChannelNames.MAX, b);
        assertTrue(a.startsWith("inc-20261124-0041-payment-api-returns-5xx"), a);
        assertTrue(b.startsWith("inc-20261124-0042-payment-api-returns-5xx"), b);
        assertNotEquals(a, b);
        assertSlackAccepts(a);
        assertSlackAccepts(b);
    }

    @Test
    void fit_suffix_staysWithinEightyCharacters() {
        // GIVEN a name of exactly 80 characters
        String name = "a".repeat(ChannelNames.MAX);

        // WHEN the retry suffix "-2" is added
        String fitted = ChannelNames.fit(name, "-2");

        // THEN the name gives way to the suffix
        assertEquals("a".repeat(ChannelNames.MAX - 2) + "-2", fitted);
    }

    @Test
    void fit_cutLandingOnAHyphen_leavesNoDoubleHyphenBeforeTheSuffix() {
        // GIVEN an 80-character name whose 78th character is a hyphen
        String name = "a".repeat(77) + "-bb";

        // WHEN it makes room for "-3"
        String fitted = ChannelNames.fit(name, "-3");

        // THEN the dangling hyphen is dropped
        assertEquals("a".repeat(77) + "-3", fitted);
    }

    @Test
    void fit_shortName_justTakesTheSuffix() {
        // GIVEN a short name
        // WHEN a suffix is added
        // THEN nothing is cut
        assertEquals("inc-0042-disk-full-2", ChannelNames.fit("inc-0042-disk-full", "-2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Payment API returns 5xx", "決済が遅延している", "決済APIで5xxエラー", "🔥🔥🔥", "!!!", "   ...   ",
        "UPPER_case.with.dots and spaces", "tab\tand\nnewline", "İstanbul ß ﬁ", "a/b\\c:d;e'f\"g",
        "ＡＢＣ１２３", "-leading and trailing-", "x", "Ω≈ç√∫˜µ≤≥÷", "٣٤٥ arabic digits", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 fraktur"
    })
    void render_anyTitle_withAnyTemplatePlaceholders_givesANameSlackAccepts(String title) {
        // GIVEN an awkward title and every placeholder, at the longest title the incident keeps
        Incident plain = incident(42, title, "payment-api");
        Incident longest = incident(42, (title + " ").repeat(Incident.MAX_TITLE).substring(0, Incident.MAX_TITLE), "決済");

        // WHEN rendered with several templates, and with the retry suffix
        for (String template : new String[] {ChannelNames.DEFAULT_TEMPLATE, "{slug}", "{service}_{slug}",
                "{severity}-{service}-{date}-{number}-{slug}"}) {
            for (Incident incident : new Incident[] {plain, longest}) {
                String name = render(template, incident);

                // THEN every name is one Slack accepts
                assertSlackAccepts(name);
                assertSlackAccepts(ChannelNames.fit(name, "-9"));
            }
        }
    }
}
