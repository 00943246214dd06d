package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;
import static com.slack.api.model.view.Views.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The App Home tab: the open incidents, newest first. */
public final class HomeView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private HomeView() { }

    public static View of(Messages m, List<Incident> open) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(m.get("home.header")))));
        if (open.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(m.get("home.empty")))));
        }
        for (Incident i : open) {
            blocks.add(divider());
            blocks.add(section(s -> s.text(markdownText(m.get("home.line", i.id().toString(), Mrkdwn.escape(i.title()),
                    i.severity().name(), IncidentViews.statusName(m, i.status()), i.service(), WHEN.format(i.detectedAt()))))));
            if (i.commander() != null) {
                blocks.add(context(c -> c.elements(asContextElements(markdownText(":firefighter: <@" + i.commander() + ">")))));
            }
        }
        return view(v -> v.type("home").blocks(blocks));
    }
}
