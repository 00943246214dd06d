package io.hikeshi.slack.views;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.element.BlockElements.asContextElements;
import static com.slack.api.model.block.element.BlockElements.checkboxes;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.GuideChecklist;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Block;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The response guide as a checklist people tick: a checkbox per step, in groups of ten (Slack: a checkboxes element
 * takes "a maximum of 10 options"), each group its own actions block. A checkbox shows 75 characters, so a step longer
 * than that is also written out in full in a section above its group; under a group, a context line says who ticked
 * which step (the message is redrawn from the timeline after every click: Slack keeps a checkbox's state on the
 * clicker's screen only). The whole message stays within Slack's 50 blocks: steps that do not fit are counted in a
 * last line pointing at the guide itself.
 */
public final class GuideChecklistView {

    /** Checkboxes: "A maximum of 10 options are allowed." (https://docs.slack.dev/reference/block-kit/block-elements/checkboxes-element) */
    public static final int STEPS_PER_GROUP = 10;
    /** The header and the source line. */
    private static final int FRAME_BLOCKS = 2;

    private GuideChecklistView() { }

    /** The guide's blocks, nothing ticked; its header block says whose guide it is, so a retry can find it. */
    public static List<LayoutBlock> blocks(Messages m, IncidentId incident, ResponseGuide guide) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId(Block.GUIDE.of(incident)).text(markdownText(WarRoomViews.guideHeader(m, guide)))));
        List<String> steps = guide.steps();
        int budget = SlackLimits.MESSAGE_BLOCKS - FRAME_BLOCKS;
        for (int first = 0; first < steps.size(); first += STEPS_PER_GROUP) {
            List<String> group = steps.subList(first, Math.min(steps.size(), first + STEPS_PER_GROUP));
            List<LayoutBlock> drawn = group(m, incident, first, group);
            boolean last = first + group.size() == steps.size();
            // every group keeps room for its "who ticked" line, and a guide cut short for the line saying so
            if (drawn.size() + 1 > budget - (last ? 0 : 1)) {
                int left = steps.size() - first;
                blocks.add(section(s -> s.text(markdownText(Mrkdwn.text(m, "warroom.guide.more", left)))));
                break;
            }
            blocks.addAll(drawn);
            budget -= drawn.size() + 1;
        }
        blocks.add(context(c -> c.elements(asContextElements(markdownText(SlackLimits.cutMrkdwn(
                Mrkdwn.text(m, "warroom.guide.source", guide.source()), SlackLimits.TEXT_OBJECT))))));
        return blocks;
    }

    /** One group: the steps too long for a checkbox in full, then the checkboxes. */
    private static List<LayoutBlock> group(Messages m, IncidentId incident, int first, List<String> steps) {
        List<String> inFull = new ArrayList<>();
        List<OptionObject> options = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            int number = first + i + 1;
            String step = steps.get(i);
            String label = Mrkdwn.text(m, "guide.step.label", number, step);
            if (SlackLimits.length(label) > SlackLimits.OPTION_TEXT) {
                inFull.add(Mrkdwn.text(m, "guide.step.full", number, step));
            }
            options.add(OptionObject.builder().text(markdownText(SlackLimits.cutMrkdwn(label, SlackLimits.OPTION_TEXT)))
                    .value(value(number, step)).build());
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String text : SlackLimits.pack(inFull, SlackLimits.SECTION_TEXT, 1, left -> "…")) {
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        String blockId = Block.GUIDE_STEPS.of(incident) + ":" + (first / STEPS_PER_GROUP + 1);
        blocks.add(actions(a -> a.blockId(blockId).elements(List.of(
                checkboxes(c -> c.actionId(Action.TICK_GUIDE_STEP.id()).options(options))))));
        return blocks;
    }

    /** {@code <number>|<the step's words>}, in an option value's 150 characters: the step as the timeline records it. */
    private static String value(int number, String step) {
        String prefix = number + "|";
        return prefix + SlackLimits.cut(step.strip(), SlackLimits.OPTION_VALUE - prefix.length());
    }

    /** The incident a guide group's block id names, if it is one. */
    public static Optional<IncidentId> incidentOf(String blockId) {
        String prefix = Block.GUIDE_STEPS.id() + ":";
        if (blockId == null || !blockId.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = blockId.substring(prefix.length());
        int colon = rest.lastIndexOf(':');
        try {
            return Optional.of(IncidentId.parse(colon < 0 ? rest : rest.substring(0, colon)));
        } catch (IllegalArgumentException notAnIncident) {
            return Optional.empty();
        }
    }

    /** The step number and words an option carries. */
    public static Map<Integer, String> steps(List<OptionObject> options) {
        Map<Integer, String> steps = new LinkedHashMap<>();
        for (OptionObject option : options == null ? List.<OptionObject>of() : options) {
            stepOf(option.getValue()).ifPresent(step -> steps.put(step.getKey(), step.getValue()));
        }
        return steps;
    }

    /** An option value's step: its number and words; empty for a value this view did not make. */
    public static Optional<Map.Entry<Integer, String>> stepOf(String value) {
        int bar = value == null ? -1 : value.indexOf('|');
        if (bar <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Map.entry(Integer.parseInt(value.substring(0, bar)), value.substring(bar + 1)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /** The guide group's checkboxes in a message's blocks, if that block is there. */
    public static Optional<CheckboxesElement> checkboxesIn(List<LayoutBlock> blocks, String blockId) {
        for (LayoutBlock block : blocks == null ? List.<LayoutBlock>of() : blocks) {
            if (block instanceof ActionsBlock a && blockId.equals(a.getBlockId())) {
                return checkboxesOf(a);
            }
        }
        return Optional.empty();
    }

    private static Optional<CheckboxesElement> checkboxesOf(ActionsBlock block) {
        for (BlockElement element : block.getElements()) {
            if (element instanceof CheckboxesElement c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The guide's message redrawn as the timeline has it: each ticked step's checkbox ticked for everyone, and under
     * each group a line saying who ticked which step. Everything else is kept as it was posted.
     */
    public static List<LayoutBlock> ticked(Messages m, List<LayoutBlock> posted, Map<Integer, GuideChecklist.Tick> state) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (LayoutBlock block : posted) {
            if (block.getBlockId() != null && block.getBlockId().startsWith(Block.GUIDE_TICKS.id() + ":")) {
                continue; // drawn again below, from the timeline
            }
            blocks.add(block);
            if (block instanceof ActionsBlock a && incidentOf(a.getBlockId()).isPresent()) {
                checkboxesOf(a).flatMap(c -> tick(m, a.getBlockId(), c, state)).ifPresent(blocks::add);
            }
        }
        return blocks;
    }

    /** Ticks the element's ticked options; returns the group's "who ticked" line, if any is ticked. */
    private static Optional<LayoutBlock> tick(Messages m, String blockId, CheckboxesElement element,
                                              Map<Integer, GuideChecklist.Tick> state) {
        List<OptionObject> ticked = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (OptionObject option : element.getOptions()) {
            Optional<Map.Entry<Integer, String>> step = stepOf(option.getValue());
            GuideChecklist.Tick tick = step.map(s -> state.get(s.getKey())).orElse(null);
            if (tick != null && tick.ticked() && seen.add(step.get().getKey())) {
                ticked.add(option);
                lines.add(Mrkdwn.text(m, "guide.step.ticked.by", step.get().getKey(), Mrkdwn.actor(tick.by())));
            }
        }
        element.setInitialOptions(ticked.isEmpty() ? null : ticked);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String text = SlackLimits.cutMrkdwn(String.join("   ", lines), SlackLimits.TEXT_OBJECT);
        String ticksId = Block.GUIDE_TICKS.id() + blockId.substring(Block.GUIDE_STEPS.id().length());
        return Optional.of(context(c -> c.blockId(ticksId).elements(asContextElements(markdownText(text)))));
    }
}
