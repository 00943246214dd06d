package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The words the pages build from a value (a kind, a type, a checklist item) exist for every value, in both languages. */
class WordsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final List<Words> BOTH = List.of(Words.forLanguage("ja", TOKYO), Words.forLanguage("en", TOKYO));

    @Test
    void everyTimelineKindAndActionItemType_hasAWord_inBothLanguages() {
        // GIVEN every kind of timeline entry and of action item
        List<String> missing = new ArrayList<>();
        for (Words words : BOTH) {
            // WHEN each is named
            for (TimelineKind kind : TimelineKind.values()) {
                check(words, words.kind(kind), missing);
            }
            for (ActionItem.Type type : ActionItem.Type.values()) {
                check(words, words.actionType(type), missing);
            }
        }

        // THEN none comes back as its catalogue key
        assertTrue(missing.isEmpty(), () -> "no words for: " + missing);
    }

    @Test
    void everyChecklistItem_hasAWord_inBothLanguages() {
        // GIVEN an empty postmortem with one unassigned action item: the checklist lacks every item it has
        Postmortem empty = new Postmortem(new IncidentId(1), "empty", LocalDate.of(2026, 11, 24), List.of(), null, null,
                null, null, null, null, null, null,
                List.of(new ActionItem("a1", "Rehearse the rollback", ActionItem.Type.PROCESS, null, null, null, false)),
                null, null, null, null, null, 0);
        List<PostmortemChecklist.Missing> lacking = PostmortemChecklist.missing(empty);

        // WHEN listed in each language
        // THEN every item is in words, the unassigned item named
        for (Words words : BOTH) {
            String list = words.missing(lacking);
            assertFalse(list.contains("web.") || list.contains("section.") || list.contains("action."), list);
            assertTrue(list.contains("Rehearse the rollback"), list);
        }
    }

    @Test
    void durations_inWholeMinutes_andMeansToOneDecimal_withADashForNone() {
        // GIVEN a reader of either language
        for (Words words : BOTH) {
            // WHEN durations and means are written
            // THEN minutes are whole, clock skew reads 0, a mean has one decimal, and "none" is a dash
            assertEquals("28 min", words.minutes(Optional.of(Duration.ofSeconds(28 * 60 + 59))));
            assertEquals("0 min", words.minutes(Optional.of(Duration.ofMinutes(-3))));
            assertEquals("—", words.minutes(Optional.empty()));
            assertEquals("60.7 min", words.meanMinutes(OptionalDouble.of(182.0 / 3)));
            assertEquals("— min", words.meanMinutes(OptionalDouble.empty()));
            assertEquals("2026-11-24 12:00 JST", words.when(Instant.parse("2026-11-24T03:00:59Z")));
        }
    }

    private static void check(Words words, String word, List<String> missing) {
        if (word.startsWith("web.")) {
            missing.add(words.lang() + " " + word);
        }
    }
}
