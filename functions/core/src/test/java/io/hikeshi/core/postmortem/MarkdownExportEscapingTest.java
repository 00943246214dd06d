package io.hikeshi.core.postmortem;

import static io.hikeshi.core.postmortem.PostmortemMarkdownTest.DETECTED;
import static io.hikeshi.core.postmortem.PostmortemMarkdownTest.INC;
import static io.hikeshi.core.postmortem.PostmortemMarkdownTest.TOKYO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The postmortem export, read back by a real Markdown renderer (CommonMark with GitHub's tables): what
 * people and monitors wrote is shown as text, wherever they wrote it. No HTML of theirs becomes markup,
 * no link of theirs goes anywhere but http(s), no table cell of theirs breaks its table, and their words
 * are all still there to read.
 */
class MarkdownExportEscapingTest {

    private static final List<Extension> GFM = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(GFM).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(GFM).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().extensions(GFM).build();
    /** The elements the export's own structure makes; anything else came from what someone wrote. */
    private static final Set<String> OWN_ELEMENTS = Set.of("h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th",
            "td", "ul", "li", "a", "strong", "em", "code", "blockquote");
    private static final Pattern ELEMENT = Pattern.compile("<(?:/)?([a-zA-Z][a-zA-Z0-9]*)");
    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href='https://evil.example'>log in again</a>",
            "<svg onload=alert(1)>",
            "<!-- hidden --> shown",
            "<style>body{display:none}</style>",
            "<div>\n\nblock\n\n</div>",
            "<?php echo 1 ?>",
            "<![CDATA[x]]>",
            "<javascript:alert(1)>",
            "<https://evil.example>",
            "[click](javascript:alert(1))",
            "[click](JAVASCRIPT:alert(1))",
            "[click](  javascript:alert(1))",
            "[click](<javascript:alert(1)>)",
            "[click](data:text/html;base64,PHNjcmlwdD4=)",
            "[click](vbscript:msgbox(1))",
            "[click](//evil.example)",
            "[click](&#106;avascript:alert(1))",
            "![pixel](javascript:alert(1))",
            "[click][r]\n\n[r]: javascript:alert(1)",
            "[click\\\\](javascript:alert(1))",
            "x | y",
            "x \\| y | z",
            "x \\\\| y",
            "line one\n| --- | --- |\n| injected | row |",
            "x\r\ny\u2028z | w",
    })
    void whatSomeoneWrote_isShownAsText_byAMarkdownRenderer(String written) {
        // GIVEN a postmortem where everything people and monitors wrote is the attack
        String markdown = exportWith(written);

        // WHEN a Markdown renderer shows the export
        Node document = PARSER.parse(markdown);
        String html = HTML.render(document);

        // THEN only the export's own elements are markup, links go only to http(s), every table keeps its columns,
        // and the words are there to read
        elements(html).forEach(e -> assertTrue(OWN_ELEMENTS.contains(e), () -> "<" + e + "> from what was written:\n" + html));
        hrefs(html).forEach(h -> assertTrue(h.startsWith("https://"), () -> "a link to " + h + ":\n" + html));
        tablesKeepTheirColumns(document, html);
        String text = oneLine(TEXT.render(document));
        assertTrue(text.contains(oneLine(readable(written))), () -> "shown as written: " + written + "\n" + text);
    }

    /** The postmortem and its incident, with {@code written} in every place people or monitors write. */
    private static String exportWith(String written) {
        Incident incident = new Incident(INC, written, Severity.SEV2, Status.RESOLVED, written, "U0ALICE", null, null,
                DETECTED, null, null, DETECTED.plusSeconds(600), 0, 1);
        Postmortem pm = PostmortemMarkdownTest.full()
                .withSection(Postmortem.Section.SUMMARY, written)
                .withActionItems(List.of(new ActionItem("a1", written, ActionItem.Type.PREVENT, "U0BOB",
                        LocalDate.parse("2026-12-08"), written, false)));
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry(INC, "e1", DETECTED, TimelineKind.ALERT_NOTE, "generic", written, Map.of()),
                new TimelineEntry(INC, "e2", DETECTED.plusSeconds(60), TimelineKind.PINNED_MESSAGE, "U0BOB", written,
                        Map.of("permalink", written, "pinnedBy", "U0ALICE", "channel", "C0WARROOM")));
        return PostmortemMarkdown.render(pm, incident, timeline, null, Locale.ENGLISH, TOKYO);
    }

    /** Each table has as many cells in every row as in its head. */
    private static void tablesKeepTheirColumns(Node node, String html) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableBlock table) {
                List<Integer> widths = new ArrayList<>();
                rows(table, widths);
                assertTrue(widths.stream().distinct().count() == 1, () -> "a table row broke: " + widths + "\n" + html);
            } else {
                tablesKeepTheirColumns(child, html);
            }
        }
    }

    private static void rows(Node node, List<Integer> widths) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow) {
                int cells = 0;
                for (Node cell = child.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells += cell instanceof TableCell ? 1 : 0;
                }
                widths.add(cells);
            } else {
                rows(child, widths);
            }
        }
    }

    private static List<String> elements(String html) {
        return ELEMENT.matcher(html).results().map(r -> r.group(1).toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> hrefs(String html) {
        Matcher m = HREF.matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /**
     * What a reader sees of it: a backslash escape the writer typed shows the character it escapes, a
     * character reference the character it stands for (CommonMark's own rules, applied to their Markdown).
     */
    private static String readable(String written) {
        return written.replaceAll("\\\\(\\p{Punct})", "$1").replace("&#106;", "j");
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\s\\u2028]+", " ").strip();
    }
}
