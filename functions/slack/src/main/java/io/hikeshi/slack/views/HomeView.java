package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The App Home tab: the open incidents, newest first, one section each (id, title, severity, status, service, since
 * when, commander). A Home tab holds 100 blocks, so 98 incidents fit; past that the tab says how many more there are
 * (all of them are in {@code /incident list} and on the web page).
 */
public final class HomeView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private HomeView() { }

    public static View of(Messages m, List<Incident> open) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(SlackLimits.cut(m.get("home.header"), SlackLimits.HEADER_TEXT)))));
        if (open.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(m.get("home.empty")))));
        }
        int room = SlackLimits.VIEW_BLOCKS - blocks.size() - 1; // one kept for "…and N more"
        int shown = 0;
        for (Incident i : open) {
            List<LayoutBlock> entry = entry(m, i);
            if (entry.size() > room) {
                break;
            }
            blocks.addAll(entry);
            room -= entry.size();
            shown++;
        }
        if (shown < open.size()) {
            int more = open.size() - shown;
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.text(m, "home.more", more)))));
        }
        return view(v -> v.type("home").blocks(blocks));
    }

    private static List<LayoutBlock> entry(Messages m, Incident i) {
        String line = Mrkdwn.text(m, "home.line", i.id(), i.title(), i.severity().name(),
                IncidentViews.statusName(m, i.status()), IncidentViews.service(i), WHEN.format(i.detectedAt()))
                + (i.commander() == null ? "" : " · :firefighter: " + Mrkdwn.mention(i.commander(), ""));
        return List.of(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(line, SlackLimits.SECTION_TEXT)))));
    }
}
