package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;

import com.slack.api.model.block.LayoutBlock;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.core.warroom.WarRoomChat.Announcement;
import io.hikeshi.core.warroom.WarRoomChat.Bookmark;
import io.hikeshi.slack.SlackIds.Block;
import java.util.List;
import java.util.stream.Collectors;

/** The war room's words and Block Kit: topic, welcome, bookmarks, response guide, announcements. */
public final class WarRoomViews {

    private WarRoomViews() { }

    public static String topic(Messages m, Incident i) {
        return m.get("warroom.topic", i.severity().name(), IncidentViews.statusName(m, i.status()), i.service(),
                Mrkdwn.mention(i.commander(), m.get("card.nobody")));
    }

    /** The card's notification text when it is first posted. */
    public static String welcome(Messages m, IncidentId incident) {
        return m.get("warroom.welcome", incident.toString());
    }

    public static String bookmarkTitle(Messages m, Bookmark bookmark, IncidentId incident) {
        return switch (bookmark.kind()) {
            case RUNBOOK -> m.get("warroom.bookmark.runbook");
            case DASHBOARD -> m.get("warroom.bookmark.dashboard");
            case INCIDENT_PAGE -> m.get("warroom.bookmark.incident") + " " + incident;
        };
    }

    public static String guideHeader(Messages m, ResponseGuide guide) {
        return m.get("warroom.guide.header", guide.title());
    }

    /** The response guide as a checklist; its header block says whose it is, so a retry can find it. */
    public static List<LayoutBlock> guide(Messages m, IncidentId incident, ResponseGuide guide) {
        String checklist = guide.steps().stream().map(step -> ":white_large_square: " + step).collect(Collectors.joining("\n"));
        return asBlocks(
                section(s -> s.blockId(Block.GUIDE.of(incident)).text(markdownText(guideHeader(m, guide)))),
                section(s -> s.text(markdownText(checklist))),
                context(c -> c.elements(asContextElements(markdownText(m.get("warroom.guide.source", guide.source()))))));
    }

    /** What the broadcast channel is told; what people typed is escaped, so it cannot mention anyone. */
    public static String announcement(Messages m, Announcement announcement) {
        return switch (announcement) {
            case Announcement.Opened o -> m.get("broadcast.opened", o.incident().id().toString(),
                    o.incident().severity().name(), o.incident().service(), Mrkdwn.escape(o.incident().title()), o.channel());
            case Announcement.SeverityChanged s -> m.get("broadcast.severity", s.incident().toString(), s.from().name(),
                    s.to().name(), Mrkdwn.escape(s.title()));
            case Announcement.StatusUpdate u -> m.get("broadcast.update", u.incident().toString(),
                    IncidentViews.statusName(m, u.status()), Mrkdwn.escape(u.summary()));
            case Announcement.Resolved r -> m.get("broadcast.resolved", r.incident().toString(), Mrkdwn.escape(r.title()));
        };
    }
}
