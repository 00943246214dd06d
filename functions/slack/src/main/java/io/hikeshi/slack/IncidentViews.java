package io.hikeshi.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Input;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Block Kit for modals, the incident card, lists and the App Home tab. */
public final class IncidentViews {

    public static final int MAX_TITLE = Incident.MAX_TITLE;
    public static final int MAX_TEXT = 3000;
    /** Slack's limit for a modal title. */
    private static final int MAX_VIEW_TITLE = 24;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private IncidentViews() { }

    public static View declareModal(Messages m, String privateMetadata) {
        return modal(m, SlackIds.View.DECLARE, m.get("modal.declare.title"), privateMetadata, asBlocks(
                input(i -> i.blockId(Input.TITLE.id()).label(plainText(m.get("field.title")))
                        .hint(plainText(m.get("field.title.hint")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(MAX_TITLE)))),
                input(i -> i.blockId(Input.SEVERITY.id()).label(plainText(m.get("field.severity")))
                        .element(staticSelect(s -> s.actionId(SlackIds.VALUE).options(severityOptions())
                                .initialOption(severityOption(Severity.SEV3))))),
                input(i -> i.blockId(Input.SERVICE.id()).label(plainText(m.get("field.service")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(63)))),
                input(i -> i.blockId(Input.DESCRIPTION.id()).label(plainText(m.get("field.description"))).optional(true)
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true).maxLength(MAX_TEXT))))));
    }

    /** @param channel where the modal was opened from: the update is announced there */
    public static View statusModal(Messages m, IncidentId id, Status current, String channel) {
        List<OptionObject> statuses = Arrays.stream(Status.values()).filter(s -> s != Status.TRIGGERED && s != Status.RESOLVED)
                .map(s -> option(plainText(statusName(m, s)), s.name())).toList();
        OptionObject initial = statuses.stream().filter(o -> o.getValue().equals(current.name())).findFirst()
                .orElse(statuses.get(0));
        return modal(m, SlackIds.View.STATUS_UPDATE, m.get("modal.status.title"), id + "|" + channel, asBlocks(
                section(s -> s.text(markdownText("*" + id + "*"))),
                input(i -> i.blockId(Input.STATUS.id()).label(plainText(m.get("field.status")))
                        .element(staticSelect(s -> s.actionId(SlackIds.VALUE).options(statuses).initialOption(initial)))),
                input(i -> i.blockId(Input.SUMMARY.id()).label(plainText(m.get("field.summary")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true).maxLength(MAX_TEXT))))));
    }

    public static View resolveModal(Messages m, IncidentId id, String channel) {
        return modal(m, SlackIds.View.RESOLVE, m.get("modal.resolve.title", id.toString()), id + "|" + channel, asBlocks(
                input(i -> i.blockId(Input.RESOLUTION.id()).label(plainText(m.get("field.resolution")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true).maxLength(MAX_TEXT))))));
    }

    /** The incident card: pinned in the war room, updated in place on every change. */
    public static List<LayoutBlock> card(Messages m, Incident incident) {
        String value = incident.id().toString();
        List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
                section(s -> s.text(markdownText(m.get("card.title", incident.id().toString(), escape(incident.title()))))),
                section(s -> s.text(markdownText(m.get("card.fields", incident.severity().name(),
                        statusName(m, incident.status()), incident.service(),
                        incident.commander() == null ? m.get("card.nobody") : "<@" + incident.commander() + ">"))))));
        if (incident.isOpen()) {
            blocks.add(actions(a -> a.blockId(SlackIds.CARD_ACTIONS).elements(asElements(
                    button(b -> b.actionId(Action.ACKNOWLEDGE.id()).text(plainText(m.get("button.acknowledge"))).value(value)
                            .style("primary")),
                    button(b -> b.actionId(Action.TAKE_COMMAND.id()).text(plainText(m.get("button.take.command"))).value(value)),
                    staticSelect(s -> s.actionId(Action.CHANGE_SEVERITY.id()).placeholder(plainText(m.get("select.severity")))
                            .options(severityOptions(value))),
                    button(b -> b.actionId(Action.STATUS_UPDATE.id()).text(plainText(m.get("button.status.update"))).value(value)),
                    button(b -> b.actionId(Action.RESOLVE.id()).text(plainText(m.get("button.resolve"))).value(value)
                            .style("danger"))))));
        }
        return blocks;
    }

    public static List<LayoutBlock> list(Messages m, List<Incident> open) {
        if (open.isEmpty()) {
            return asBlocks(section(s -> s.text(markdownText(m.get("no.open.incidents")))));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(m.get("list.header")))));
        for (Incident i : open) {
            blocks.add(section(s -> s.text(markdownText(m.get("list.line", "*" + i.id() + "*", escape(i.title()),
                    i.severity().name(), statusName(m, i.status()), i.service())))));
        }
        return blocks;
    }

    /** "Which incident?" with one button per open incident; the button re-runs the command on it. */
    public static List<LayoutBlock> pickIncident(Messages m, String command, List<Incident> open) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(m.get("pick.incident", command)))));
        List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>();
        for (Incident i : open.subList(0, Math.min(open.size(), 25))) {
            buttons.add(button(b -> b.actionId(Action.PICK_INCIDENT.id() + ":" + i.id())
                    .text(plainText(clip(i.id() + " " + i.title(), 70))).value(i.id() + "|" + command)));
        }
        for (int from = 0; from < buttons.size(); from += 5) {
            List<com.slack.api.model.block.element.BlockElement> row = buttons.subList(from, Math.min(from + 5, buttons.size()));
            blocks.add(actions(a -> a.elements(row)));
        }
        return blocks;
    }

    public static View home(Messages m, List<Incident> open) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(m.get("home.header")))));
        if (open.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(m.get("home.empty")))));
        }
        for (Incident i : open) {
            blocks.add(divider());
            blocks.add(section(s -> s.text(markdownText(m.get("home.line", i.id().toString(), escape(i.title()),
                    i.severity().name(), statusName(m, i.status()), i.service(), WHEN.format(i.detectedAt()))))));
            if (i.commander() != null) {
                blocks.add(context(c -> c.elements(asContextElements(markdownText(":firefighter: <@" + i.commander() + ">")))));
            }
        }
        return view(v -> v.type("home").blocks(blocks));
    }

    public static String statusName(Messages m, Status status) {
        return m.get("status." + status.name().toLowerCase(Locale.ROOT));
    }

    private static View modal(Messages m, SlackIds.View callback, String title, String privateMetadata,
                              List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callback.id()).privateMetadata(privateMetadata)
                .title(viewTitle(t -> t.type("plain_text").text(clip(title, MAX_VIEW_TITLE))))
                .submit(viewSubmit(s -> s.type("plain_text").text(m.get("modal.submit"))))
                .close(viewClose(c -> c.type("plain_text").text(m.get("modal.cancel"))))
                .blocks(blocks));
    }

    private static List<OptionObject> severityOptions() {
        return Arrays.stream(Severity.values()).map(IncidentViews::severityOption).toList();
    }

    /** For the card's select: the value carries the incident too (INC-0042|SEV1). */
    private static List<OptionObject> severityOptions(String incident) {
        return Arrays.stream(Severity.values()).map(s -> option(plainText(s.name()), incident + "|" + s.name())).toList();
    }

    private static OptionObject severityOption(Severity s) {
        return option(plainText(s.name()), s.name());
    }

    /** Slack mrkdwn treats &, < and > specially: user text must not become a link or a mention. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
