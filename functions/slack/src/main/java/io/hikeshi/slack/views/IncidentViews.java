package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Roles;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Block Kit for incidents in messages: the card, the list of open ones, "which incident?"; sized by {@link SlackLimits}. */
public final class IncidentViews {

    public static final int MAX_TITLE = Incident.MAX_TITLE;
    /** Descriptions, notes and status updates: what a Slack form's plain-text input takes. */
    public static final int MAX_TEXT = SlackLimits.PLAIN_TEXT_INPUT;
    /** Slack shows at most 25 buttons' worth of choices comfortably; 5 per actions block. */
    private static final int MAX_CHOICES = 25;
    private static final int BUTTONS_PER_ROW = 5;

    private IncidentViews() { }

    /** The incident card: pinned in the war room, updated in place on every change. */
    public static List<LayoutBlock> card(Messages m, Incident incident) {
        String value = incident.id().toString();
        List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
                section(s -> s.blockId(Block.CARD.of(incident.id())).text(markdownText(SlackLimits.cutMrkdwn(
                        Mrkdwn.text(m, "card.title", incident.id(), incident.title()),
                        SlackLimits.SECTION_TEXT)))),
                section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "card.fields", incident.severity().name(),
                        statusName(m, incident.status()), service(incident),
                        Mrkdwn.mention(incident.commander(), m.get("card.nobody"))), SlackLimits.SECTION_TEXT))))));
        if (!incident.roles().isEmpty()) {
            blocks.add(context(c -> c.elements(asContextElements(markdownText(SlackLimits.cutMrkdwn(
                    String.join("   ", roles(m, incident, "roles.card.role")), SlackLimits.TEXT_OBJECT))))));
        }
        if (incident.isOpen()) {
            blocks.add(actions(a -> a.blockId(Block.CARD_ACTIONS.id()).elements(asElements(
                    button(b -> b.actionId(Action.ACKNOWLEDGE.id()).text(buttonText(m.get("button.acknowledge"))).value(value)
                            .style("primary")),
                    button(b -> b.actionId(Action.TAKE_COMMAND.id()).text(buttonText(m.get("button.take.command"))).value(value)),
                    staticSelect(s -> s.actionId(Action.CHANGE_SEVERITY.id())
                            .placeholder(plainText(SlackLimits.cut(m.get("select.severity"), SlackLimits.PLACEHOLDER)))
                            .options(severityChoices(value))),
                    button(b -> b.actionId(Action.STATUS_UPDATE.id()).text(buttonText(m.get("button.status.update"))).value(value)),
                    button(b -> b.actionId(Action.RESOLVE.id()).text(buttonText(m.get("button.resolve"))).value(value)
                            .style("danger"))))));
        }
        return blocks;
    }

    /**
     * The roles filled besides the commander, in mrkdwn, one per role (by role name), each through {@code key}: the
     * role's words ({@link Roles#words}: a team's own role escaped as written), then a mention of who fills it.
     */
    public static List<String> roles(Messages m, Incident incident, String key) {
        return incident.roles().entrySet().stream()
                .map(role -> Mrkdwn.text(m, key, Roles.words(role.getKey()), Mrkdwn.actor(role.getValue()))).toList();
    }

    /** The card's words without blocks (mrkdwn too): the notification text of a redrawn card (chat.update takes 4,000). */
    public static String cardText(Incident incident) {
        return SlackLimits.cutMrkdwn(Mrkdwn.escape(incident.id() + ": " + incident.title()), SlackLimits.UPDATE_TEXT);
    }

    /**
     * The open incidents, one line each, packed into as few sections as they fill so that sixty of them fit in one
     * message (50 blocks); past that, the last line says how many more there are.
     */
    public static List<LayoutBlock> list(Messages m, List<Incident> open) {
        if (open.isEmpty()) {
            return asBlocks(section(s -> s.text(markdownText(m.get("no.open.incidents")))));
        }
        List<String> lines = open.stream().map(i -> Mrkdwn.text(m, "list.line", Mrkdwn.bold(i.id()), i.title(),
                i.severity().name(), statusName(m, i.status()), service(i))).toList();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(m.get("list.header")))));
        for (String text : SlackLimits.pack(lines, SlackLimits.SECTION_TEXT, SlackLimits.MESSAGE_BLOCKS - 1,
                left -> Mrkdwn.text(m, "list.more", left))) {
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        return blocks;
    }

    /**
     * "Which incident?" with one button per open incident (the newest 25); the button re-runs the command on it. The
     * command rides in the button's value, so one that does not fit there ({@link #fitsAButton}) is not offered.
     */
    public static List<LayoutBlock> pickIncident(Messages m, String command, List<Incident> open) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pick.incident",
                command), SlackLimits.SECTION_TEXT)))));
        List<BlockElement> buttons = new ArrayList<>();
        for (Incident i : open.subList(0, Math.min(open.size(), MAX_CHOICES))) {
            buttons.add(button(b -> b.actionId(Action.PICK_INCIDENT.id() + ":" + i.id())
                    .text(buttonText(i.id() + " " + i.title())).value(pickValue(i.id().toString(), command))));
        }
        for (int from = 0; from < buttons.size(); from += BUTTONS_PER_ROW) {
            List<BlockElement> row = buttons.subList(from, Math.min(from + BUTTONS_PER_ROW, buttons.size()));
            blocks.add(actions(a -> a.elements(row)));
        }
        if (open.size() > MAX_CHOICES) {
            blocks.add(context(c -> c.elements(asContextElements(markdownText(Mrkdwn.text(m, "pick.more",
                    open.size() - MAX_CHOICES))))));
        }
        return blocks;
    }

    /** Whether a command can ride on a "which incident?" button (its value is at most 2,000 characters). */
    public static boolean fitsAButton(String command) {
        return SlackLimits.length(pickValue("INC-000000000000", command)) <= SlackLimits.BUTTON_VALUE;
    }

    private static String pickValue(String incident, String command) {
        return incident + "|" + command;
    }

    /** A service name where it shares a line with other facts: cut to {@link SlackLimits#SERVICE_SHOWN}. */
    public static String service(Incident incident) {
        return SlackLimits.cut(incident.service(), SlackLimits.SERVICE_SHOWN);
    }

    private static com.slack.api.model.block.composition.PlainTextObject buttonText(String text) {
        return plainText(SlackLimits.cut(text, SlackLimits.BUTTON_TEXT));
    }

    public static String statusName(Messages m, Status status) {
        return m.get("status." + status.name().toLowerCase(Locale.ROOT));
    }

    /** For the card's select: the value carries the incident too (INC-0042|SEV1). */
    private static List<OptionObject> severityChoices(String incident) {
        return Arrays.stream(Severity.values()).map(s -> option(plainText(s.name()), incident + "|" + s.name())).toList();
    }

}
