package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
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
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.SlackIds.Input;
import java.util.Arrays;
import java.util.List;

/** The incident's modals: declare, post a status update, resolve. */
public final class IncidentModals {

    private IncidentModals() { }

    /** What the declare form opens with: a title and a description, either null (an empty field). */
    public record Prefill(String title, String description) {

        public static final Prefill NONE = new Prefill(null, null);

        /**
         * From a chat message's text: its first line that says anything as the title, the whole text as the
         * description, each cut visibly (…) to its field's limit, since Slack refuses an initial value over it.
         */
        public static Prefill fromMessage(String mrkdwn) {
            if (mrkdwn == null || mrkdwn.isBlank()) {
                return NONE;
            }
            // Slack sends a message's text as mrkdwn, its &, < and > escaped; the form's fields are plain text.
            String text = mrkdwn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            String firstLine = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            return new Prefill(SlackLimits.cut(firstLine, IncidentViews.MAX_TITLE),
                    SlackLimits.cut(text.strip(), IncidentViews.MAX_TEXT));
        }
    }

    /** The declare form, typed service field (no services configured), nothing filled in. */
    public static View declare(Messages m, String privateMetadata) {
        return declare(m, privateMetadata, List.of(), Prefill.NONE);
    }

    /**
     * @param origin   where the new incident is announced: the channel the modal was opened from, the declarer's own
     *                 user id when it was opened from the Home tab (a direct message from Hikeshi), or the message it
     *                 was declared from ({@code DeclareOrigin})
     * @param services the configured services the service is picked from ({@link ServiceOptions})
     */
    public static View declare(Messages m, String origin, List<String> services, Prefill prefill) {
        return modal(m, SlackIds.View.DECLARE, m.get("modal.declare.title"), origin, asBlocks(
                input(i -> i.blockId(Input.TITLE.id()).label(plainText(m.get("field.title")))
                        .hint(plainText(m.get("field.title.hint")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(IncidentViews.MAX_TITLE)
                                .initialValue(prefill.title())))),
                input(i -> i.blockId(Input.SEVERITY.id()).label(plainText(m.get("field.severity")))
                        .element(staticSelect(s -> s.actionId(SlackIds.VALUE).options(severityOptions())
                                .initialOption(severityOption(Severity.SEV3))))),
                input(i -> i.blockId(Input.SERVICE.id()).label(plainText(m.get("field.service")))
                        .element(ServiceOptions.element(m, services))),
                input(i -> i.blockId(Input.DESCRIPTION.id()).label(plainText(m.get("field.description"))).optional(true)
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true)
                                .maxLength(IncidentViews.MAX_TEXT).initialValue(prefill.description())))),
                input(i -> i.blockId(Input.VISIBILITY.id()).label(plainText(m.get("private.field.visibility"))).optional(true)
                        .hint(plainText(m.get("private.field.private.hint")))
                        .element(checkboxes(c -> c.actionId(SlackIds.VALUE).options(List.of(
                                option(plainText(m.get("private.field.private")), "private"))))))));
    }

    /** @param channel where the modal was opened from: the update is announced there */
    public static View statusUpdate(Messages m, IncidentId id, Status current, String channel) {
        List<OptionObject> statuses = Arrays.stream(Status.values()).filter(s -> s != Status.TRIGGERED && s != Status.RESOLVED)
                .map(s -> option(plainText(IncidentViews.statusName(m, s)), s.name())).toList();
        OptionObject initial = statuses.stream().filter(o -> o.getValue().equals(current.name())).findFirst()
                .orElse(statuses.get(0));
        return modal(m, SlackIds.View.STATUS_UPDATE, m.get("modal.status.title"), id + "|" + channel, asBlocks(
                section(s -> s.text(markdownText("*" + id + "*"))),
                input(i -> i.blockId(Input.STATUS.id()).label(plainText(m.get("field.status")))
                        .element(staticSelect(s -> s.actionId(SlackIds.VALUE).options(statuses).initialOption(initial)))),
                input(i -> i.blockId(Input.SUMMARY.id()).label(plainText(m.get("field.summary")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true)
                                .maxLength(IncidentViews.MAX_TEXT))))));
    }

    public static View resolve(Messages m, IncidentId id, String channel) {
        return modal(m, SlackIds.View.RESOLVE, m.get("modal.resolve.title", id.toString()), id + "|" + channel, asBlocks(
                input(i -> i.blockId(Input.RESOLUTION.id()).label(plainText(m.get("field.resolution")))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true)
                                .maxLength(IncidentViews.MAX_TEXT))))));
    }

    /**
     * A modal with Hikeshi's submit and cancel buttons, its title and buttons cut to Slack's 24 characters. The private
     * metadata (an incident id and a channel id) is far below Slack's 3,000; it is checked, not cut, because a cut one
     * would point the submission elsewhere.
     */
    static View modal(Messages m, SlackIds.View callback, String title, String privateMetadata, List<LayoutBlock> blocks) {
        if (SlackLimits.length(privateMetadata) > SlackLimits.PRIVATE_METADATA) {
            throw new IllegalArgumentException("private_metadata over " + SlackLimits.PRIVATE_METADATA + " characters");
        }
        return view(v -> v.type("modal").callbackId(callback.id()).privateMetadata(privateMetadata)
                .title(viewTitle(t -> t.type("plain_text").text(SlackLimits.cut(title, SlackLimits.MODAL_TITLE))))
                .submit(viewSubmit(s -> s.type("plain_text").text(SlackLimits.cut(m.get("modal.submit"), SlackLimits.MODAL_BUTTON))))
                .close(viewClose(c -> c.type("plain_text").text(SlackLimits.cut(m.get("modal.cancel"), SlackLimits.MODAL_BUTTON))))
                .blocks(blocks));
    }

    private static List<OptionObject> severityOptions() {
        return Arrays.stream(Severity.values()).map(IncidentModals::severityOption).toList();
    }

    private static OptionObject severityOption(Severity s) {
        return option(plainText(s.name()), s.name());
    }
}
