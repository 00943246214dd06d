package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemChecklist;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Input;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Block Kit for the postmortem: its checklist with edit buttons, and the edit modals; sized by {@link SlackLimits}. */
public final class PostmortemViews {

    private static final int MAX_SECTION = SlackLimits.PLAIN_TEXT_INPUT;
    private static final int MAX_FIELD = 500;
    /** An action item in the checklist's list: one line, however long its description. */
    private static final int ACTION_ITEM_SHOWN = 300;
    private static final Pattern HTTP_LINK = Pattern.compile("https?://\\S+");

    private PostmortemViews() { }

    /**
     * The checklist: a header, the checks and action items (packed into as many sections as they fill, within a
     * message's 50 blocks), the export link, and the edit and complete controls.
     */
    public static List<LayoutBlock> checklist(Messages m, Postmortem pm, String exportUrl) {
        String id = pm.incident().toString();
        List<PostmortemChecklist.Missing> missing = PostmortemChecklist.missing(pm);
        List<String> lines = new ArrayList<>();
        for (Postmortem.Section s : Postmortem.Section.values()) {
            boolean ok = pm.section(s) != null && !pm.section(s).isBlank();
            lines.add(m.get(ok ? "pm.ok" : "pm.todo") + ' ' + m.get("pm.check.section." + key(s)));
        }
        for (String check : List.of("owner", "action.items", "action.prevent")) {
            boolean ok = missing.stream().noneMatch(x -> x.key().equals(check));
            lines.add(m.get(ok ? "pm.ok" : "pm.todo") + ' ' + m.get("pm.check." + check));
        }
        for (ActionItem a : pm.actionItems()) {
            lines.add(m.get(a.isAssigned() ? "pm.ok" : "pm.todo") + " _" + Mrkdwn.escape(SlackLimits.cut(a.description(),
                    ACTION_ITEM_SHOWN)) + "_ (" + typeName(m, a.type()) + (a.owner() == null ? "" : ", <@" + a.owner() + ">")
                    + (a.due() == null ? "" : ", " + a.due()) + ")");
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pm.header", id, pm.title(),
                Mrkdwn.mention(pm.owner(), "—"), pm.due().toString(),
                m.get("pm.status." + pm.status().name().toLowerCase(Locale.ROOT))), SlackLimits.SECTION_TEXT)))));
        int reserved = 1 + (exportUrl != null ? 1 : 0) + (pm.isComplete() ? 0 : 1);
        for (String text : SlackLimits.pack(lines, SlackLimits.SECTION_TEXT, SlackLimits.MESSAGE_BLOCKS - reserved,
                left -> Mrkdwn.text(m, "pm.more", left))) {
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        if (exportUrl != null) {
            blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pm.export", exportUrl), SlackLimits.SECTION_TEXT)))));
        }
        if (!pm.isComplete()) {
            blocks.add(actions(a -> a.elements(asElements(
                    staticSelect(sel -> sel.actionId(Action.EDIT_POSTMORTEM_SECTION.id())
                            .placeholder(plainText(SlackLimits.cut(m.get("pm.edit"), SlackLimits.PLACEHOLDER)))
                            .options(Arrays.stream(Postmortem.Section.values())
                                    .map(s -> option(plainText(SlackLimits.cut(m.get("pm.check.section." + key(s)),
                                            SlackLimits.OPTION_TEXT)), id + "|" + s.name())).toList())),
                    button(b -> b.actionId(Action.ADD_ACTION_ITEM.id())
                            .text(plainText(SlackLimits.cut(m.get("pm.add.action"), SlackLimits.BUTTON_TEXT))).value(id)),
                    button(b -> b.actionId(Action.COMPLETE_POSTMORTEM.id())
                            .text(plainText(SlackLimits.cut(m.get("pm.complete"), SlackLimits.BUTTON_TEXT))).value(id)
                            .style("primary"))))));
        }
        return blocks;
    }

    /**
     * One section's modal, its text as it is. A section longer than a Slack form takes (3,000 characters: a draft
     * quoting a long description, or text written elsewhere) is shown cut, and the hint says that saving replaces it.
     */
    public static View sectionModal(Messages m, Postmortem pm, Postmortem.Section section) {
        String current = pm.section(section) == null ? "" : pm.section(section);
        boolean tooLong = SlackLimits.length(current) > MAX_SECTION;
        String shown = SlackLimits.cut(current, MAX_SECTION);
        return IncidentModals.modal(m, SlackIds.View.POSTMORTEM_SECTION,
                m.get("pm.modal.section", m.get("pm.check.section." + key(section))), pm.incident() + "|" + section.name(),
                asBlocks(input(i -> {
                    i.blockId(Input.TEXT.id()).label(plainText(SlackLimits.cut(m.get("pm.field.text"), SlackLimits.INPUT_LABEL)))
                            .optional(true).element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true)
                                    .maxLength(MAX_SECTION).initialValue(shown)));
                    if (tooLong) {
                        i.hint(plainText(SlackLimits.cut(m.get("pm.field.text.cut", SlackLimits.length(current), MAX_SECTION),
                                SlackLimits.INPUT_LABEL)));
                    }
                    return i;
                })));
    }

    public static View actionItemModal(Messages m, String incident) {
        return IncidentModals.modal(m, SlackIds.View.ACTION_ITEM, m.get("pm.modal.action"), incident, asBlocks(
                input(i -> i.blockId(Input.DESCRIPTION.id()).label(label(m, "pm.field.description"))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(MAX_FIELD)))),
                input(i -> i.blockId(Input.ACTION_ITEM_TYPE.id()).label(label(m, "pm.field.type"))
                        .element(staticSelect(s -> s.actionId(SlackIds.VALUE).initialOption(typeOption(m, ActionItem.Type.PREVENT))
                                .options(Arrays.stream(ActionItem.Type.values()).map(t -> typeOption(m, t)).toList())))),
                input(i -> i.blockId(Input.OWNER.id()).label(label(m, "pm.field.owner"))
                        .element(usersSelect(u -> u.actionId(SlackIds.VALUE)))),
                input(i -> i.blockId(Input.DUE.id()).label(label(m, "pm.field.due"))
                        .element(datePicker(d -> d.actionId(SlackIds.VALUE)))),
                input(i -> i.blockId(Input.LINK.id()).label(label(m, "pm.field.link")).optional(true)
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(MAX_FIELD))))));
    }

    private static com.slack.api.model.block.composition.PlainTextObject label(Messages m, String key) {
        return plainText(SlackLimits.cut(m.get(key), SlackLimits.INPUT_LABEL));
    }

    /** A submitted action-item modal: its values, or the field errors to answer (then the values are partial). */
    public record ActionItemInput(String description, ActionItem.Type type, String owner, LocalDate due, String link,
                                  Map<String, String> errors) { }

    /** Reads the action-item modal; whatever its state, the answer is values or field errors. */
    public static ActionItemInput actionItem(View view, Messages m) {
        Map<String, String> errors = new LinkedHashMap<>();
        String description = ViewValues.text(view, Input.DESCRIPTION.id());
        if (description == null || description.isBlank()) {
            errors.put(Input.DESCRIPTION.id(), m.get("error.summary.required"));
        }
        ActionItem.Type type = actionItemType(ViewValues.selected(view, Input.ACTION_ITEM_TYPE.id()));
        if (type == null) {
            errors.put(Input.ACTION_ITEM_TYPE.id(), m.get("error.choose"));
        }
        LocalDate due = due(view, errors, m);
        String link = ViewValues.text(view, Input.LINK.id());
        if (link != null && !link.isBlank() && !HTTP_LINK.matcher(link).matches()) {
            errors.put(Input.LINK.id(), m.get("pm.error.link"));
        }
        return new ActionItemInput(description, type, ViewValues.user(view, Input.OWNER.id()), due,
                link == null || link.isBlank() ? null : link.strip(), Map.copyOf(errors));
    }

    /** The picked due date; none is fine (undecided), one that is not a date is a field error. */
    private static LocalDate due(View view, Map<String, String> errors, Messages m) {
        String date = ViewValues.date(view, Input.DUE.id());
        try {
            return date == null ? null : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            errors.put(Input.DUE.id(), m.get("error.date"));
            return null;
        }
    }

    private static ActionItem.Type actionItemType(String value) {
        return Arrays.stream(ActionItem.Type.values()).filter(t -> t.name().equals(value)).findFirst().orElse(null);
    }

    public static String missingText(Messages m, List<PostmortemChecklist.Missing> missing) {
        return String.join(", ", missing.stream().map(x -> x.detail() == null ? m.get("pm.check." + x.key())
                : m.get("pm.check." + x.key(), x.detail())).toList());
    }

    /** An action item's type in the reader's words ("prevent", "再発防止"). */
    public static String typeName(Messages m, ActionItem.Type type) {
        return m.get("pm.type." + type.name().toLowerCase(Locale.ROOT));
    }

    private static com.slack.api.model.block.composition.OptionObject typeOption(Messages m, ActionItem.Type type) {
        return option(plainText(SlackLimits.cut(typeName(m, type), SlackLimits.OPTION_TEXT)), type.name());
    }

    static String key(Postmortem.Section s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
