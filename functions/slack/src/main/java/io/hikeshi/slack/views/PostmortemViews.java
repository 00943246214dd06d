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
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.usersSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.IncidentId;
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
import java.util.Comparator;
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
    /** Why a postmortem is not needed: as long as the form takes, and shown whole. */
    public static final int MAX_REASON = 1000;
    private static final int NOT_NEEDED_SHOWN = MAX_REASON;
    private static final Pattern HTTP_LINK = Pattern.compile("https?://\\S+");

    private PostmortemViews() { }

    /**
     * The checklist: a header, the checks and action items (packed into as many sections as they fill, within a
     * message's 50 blocks), the export link, and the edit and complete controls.
     */
    public static List<LayoutBlock> checklist(Messages m, Postmortem pm, String exportUrl) {
        return checklist(m, pm, exportUrl, null);
    }

    /** The checklist under a line of mrkdwn {@code intro} (e.g. why the reader gets it), when there is one. */
    public static List<LayoutBlock> checklist(Messages m, Postmortem pm, String exportUrl, String intro) {
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
            lines.add(actionItemLine(m, a));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        if (intro != null) {
            blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(intro, SlackLimits.SECTION_TEXT)))));
        }
        blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pm.header", id, pm.title(),
                person(m, pm.owner()), pm.due().toString(), statusName(m, pm.status())), SlackLimits.SECTION_TEXT)))));
        if (pm.isNotNeeded()) {
            blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(notNeededText(m, pm.notNeeded()),
                    SlackLimits.SECTION_TEXT)))));
        }
        int reserved = blocks.size() + (exportUrl != null ? 1 : 0) + (pm.isComplete() ? 0 : 1);
        for (String text : SlackLimits.pack(lines, SlackLimits.SECTION_TEXT, SlackLimits.MESSAGE_BLOCKS - reserved,
                left -> Mrkdwn.text(m, "pm.more", left))) {
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        if (exportUrl != null) {
            blocks.add(section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pm.export", exportUrl), SlackLimits.SECTION_TEXT)))));
        }
        if (!pm.isComplete()) {
            blocks.add(actions(a -> a.blockId(SlackIds.Block.POSTMORTEM_CONTROLS.of(pm.incident())).elements(controls(m, pm))));
        }
        return blocks;
    }

    /** A postmortem's state in the reader's words ("draft", "不要"). */
    public static String statusName(Messages m, Postmortem.Status status) {
        return m.get(switch (status) {
            case DRAFT -> "pm.status.draft";
            case IN_REVIEW -> "pm.status.in_review";
            case COMPLETE -> "pm.status.complete";
            case NOT_NEEDED -> "pmp.status.not.needed";
        });
    }

    /** Who said it is not needed, when (in the reader's time zone, as Slack shows dates), and why. */
    public static String notNeededText(Messages m, Postmortem.NotNeeded decision) {
        return Mrkdwn.text(m, "pmp.checklist.not.needed", Mrkdwn.actor(decision.by()), Mrkdwn.when(decision.at()),
                SlackLimits.cut(decision.reason(), NOT_NEEDED_SHOWN));
    }

    /** An action item on one line: its words, kind, owner (or "unassigned"), due date, and whether it is done. */
    private static String actionItemLine(Messages m, ActionItem a) {
        String description = Mrkdwn.escape(SlackLimits.cut(a.description(), ACTION_ITEM_SHOWN));
        return m.get(a.done() || a.isAssigned() ? "pm.ok" : "pm.todo") + " _" + (a.done() ? "~" + description + "~" : description)
                + "_ (" + typeName(m, a.type()) + ", " + person(m, a.owner()) + (a.due() == null ? "" : ", " + a.due())
                + (a.done() ? ", " + m.get("pmc.done.mark") : "") + ")";
    }

    /** A mention of a Slack user, or the catalogue's "unassigned" when there is nobody. */
    public static Mrkdwn.Markup person(Messages m, String user) {
        return Mrkdwn.mention(user == null || user.isBlank() ? null : user, m.get("pmc.unassigned"));
    }

    /**
     * Edit a section, add / edit an action item, hand the postmortem to someone else, complete it, say it is not
     * needed (while it is open: one said not to be needed is made needed again by editing it).
     */
    private static List<BlockElement> controls(Messages m, Postmortem pm) {
        String id = pm.incident().toString();
        List<BlockElement> controls = new ArrayList<>();
        controls.add(staticSelect(sel -> sel.actionId(Action.EDIT_POSTMORTEM_SECTION.id())
                .placeholder(plainText(SlackLimits.cut(m.get("pm.edit"), SlackLimits.PLACEHOLDER)))
                .options(Arrays.stream(Postmortem.Section.values())
                        .map(s -> option(plainText(SlackLimits.cut(m.get("pm.check.section." + key(s)),
                                SlackLimits.OPTION_TEXT)), id + "|" + s.name())).toList())));
        controls.add(button(b -> b.actionId(Action.ADD_ACTION_ITEM.id())
                .text(plainText(SlackLimits.cut(m.get("pm.add.action"), SlackLimits.BUTTON_TEXT))).value(id)));
        if (!pm.actionItems().isEmpty()) {
            controls.add(staticSelect(sel -> sel.actionId(Action.EDIT_ACTION_ITEM.id())
                    .placeholder(plainText(SlackLimits.cut(m.get("pmc.action.edit"), SlackLimits.PLACEHOLDER)))
                    .options(actionItemOptions(pm))));
        }
        controls.add(usersSelect(u -> {
            u.actionId(Action.REASSIGN_POSTMORTEM_OWNER.id())
                    .placeholder(plainText(SlackLimits.cut(m.get("pmc.owner.pick"), SlackLimits.PLACEHOLDER)));
            return pm.owner() == null ? u : u.initialUser(pm.owner());
        }));
        controls.add(button(b -> b.actionId(Action.COMPLETE_POSTMORTEM.id())
                .text(plainText(SlackLimits.cut(m.get("pm.complete"), SlackLimits.BUTTON_TEXT))).value(id)
                .style("primary")));
        if (pm.isOpen()) {
            controls.add(button(b -> b.actionId(Action.POSTMORTEM_NOT_NEEDED.id())
                    .text(plainText(SlackLimits.cut(m.get("pmp.button.not.needed"), SlackLimits.BUTTON_TEXT))).value(id)));
        }
        return controls;
    }

    /**
     * One option per action item, open ones first: a select takes at most {@link SlackLimits#SELECT_OPTIONS}
     * options, so past that the done ones are left out of the menu, never the open ones that keep the
     * postmortem from closing.
     */
    private static List<OptionObject> actionItemOptions(Postmortem pm) {
        return pm.actionItems().stream().sorted(Comparator.comparing(ActionItem::done))
                .limit(SlackLimits.SELECT_OPTIONS)
                .map(a -> option(plainText(SlackLimits.cut((a.done() ? "✓ " : "") + a.description(), SlackLimits.OPTION_TEXT)),
                        pm.incident() + "|" + a.id()))
                .toList();
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
                m.get("pm.modal.section", m.get("pm.check.section." + key(section))),
                pm.incident() + "|" + section.name() + "|" + pm.version(),
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

    /** "Not needed, because …": what it does, and the reason, which it cannot be without. */
    public static View notNeededModal(Messages m, Postmortem pm) {
        String id = pm.incident().toString();
        return IncidentModals.modal(m, SlackIds.View.POSTMORTEM_NOT_NEEDED, m.get("pmp.modal.title"), id, asBlocks(
                section(s -> s.text(markdownText(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pmp.modal.intro", id),
                        SlackLimits.SECTION_TEXT)))),
                input(i -> i.blockId(Input.REASON.id()).label(label(m, "pmp.field.reason"))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).multiline(true).maxLength(MAX_REASON)
                                .placeholder(plainText(SlackLimits.cut(m.get("pmp.field.reason.placeholder"),
                                        SlackLimits.PLACEHOLDER))))))));
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

    /**
     * One action item's form, filled with it as it is: its words, owner, due date, done; and a box to delete it.
     * The postmortem's version travels in the private metadata, so a save from a form someone else saved
     * after is refused rather than putting back what they changed.
     */
    public static View actionItemEditModal(Messages m, Postmortem pm, ActionItem item) {
        OptionObject done = option(plainText(SlackLimits.cut(m.get("pmc.field.done.option"), SlackLimits.OPTION_TEXT)), "done");
        OptionObject delete = option(plainText(SlackLimits.cut(m.get("pmc.field.delete.option"), SlackLimits.OPTION_TEXT)),
                "delete");
        return IncidentModals.modal(m, SlackIds.View.ACTION_ITEM_EDIT, m.get("pmc.modal.action.edit"),
                pm.incident() + "|" + item.id() + "|" + pm.version(), asBlocks(
                input(i -> i.blockId(Input.DESCRIPTION.id()).label(label(m, "pm.field.description"))
                        .element(plainTextInput(p -> p.actionId(SlackIds.VALUE).maxLength(MAX_FIELD)
                                .initialValue(SlackLimits.cut(item.description(), MAX_FIELD))))),
                input(i -> i.blockId(Input.OWNER.id()).label(label(m, "pm.field.owner")).optional(true)
                        .element(usersSelect(u -> item.owner() == null ? u.actionId(SlackIds.VALUE)
                                : u.actionId(SlackIds.VALUE).initialUser(item.owner())))),
                input(i -> i.blockId(Input.DUE.id()).label(label(m, "pm.field.due")).optional(true)
                        .element(datePicker(d -> item.due() == null ? d.actionId(SlackIds.VALUE)
                                : d.actionId(SlackIds.VALUE).initialDate(item.due().toString())))),
                input(i -> i.blockId(Input.DONE.id()).label(label(m, "pmc.field.done")).optional(true)
                        .element(checkboxes(c -> item.done() ? c.actionId(SlackIds.VALUE).options(List.of(done))
                                .initialOptions(List.of(done)) : c.actionId(SlackIds.VALUE).options(List.of(done))))),
                input(i -> i.blockId(Input.DELETE.id()).label(label(m, "pmc.field.delete")).optional(true)
                        .element(checkboxes(c -> c.actionId(SlackIds.VALUE).options(List.of(delete)))))));
    }

    /**
     * A submitted action-item form: the item as it should be, or the field errors to answer.
     *
     * @param itemId  from the private metadata; null when it is not this form's (then {@code errors} says so)
     * @param version the postmortem's version when the form opened
     */
    public record ActionItemEdit(IncidentId incident, String itemId, long version, String description, String owner,
                                 LocalDate due, boolean done, boolean delete, Map<String, String> errors) { }

    public static ActionItemEdit actionItemEdit(View view, Messages m) {
        Map<String, String> errors = new LinkedHashMap<>();
        String[] target = view.getPrivateMetadata() == null ? new String[0] : view.getPrivateMetadata().split("\\|");
        IncidentId incident = null;
        long version = -1;
        try {
            incident = IncidentId.parse(target[0]);
            version = Long.parseLong(target[2]);
        } catch (RuntimeException notThisForm) {
            errors.put(Input.DESCRIPTION.id(), m.get("error.form.outdated"));
        }
        boolean delete = ViewValues.checked(view, Input.DELETE.id());
        String description = ViewValues.text(view, Input.DESCRIPTION.id());
        if (!delete && (description == null || description.isBlank())) {
            errors.putIfAbsent(Input.DESCRIPTION.id(), m.get("error.summary.required"));
        }
        LocalDate due = due(view, errors, m);
        return new ActionItemEdit(incident, errors.isEmpty() ? target[1] : null, version, description,
                ViewValues.user(view, Input.OWNER.id()), due, ViewValues.checked(view, Input.DONE.id()), delete,
                Map.copyOf(errors));
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
