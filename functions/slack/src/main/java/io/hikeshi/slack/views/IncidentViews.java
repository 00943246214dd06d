package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Block Kit for incidents in messages: the card, the list of open ones, "which incident?". */
public final class IncidentViews {

    public static final int MAX_TITLE = Incident.MAX_TITLE;
    public static final int MAX_TEXT = 3000;
    /** Slack shows at most 25 buttons' worth of choices comfortably; 5 per actions block. */
    private static final int MAX_CHOICES = 25;
    private static final int BUTTONS_PER_ROW = 5;

    private IncidentViews() { }

    /** The incident card: pinned in the war room, updated in place on every change. */
    public static List<LayoutBlock> card(Messages m, Incident incident) {
        String value = incident.id().toString();
        List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
                section(s -> s.blockId(Block.CARD.of(incident.id()))
                        .text(markdownText(m.get("card.title", incident.id().toString(), Mrkdwn.escape(incident.title()))))),
                section(s -> s.text(markdownText(m.get("card.fields", incident.severity().name(),
                        statusName(m, incident.status()), incident.service(),
                        Mrkdwn.mention(incident.commander(), m.get("card.nobody"))))))));
        if (incident.isOpen()) {
            blocks.add(actions(a -> a.blockId(Block.CARD_ACTIONS.id()).elements(asElements(
                    button(b -> b.actionId(Action.ACKNOWLEDGE.id()).text(plainText(m.get("button.acknowledge"))).value(value)
                            .style("primary")),
                    button(b -> b.actionId(Action.TAKE_COMMAND.id()).text(plainText(m.get("button.take.command"))).value(value)),
                    staticSelect(s -> s.actionId(Action.CHANGE_SEVERITY.id()).placeholder(plainText(m.get("select.severity")))
                            .options(severityChoices(value))),
                    button(b -> b.actionId(Action.STATUS_UPDATE.id()).text(plainText(m.get("button.status.update"))).value(value)),
                    button(b -> b.actionId(Action.RESOLVE.id()).text(plainText(m.get("button.resolve"))).value(value)
                            .style("danger"))))));
        }
        return blocks;
    }

    /** The card's words without blocks: the notification text of a redrawn card. */
    public static String cardText(Incident incident) {
        return incident.id() + ": " + incident.title();
    }

    public static List<LayoutBlock> list(Messages m, List<Incident> open) {
        if (open.isEmpty()) {
            return asBlocks(section(s -> s.text(markdownText(m.get("no.open.incidents")))));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(m.get("list.header")))));
        for (Incident i : open) {
            blocks.add(section(s -> s.text(markdownText(m.get("list.line", "*" + i.id() + "*", Mrkdwn.escape(i.title()),
                    i.severity().name(), statusName(m, i.status()), i.service())))));
        }
        return blocks;
    }

    /** "Which incident?" with one button per open incident; the button re-runs the command on it. */
    public static List<LayoutBlock> pickIncident(Messages m, String command, List<Incident> open) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(m.get("pick.incident", command)))));
        List<BlockElement> buttons = new ArrayList<>();
        for (Incident i : open.subList(0, Math.min(open.size(), MAX_CHOICES))) {
            buttons.add(button(b -> b.actionId(Action.PICK_INCIDENT.id() + ":" + i.id())
                    .text(plainText(clip(i.id() + " " + i.title(), 70))).value(i.id() + "|" + command)));
        }
        for (int from = 0; from < buttons.size(); from += BUTTONS_PER_ROW) {
            List<BlockElement> row = buttons.subList(from, Math.min(from + BUTTONS_PER_ROW, buttons.size()));
            blocks.add(actions(a -> a.elements(row)));
        }
        return blocks;
    }

    public static String statusName(Messages m, Status status) {
        return m.get("status." + status.name().toLowerCase(Locale.ROOT));
    }

    /** For the card's select: the value carries the incident too (INC-0042|SEV1). */
    private static List<OptionObject> severityChoices(String incident) {
        return Arrays.stream(Severity.values()).map(s -> option(plainText(s.name()), incident + "|" + s.name())).toList();
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
