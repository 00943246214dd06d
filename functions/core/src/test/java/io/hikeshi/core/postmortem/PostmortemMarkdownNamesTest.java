package io.hikeshi.core.postmortem;

import static io.hikeshi.core.postmortem.PostmortemMarkdownTest.INC;
import static io.hikeshi.core.postmortem.PostmortemMarkdownTest.INCIDENT;
import static io.hikeshi.core.postmortem.PostmortemMarkdownTest.TOKYO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineParams;
import io.hikeshi.core.people.Names;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Markdown export names people (owner, authors, action items' owners, the timeline's actors, commanders and
 * owners) by the names their workspace shows, and by id where no name is known. A name is the person's own text:
 * a {@code |} does not end its table cell, HTML is not markup and a link goes nowhere.
 */
class PostmortemMarkdownNamesTest {

    /** Alice's name would end a table cell and make bold text; Bob's would be a link to a script. */
    private static final Names NAMES = new Names(Map.of("U0ALICE", "Alice | <b>SRE</b>",
            "U0BOB", "[Bob](javascript:alert(1))"));

    private static final List<TimelineEntry> TIMELINE = List.of(
            entry("e1", "2026-11-24T03:12:45Z", TimelineKind.OPENED, "U0ALICE", TimelineParams.declared(), ""),
            entry("e2", "2026-11-24T03:14:00Z", TimelineKind.COMMANDER_CHANGED, "U0ALICE",
                    TimelineParams.commanderChanged("U0BOB"), ""),
            entry("e3", "2026-11-24T03:20:03Z", TimelineKind.PINNED_MESSAGE, "U0BOB", Map.of(), "Rolling back"),
            entry("e4", "2026-11-24T03:30:00Z", TimelineKind.POSTMORTEM_CHANGED, "U0CAROL",
                    TimelineParams.actionItemAssigned("U0DAVE"), "Validate pool size in CI"));

    private static Postmortem postmortem() {
        return new Postmortem(INC, "Payment API returns 5xx", LocalDate.parse("2026-11-25"), List.of("U0ALICE", "U0CAROL"),
                "U0ALICE", LocalDate.parse("2026-12-01"), "s", "i", "r", "t", "res", "d",
                List.of(new ActionItem("a1", "Validate pool size in CI", ActionItem.Type.PREVENT, "U0BOB",
                                LocalDate.parse("2026-12-08"), null, false),
                        new ActionItem("a2", "Roll back faster", ActionItem.Type.MITIGATE, "U0DAVE", null, null, false)),
                "w", "ww", "l", null, null, 3);
    }

    private static String render(Names names) {
        return PostmortemMarkdown.render(postmortem(), INCIDENT, TIMELINE, null, Messages.of(Messages.ENGLISH), TOKYO, names);
    }

    @Test
    void tableCells_showNames_withTheirPipeAndHtmlEscaped() {
        String md = render(NAMES);

        assertTrue(md.contains("| **Owner** | @Alice \\| \\<b>SRE\\</b> |\n"), md);
        assertTrue(md.contains("| **Authors** | @Alice \\| \\<b>SRE\\</b>, @U0CAROL |\n"), md);
        assertTrue(md.contains("| Validate pool size in CI | prevent | @[Bob\\](javascript:alert(1)) | 2026-12-08 | — |\n"), md);
        // every table row still has its five cells: no name ended one early
        md.lines().filter(l -> l.startsWith("| Validate") || l.startsWith("| Roll back"))
                .forEach(row -> assertEquals(6, row.split("(?<!\\\\)\\|", -1).length - 1, row));
    }

    @Test
    void theTimeline_namesWhoDidIt_andWhomItNamed() {
        String md = render(NAMES);

        assertTrue(md.contains("— opened — Declared by Alice | \\<b>SRE\\</b>\n"), md);
        assertTrue(md.contains("— commander changed — Commander → [Bob\\](javascript:alert(1))\n"), md);
        assertTrue(md.contains("— pinned message — @[Bob\\](javascript:alert(1)): Rolling back\n"), md);
        // nobody told Hikeshi Dave's name: his id stands in
        assertTrue(md.contains("Action item assigned to U0DAVE"), md);
    }

    @Test
    void withoutNames_everyoneIsTheirId() {
        String md = render(Names.NONE);

        assertTrue(md.contains("| **Owner** | @U0ALICE |"), md);
        assertTrue(md.contains("Declared by U0ALICE"), md);
        assertFalse(md.contains("Alice |"), md);
    }

    private static TimelineEntry entry(String id, String at, TimelineKind kind, String actor, Map<String, String> params,
                                       String text) {
        return new TimelineEntry(INC, id, Instant.parse(at), kind, actor, params, text, Map.of());
    }
}
