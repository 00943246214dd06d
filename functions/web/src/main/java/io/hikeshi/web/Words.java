package io.hikeshi.web;

import gg.jte.support.LocalizationSupport;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.people.Names;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything a page says, in its reader's language: the catalogue's words (area {@code web}) and
 * the page's way of writing times and durations. Templates get their words only from here.
 */
public final class Words implements LocalizationSupport {

    /** Shown where there is no value (not acknowledged yet, no commander …). */
    public static final String NONE = "—";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Messages JAPANESE = Messages.of(Messages.JAPANESE);
    private static final Messages ENGLISH = Messages.of(Messages.ENGLISH);

    private final Messages messages;
    private final ZoneId zone;

    private Words(Messages messages, ZoneId zone) {
        this.messages = messages;
        this.zone = zone;
    }

    /** English for {@code lang=en}, Japanese otherwise (the first users are Japanese teams). */
    static Words forLanguage(String lang, ZoneId zone) {
        return new Words("en".equals(lang) ? ENGLISH : JAPANESE, zone);
    }

    /** The page's language: {@code ja} or {@code en}. */
    public String lang() {
        return messages.locale().getLanguage();
    }

    public Locale locale() {
        return messages.locale();
    }

    /** The other language, for the switch. */
    public String otherLang() {
        return "ja".equals(lang()) ? "en" : "ja";
    }

    /** The other language's name in that language, as a language switch shows it. */
    public String otherLanguageName() {
        return ("ja".equals(lang()) ? ENGLISH : JAPANESE).get("web.language.name");
    }

    public String get(String key, Object... args) {
        return messages.get(key, args);
    }

    public String text(Text text) {
        return text.render(messages);
    }

    public String status(Status status) {
        return text(status.text());
    }

    /** The page's word for a kind; a kind without one of its own is named as the timeline names it elsewhere. */
    public String kind(TimelineKind kind) {
        String key = "web.timeline.kind." + kind.name().toLowerCase(Locale.ROOT);
        return messages.has(key) ? get(key) : TimelineText.kind(kind, messages);
    }

    /** Who said a postmortem is not needed, when, and why. */
    public String notNeeded(Postmortem.NotNeeded decision) {
        return get("pmp.web.not.needed", decision.by(), when(decision.at()), decision.reason());
    }

    /** The entry's sentence, its people by name where known. */
    public String entry(TimelineEntry entry, Names names) {
        return TimelineText.render(entry, messages, names);
    }

    /** The catalogue in the page's language (for what renders itself: the postmortem's Markdown). */
    Messages messages() {
        return messages;
    }

    public String actionType(ActionItem.Type type) {
        return get("pm.type." + type.name().toLowerCase(Locale.ROOT));
    }

    /** What the postmortem's checklist still lacks, as a list. */
    public String missing(List<PostmortemChecklist.Missing> missing) {
        return get("web.checklist.missing", String.join(get("web.checklist.separator"),
                missing.stream().map(m -> get("web.missing." + m.key(), m.detail())).toList()));
    }

    /** A time in the team's time zone, to the minute: {@code 2026-11-24 12:00 JST}. */
    public String when(Instant at) {
        return at == null ? NONE : WHEN.format(at.atZone(zone)) + " " + zone.getId().replace("Asia/Tokyo", "JST");
    }

    /** Whole minutes; a milestone before detection means the monitor's clock ran ahead of ours: shown as 0. */
    public String minutes(Optional<Duration> duration) {
        return duration.map(d -> get("web.minutes", Math.max(0, d.toMinutes()))).orElse(NONE);
    }

    /** A mean in minutes to one decimal, the unit shown even without a value: {@code 8.0 min}, {@code — min}. */
    public String meanMinutes(OptionalDouble minutes) {
        return get("web.minutes", minutes.isPresent() ? oneDecimal(minutes.getAsDouble()) : NONE);
    }

    public static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * A message for {@code localize}, whose blanks a template fills with markup of its own: the
     * message's text is written as it stands (it is ours, and plain), the values in its blanks are
     * escaped unless the template gave them as markup.
     */
    @Override
    public String lookup(String key) {
        return messages.get(key);
    }
}
