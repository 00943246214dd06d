package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.Assignments;
import io.hikeshi.slack.SlackIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The App Home tab of one person: a Declare button (the declare modal, as {@code /incident declare} opens it), the open
 * incidents newest first, each linked to its war room, then the postmortems the person owns and the action items they
 * hold that are not finished, each with its due date and overdue ones marked.
 *
 * <p>A Home tab holds 100 blocks and 250 kB of JSON. Each list shows at most a fixed number of lines and at most its
 * share of the characters the JSON leaves room for, then says how many more there are. Its lines are packed into
 * section texts of Slack's 3,000 characters, and a line is cut to {@link #LINE} so that a text always holds two: the
 * longest tab is 7 fixed blocks and at most ⌈101 / 2⌉ + 2 × ⌈26 / 2⌉ = 77 texts, 84 blocks, whatever people wrote.
 */
public final class HomeView {

    /** Lines each list shows; the rest are counted in its last line ("…and 12 more"). */
    public static final int INCIDENTS_SHOWN = 100;
    static final int POSTMORTEMS_SHOWN = 25;
    static final int ACTION_ITEMS_SHOWN = 25;
    /** A line's most characters (a third of a section text), so two always share a text. */
    static final int LINE = SlackLimits.SECTION_TEXT / 3;
    /** An action item's description as one line of a list shows it (the checklist shows it whole). */
    static final int DESCRIPTION_SHOWN = 200;
    /**
     * The characters all lists together may show: the view's JSON less 20 kB for its structure, fixed words and "more"
     * lines, at the most bytes a character can take. Ordinary lines are far from it; lines of escaped markup reach it.
     */
    static final int LISTS_CHARACTERS = (SlackLimits.VIEW_JSON_BYTES - 20_000) / SlackLimits.JSON_BYTES_PER_CHARACTER;
    /** The open incidents' share of those characters (two thirds); the postmortems' and action items', a sixth each. */
    static final int INCIDENTS_CHARACTERS = LISTS_CHARACTERS * 2 / 3;
    static final int MINE_CHARACTERS = LISTS_CHARACTERS / 6;


    private HomeView() { }

    /**
     * What one person's tab shows.
     *
     * @param open     the open incidents, newest first
     * @param warRooms the war-room channel of each open incident that has one
     * @param mine     what the viewer has to finish
     */
    public record Content(List<Incident> open, Map<IncidentId, String> warRooms, Assignments mine) { }

    public static View of(Messages m, Content content) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(actions(a -> a.blockId(SlackIds.Block.HOME_ACTIONS.id()).elements(List.of(button(b -> b
                .actionId(SlackIds.Action.DECLARE_FROM_HOME.id()).style("primary")
                .text(plainText(SlackLimits.cut(m.get("home.declare"), SlackLimits.BUTTON_TEXT))))))));
        blocks.add(context(c -> c.elements(List.of(markdownText(m.get("home.declare.note"))))));
        list(blocks, m.get("home.header"), m.get("home.empty"), new Room(INCIDENTS_SHOWN, INCIDENTS_CHARACTERS),
                more -> Mrkdwn.text(m, "home.more", more), content.open().stream().map(i -> incident(m, i, content.warRooms().get(i.id()))).toList());
        blocks.add(divider());
        list(blocks, m.get("home.pm.header"), m.get("home.pm.none"), new Room(POSTMORTEMS_SHOWN, MINE_CHARACTERS),
                more -> Mrkdwn.text(m, "home.pm.more", more),
                content.mine().postmortems().stream().map(p -> postmortem(m, p)).toList());
        blocks.add(divider());
        list(blocks, m.get("home.items.header"), m.get("home.items.none"), new Room(ACTION_ITEMS_SHOWN, MINE_CHARACTERS),
                more -> Mrkdwn.text(m, "home.items.more", more),
                content.mine().actionItems().stream().map(a -> actionItem(m, a)).toList());
        return view(v -> v.type("home").blocks(blocks));
    }

    /** How much of the tab a list may take: lines, and characters of them. */
    private record Room(int lines, int characters) { }

    /**
     * A header, then as many lines as fit its room (each cut to {@link #LINE}), then how many more there are, packed
     * into sections; or {@code none}.
     */
    private static void list(List<LayoutBlock> blocks, String title, String none, Room room, IntFunction<String> more,
                             List<String> lines) {
        blocks.add(header(h -> h.text(plainText(SlackLimits.cut(title, SlackLimits.HEADER_TEXT)))));
        if (lines.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(none))));
            return;
        }
        List<String> kept = new ArrayList<>();
        int characters = 0;
        for (String line : lines) {
            String shown = SlackLimits.cutMrkdwn(line, LINE);
            characters += SlackLimits.length(shown) + 1;
            if (kept.size() == room.lines() || characters > room.characters()) {
                break;
            }
            kept.add(shown);
        }
        if (kept.size() < lines.size()) {
            kept.add(more.apply(lines.size() - kept.size()));
        }
        // Two lines fit in every text, so the texts never run out before the lines do: nothing more is left out here.
        for (String text : SlackLimits.pack(kept, SlackLimits.SECTION_TEXT, kept.size(), more)) {
            blocks.add(section(s -> s.text(markdownText(text))));
        }
    }

    private static String incident(Messages m, Incident i, String warRoom) {
        Object room = warRoom != null ? Mrkdwn.channel(warRoom) : m.get("home.incident.noroom");
        return Mrkdwn.text(m, "home.incident.line", i.id(), i.title(), i.severity().name(),
                IncidentViews.statusName(m, i.status()), IncidentViews.service(i), Mrkdwn.when(i.detectedAt()), room)
                + (i.commander() == null ? "" : " · :firefighter: " + Mrkdwn.mention(i.commander(), ""));
    }

    private static String postmortem(Messages m, Assignments.Owned owned) {
        var pm = owned.postmortem();
        return Mrkdwn.text(m, owned.overdue() ? "home.pm.line.overdue" : "home.pm.line", pm.incident(), pm.title(),
                PostmortemViews.statusName(m, pm.status()), pm.due().toString());
    }

    private static String actionItem(Messages m, Assignments.Assigned assigned) {
        var item = assigned.item();
        String description = SlackLimits.cut(item.description(), DESCRIPTION_SHOWN);
        String type = PostmortemViews.typeName(m, item.type());
        if (item.due() == null) {
            return Mrkdwn.text(m, "home.items.line.undated", description, type, assigned.incident());
        }
        return Mrkdwn.text(m, assigned.overdue() ? "home.items.line.overdue" : "home.items.line", description, type,
                assigned.incident(), item.due().toString());
    }
}
