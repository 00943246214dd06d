package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;

import com.slack.api.model.block.LayoutBlock;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Roles;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.core.warroom.WarRoomChat.Announcement;
import io.hikeshi.core.warroom.WarRoomChat.Bookmark;
import io.hikeshi.core.warroom.WarRoomChat.Line;
import io.hikeshi.slack.SlackIds.Block;
import java.util.ArrayList;
import java.util.List;

/** The war room's words and Block Kit: topic, welcome, bookmarks, response guide, announcements; sized by {@link SlackLimits}. */
public final class WarRoomViews {

    private WarRoomViews() { }

    /**
     * Severity, status, service, commander and the roles filled, in a channel topic's 250 characters. Slack says a topic "does not
     * support formatting or linkification" (https://docs.slack.dev/reference/methods/conversations.setTopic), yet its
     * clients show the {@code <@U…>} in it as a mention: the service is escaped as in any mrkdwn, so it can never
     * become one, nor a link or {@code <!channel>}.
     */
    public static String topic(Messages m, Incident i) {
        String topic = Mrkdwn.text(m, "warroom.topic", i.severity().name(), IncidentViews.statusName(m, i.status()),
                IncidentViews.service(i), Mrkdwn.mention(i.commander(), m.get("card.nobody")));
        if (!i.roles().isEmpty()) { // last, so that a cut to the limit takes them before the commander
            topic = Mrkdwn.text(m, "roles.topic", new Mrkdwn.Markup(topic),
                    new Mrkdwn.Markup(String.join(", ", IncidentViews.roles(m, i, "roles.topic.role"))));
        }
        return SlackLimits.cutMrkdwn(topic, SlackLimits.TOPIC);
    }

    /** The card's notification text when it is first posted. */
    public static String welcome(Messages m, IncidentId incident) {
        return Mrkdwn.text(m, "warroom.welcome", incident);
    }

    public static String bookmarkTitle(Messages m, Bookmark bookmark, IncidentId incident) {
        return SlackLimits.cut(switch (bookmark.kind()) {
            case RUNBOOK -> m.get("warroom.bookmark.runbook");
            case DASHBOARD -> m.get("warroom.bookmark.dashboard");
            case INCIDENT_PAGE -> m.get("warroom.bookmark.incident") + " " + incident;
        }, SlackLimits.BOOKMARK_TITLE);
    }

    /** Whether Slack takes this link as a bookmark (at most 2,048 characters): a longer one cannot be cut, so it is left out. */
    public static boolean bookmarkable(String url) {
        return url != null && SlackLimits.length(url) <= SlackLimits.BOOKMARK_LINK;
    }

    /** The guide's header line, also the notification text of its message. */
    public static String guideHeader(Messages m, ResponseGuide guide) {
        return SlackLimits.cutMrkdwn(Mrkdwn.text(m, "warroom.guide.header", guide.title()), SlackLimits.SECTION_TEXT);
    }

    /** The response guide as a checklist people tick ({@link GuideChecklistView}). */
    public static List<LayoutBlock> guide(Messages m, IncidentId incident, ResponseGuide guide) {
        return GuideChecklistView.blocks(m, incident, guide);
    }

    /**
     * What the broadcast channel is told; what people typed is escaped, so it cannot mention anyone. A status update
     * is at most 3,000 characters, so an announcement never nears a message's 40,000; it is cut all the same.
     */
    public static String announcement(Messages m, Announcement announcement) {
        return SlackLimits.cutMrkdwn(words(m, announcement), SlackLimits.MESSAGE_TEXT);
    }

    private static String words(Messages m, Announcement announcement) {
        return switch (announcement) {
            case Announcement.Opened o -> Mrkdwn.text(m, "broadcast.opened", o.incident().id(),
                    o.incident().severity().name(), IncidentViews.service(o.incident()), o.incident().title(), o.channel());
            case Announcement.SeverityChanged s -> Mrkdwn.text(m, "broadcast.severity", s.incident(), s.from().name(),
                    s.to().name(), s.title());
            case Announcement.StatusUpdate u -> Mrkdwn.text(m, "broadcast.update", u.incident(),
                    IncidentViews.statusName(m, u.status()), u.summary());
            case Announcement.Resolved r -> Mrkdwn.text(m, "broadcast.resolved", r.incident(), r.title());
            case Announcement.Mitigated r -> Mrkdwn.text(m, "broadcast.mitigated", r.incident(), r.title());
            case Announcement.Reopened r when r.reason() == null ->
                    Mrkdwn.text(m, "broadcast.reopened", r.incident(), r.title());
            case Announcement.Reopened r -> Mrkdwn.text(m, "broadcast.reopened.by", r.incident(), r.title(), r.reason());
        };
    }

    /** The war room's line about one change; a status update's summary is at most 3,000 characters, cut all the same. */
    public static String line(Messages m, Line line) {
        return SlackLimits.cutMrkdwn(lineWords(m, line), SlackLimits.MESSAGE_TEXT);
    }

    private static String lineWords(Messages m, Line line) {
        Mrkdwn.Markup actor = Mrkdwn.actor(line.actor());
        return switch (line) {
            case Line.StatusChanged s when s.to() == Status.ACKNOWLEDGED -> Mrkdwn.text(m, "line.acknowledged", actor);
            case Line.StatusChanged s when s.from() == Status.MITIGATED && s.to() == Status.INVESTIGATING ->
                    Mrkdwn.text(m, "line.reopened", actor, IncidentViews.statusName(m, s.from()),
                            IncidentViews.statusName(m, s.to()));
            case Line.StatusChanged s -> Mrkdwn.text(m, "line.status", actor, IncidentViews.statusName(m, s.from()),
                    IncidentViews.statusName(m, s.to()));
            case Line.SeverityChanged s -> Mrkdwn.text(m, "line.severity", actor, s.from().name(), s.to().name());
            case Line.Reopened r -> Mrkdwn.text(m, "line.reopened.by", actor, r.reason());
            case Line.RoleChanged r when r.user().equals(r.actor()) -> Mrkdwn.text(m, "roles.line.self", actor,
                    Roles.words(r.role()));
            case Line.RoleChanged r -> Mrkdwn.text(m, "roles.line", actor, Mrkdwn.actor(r.user()), Roles.words(r.role()));
            case Line.CommanderChanged c -> Mrkdwn.text(m, "line.commander" + (c.commander().equals(c.actor()) ? ".self" : "")
                    + (c.acknowledged() ? ".ack" : ""), actor, Mrkdwn.actor(c.commander()));
            case Line.StatusUpdate u when u.from() == null ->
                    Mrkdwn.text(m, "line.update", actor, IncidentViews.statusName(m, u.to()), u.summary());
            case Line.StatusUpdate u -> Mrkdwn.text(m, "line.update.moved", actor, IncidentViews.statusName(m, u.from()),
                    IncidentViews.statusName(m, u.to()), u.summary());
            case Line.SourceMessage s -> Mrkdwn.text(m, "decl.line.source", actor, messageLink(m, s.permalink()),
                    s.author() == null ? m.get("decl.line.source.someone") : Mrkdwn.actor(s.author()),
                    CHANNEL_ID.matcher(s.channel()).matches() ? new Mrkdwn.Markup("<#" + s.channel() + ">") : s.channelShown());
        };
    }

    /** Slack's channel ids, which mrkdwn mentions as {@code <#C…>} (Slack shows the name to whoever may see it). */
    private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[CG][A-Z0-9]{2,}");

    /**
     * "a message", linked to it when Slack gave an http(s) permalink. The link is Hikeshi's markup around Slack's URL:
     * a URL with a character that would end the link token is not linked.
     */
    private static Object messageLink(Messages m, String permalink) {
        String words = m.get("decl.line.source.message");
        return io.hikeshi.core.incident.Links.http(permalink)
                .filter(url -> url.chars().noneMatch(c -> c == '|' || c == '<' || c == '>' || Character.isWhitespace(c)))
                .<Object>map(url -> new Mrkdwn.Markup("<" + url.replace("&", "&amp;") + "|" + Mrkdwn.escape(words) + ">"))
                .orElse(words);
    }
}
