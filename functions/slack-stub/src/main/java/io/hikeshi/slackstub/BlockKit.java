package io.hikeshi.slackstub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks blocks and views against the limits of {@link Rules}, answering each breach in the words of Slack's schema
 * errors, with the JSON pointer of the offending value ({@code must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]}). Slack reports every breach it finds, so this does too.
 */
final class BlockKit {

    /** One breach: the rule and the schema messages Slack gives for it (without the {@code [ERROR] } prefix). */
    record Violation(Rule rule, List<String> messages) {
        Violation {
            messages = List.copyOf(messages);
        }
    }

    enum Surface { MESSAGE, MODAL, HOME }

    /** Block types listed by https://docs.slack.dev/reference/block-kit/blocks. */
    static final Set<String> BLOCK_TYPES = Set.of("actions", "alert", "card", "carousel", "container", "context",
            "context_actions", "data_table", "data_visualization", "divider", "file", "header", "image", "input",
            "markdown", "plan", "rich_text", "section", "table", "task_card", "video");

    private static final Set<String> SELECTS = Set.of("static_select", "external_select", "users_select",
            "conversations_select", "channels_select", "multi_static_select", "multi_external_select",
            "multi_users_select", "multi_conversations_select", "multi_channels_select");

    /** Element types listed by https://docs.slack.dev/reference/block-kit/block-elements. */
    static final Set<String> ELEMENT_TYPES = union(SELECTS, Set.of("button", "checkboxes", "datepicker",
            "datetimepicker", "email_text_input", "file_input", "image", "number_input", "overflow",
            "plain_text_input", "radio_buttons", "rich_text_input", "timepicker", "url_text_input", "workflow_button",
            "feedback_buttons", "icon_button"));

    /** What each block takes, from the "Compatible block elements" of the block pages. */
    private static final Set<String> ACTIONS_ELEMENTS = union(SELECTS, Set.of("button", "checkboxes", "datepicker",
            "datetimepicker", "overflow", "radio_buttons", "timepicker", "workflow_button", "rich_text_input"));
    private static final Set<String> ACCESSORIES = union(SELECTS, Set.of("button", "checkboxes", "datepicker",
            "image", "overflow", "radio_buttons", "timepicker", "workflow_button"));
    private static final Set<String> INPUT_ELEMENTS = union(SELECTS, Set.of("checkboxes", "datepicker",
            "datetimepicker", "email_text_input", "file_input", "number_input", "plain_text_input", "radio_buttons",
            "rich_text_input", "timepicker", "url_text_input"));

    private final List<Violation> out = new ArrayList<>();

    private BlockKit() {
    }

    /** The breaches in a message's {@code blocks} array (pointer {@code /blocks}). */
    static List<Violation> checkMessageBlocks(JsonNode blocks) {
        BlockKit k = new BlockKit();
        k.blocks(blocks, "/blocks", Surface.MESSAGE);
        return k.out;
    }

    /** The breaches in a view given to {@code method} (pointer {@code /view}); the size is checked by the caller. */
    static List<Violation> checkView(JsonNode view, String method) {
        BlockKit k = new BlockKit();
        k.view(view, method);
        return k.out;
    }

    /** The breaches in an app's answer to a {@code block_suggestion} request (an external select's options). */
    static List<Violation> checkOptionsAnswer(JsonNode answer) {
        BlockKit k = new BlockKit();
        JsonNode options = answer == null ? null : answer.get("options");
        JsonNode groups = answer == null ? null : answer.get("option_groups");
        if (isAbsent(options) && isAbsent(groups)) {
            k.add(Rules.OPTIONS_ANSWER, "missing required field: options " + at(""));
        }
        for (String list : List.of("options", "option_groups")) {
            JsonNode items = answer == null ? null : answer.get(list);
            if (items != null && items.isArray() && items.size() > 100) {
                k.add(Rules.OPTIONS_ANSWER, "no more than 100 items allowed " + at("/" + list));
            }
        }
        k.options(options, "/options", true);
        int g = 0;
        for (JsonNode group : iterable(groups)) {
            k.options(group.get("options"), "/option_groups/" + g++ + "/options", true);
        }
        return k.out;
    }

    // ------------------------------------------------------------------ views

    private void view(JsonNode view, String method) {
        String p = "/view";
        if (view == null || !view.isObject()) {
            add(Rules.VIEW_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        boolean publish = "views.publish".equals(method);
        String type = textOf(view, "type");
        if (type == null) {
            add(Rules.VIEW_TYPE, "missing required field: type " + at(p));
            return;
        }
        if (!type.equals(publish ? "home" : "modal")) {
            add(Rules.VIEW_TYPE, "failed to match all allowed schemas " + at(p + "/type"));
            return;
        }
        Surface surface = publish ? Surface.HOME : Surface.MODAL;
        if (surface == Surface.MODAL) {
            JsonNode title = view.get("title");
            if (title == null || title.isNull()) {
                add(Rules.VIEW_TITLE, "missing required field: title " + at(p));
            } else {
                textObject(title, p + "/title", Rules.VIEW_TITLE, 24, true, Rules.VIEW_TITLE);
            }
            optionalText(view, "submit", p, Rules.VIEW_SUBMIT, 24, true, Rules.VIEW_SUBMIT);
            optionalText(view, "close", p, Rules.VIEW_CLOSE, 24, true, Rules.VIEW_CLOSE);
            boolean hasInput = false;
            for (JsonNode b : iterable(view.get("blocks"))) {
                hasInput |= "input".equals(textOf(b, "type"));
            }
            if (hasInput && isAbsent(view.get("submit"))) {
                add(Rules.VIEW_SUBMIT_REQUIRED, "missing required field: submit " + at(p));
            }
        }
        maxLength(view, "private_metadata", p, 3000, Rules.VIEW_PRIVATE_METADATA);
        maxLength(view, "callback_id", p, 255, Rules.VIEW_CALLBACK_ID);
        JsonNode blocks = view.get("blocks");
        if (isAbsent(blocks)) {
            add(Rules.REQUIRED_FIELD, "missing required field: blocks " + at(p));
        } else {
            blocks(blocks, p + "/blocks", surface);
        }
    }

    // ------------------------------------------------------------------ blocks

    private void blocks(JsonNode blocks, String p, Surface surface) {
        if (!blocks.isArray()) {
            add(Rules.UNKNOWN_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        int max = surface == Surface.MESSAGE ? 50 : 100;
        if (blocks.size() > max) {
            add(surface == Surface.MESSAGE ? Rules.MESSAGE_BLOCKS_MAX : Rules.VIEW_BLOCKS_MAX,
                    "no more than " + max + " items allowed " + at(p));
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), p + "/" + i, surface);
        }
    }

    private void block(JsonNode b, String p, Surface surface) {
        if (!b.isObject()) {
            add(Rules.UNKNOWN_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        String type = textOf(b, "type");
        if (type == null) {
            add(Rules.REQUIRED_FIELD, "missing required field: type " + at(p));
            return;
        }
        if (!BLOCK_TYPES.contains(type)) {
            add(Rules.UNKNOWN_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        if ("input".equals(type) && surface == Surface.MESSAGE) {
            add(Rules.INPUT_OUTSIDE_VIEWS, "failed to match all allowed schemas " + at(p));
            return;
        }
        maxLength(b, "block_id", p, 255, Rules.BLOCK_ID_LENGTH);
        switch (type) {
            case "section" -> section(b, p);
            case "header" -> required(b, "text", p).ifPresent(t ->
                    textObject(t, p + "/text", Rules.HEADER_TEXT, 150, true, Rules.TEXT_OBJECT_TYPE));
            case "context" -> context(b, p);
            case "actions" -> required(b, "elements", p).ifPresent(elements -> {
                if (elements.isArray() && elements.size() > 25) {
                    add(Rules.ACTIONS_ELEMENTS, "no more than 25 items allowed " + at(p + "/elements"));
                }
                int i = 0;
                for (JsonNode e : iterable(elements)) {
                    element(e, p + "/elements/" + i++, ACTIONS_ELEMENTS);
                }
            });
            case "input" -> {
                required(b, "label", p).ifPresent(l ->
                        textObject(l, p + "/label", Rules.INPUT_LABEL, 2000, true, Rules.TEXT_OBJECT_TYPE));
                optionalText(b, "hint", p, Rules.INPUT_LABEL, 2000, true, Rules.TEXT_OBJECT_TYPE);
                required(b, "element", p).ifPresent(e -> element(e, p + "/element", INPUT_ELEMENTS));
            }
            default -> {
                // divider, image, rich_text and the rest: only the block_id is checked
            }
        }
    }

    private void section(JsonNode b, String p) {
        JsonNode text = b.get("text");
        JsonNode fields = b.get("fields");
        if (isAbsent(text) && isAbsent(fields)) {
            add(Rules.REQUIRED_FIELD, "missing required field: text " + at(p));
        }
        if (!isAbsent(text)) {
            textObject(text, p + "/text", Rules.SECTION_TEXT, 3000, false, Rules.TEXT_OBJECT_TYPE);
        }
        if (!isAbsent(fields)) {
            if (fields.isArray() && fields.size() > 10) {
                add(Rules.SECTION_FIELDS_COUNT, "no more than 10 items allowed " + at(p + "/fields"));
            }
            int i = 0;
            for (JsonNode f : iterable(fields)) {
                textObject(f, p + "/fields/" + i++, Rules.SECTION_FIELD_TEXT, 2000, false, Rules.TEXT_OBJECT_TYPE);
            }
        }
        JsonNode accessory = b.get("accessory");
        if (!isAbsent(accessory)) {
            element(accessory, p + "/accessory", ACCESSORIES);
        }
    }

    private void context(JsonNode b, String p) {
        required(b, "elements", p).ifPresent(elements -> {
            if (elements.isArray() && elements.size() > 10) {
                add(Rules.CONTEXT_ELEMENTS, "no more than 10 items allowed " + at(p + "/elements"));
            }
            int i = 0;
            for (JsonNode e : iterable(elements)) {
                String ep = p + "/elements/" + i++;
                String type = textOf(e, "type");
                if ("image".equals(type)) {
                    continue;
                }
                if ("plain_text".equals(type) || "mrkdwn".equals(type)) {
                    textObject(e, ep, Rules.TEXT_OBJECT_LENGTH, 3000, false, Rules.TEXT_OBJECT_TYPE);
                } else {
                    add(Rules.CONTEXT_ELEMENTS, "failed to match all allowed schemas " + at(ep));
                }
            }
        });
    }

    // ------------------------------------------------------------------ elements

    private void element(JsonNode e, String p, Set<String> allowedHere) {
        if (!e.isObject()) {
            add(Rules.UNKNOWN_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        String type = textOf(e, "type");
        if (type == null) {
            add(Rules.REQUIRED_FIELD, "missing required field: type " + at(p));
            return;
        }
        if (!ELEMENT_TYPES.contains(type) || !allowedHere.contains(type)) {
            add(Rules.UNKNOWN_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        maxLength(e, "action_id", p, 255, Rules.ACTION_ID_LENGTH);
        optionalText(e, "placeholder", p, Rules.PLACEHOLDER, 150, true, Rules.TEXT_OBJECT_TYPE);
        switch (type) {
            case "button" -> {
                required(e, "text", p).ifPresent(t ->
                        textObject(t, p + "/text", Rules.BUTTON_TEXT, 75, true, Rules.TEXT_OBJECT_TYPE));
                maxLength(e, "value", p, 2000, Rules.BUTTON_VALUE);
                maxLength(e, "url", p, 3000, Rules.BUTTON_URL);
            }
            case "static_select", "multi_static_select" -> {
                JsonNode options = e.get("options");
                JsonNode groups = e.get("option_groups");
                if (isAbsent(options) && isAbsent(groups)) {
                    add(Rules.REQUIRED_FIELD, "missing required field: options " + at(p));
                }
                for (String list : List.of("options", "option_groups")) {
                    JsonNode items = e.get(list);
                    if (items != null && items.isArray() && items.size() > 100) {
                        add(Rules.SELECT_OPTIONS, "no more than 100 items allowed " + at(p + "/" + list));
                    }
                }
                options(options, p + "/options", true);
                int g = 0;
                for (JsonNode group : iterable(groups)) {
                    options(group.get("options"), p + "/option_groups/" + g++ + "/options", true);
                }
                optionalOption(e, "initial_option", p, true);
                options(e.get("initial_options"), p + "/initial_options", true);
            }
            case "overflow" -> options(e.get("options"), p + "/options", true);
            case "checkboxes", "radio_buttons" -> {
                JsonNode options = e.get("options");
                if ("checkboxes".equals(type) && options != null && options.isArray() && options.size() > 10) {
                    add(Rules.CHECKBOX_OPTIONS, "no more than 10 items allowed " + at(p + "/options"));
                }
                options(options, p + "/options", false);
                optionalOption(e, "initial_option", p, false);
                options(e.get("initial_options"), p + "/initial_options", false);
            }
            case "plain_text_input" -> {
                range(e, "min_length", p, 0, 3000);
                range(e, "max_length", p, 1, 3000);
            }
            default -> {
                // other elements: action_id and placeholder only
            }
        }
    }

    private void options(JsonNode options, String p, boolean plainOnly) {
        int i = 0;
        for (JsonNode o : iterable(options)) {
            option(o, p + "/" + i++, plainOnly);
        }
    }

    private void optionalOption(JsonNode parent, String field, String p, boolean plainOnly) {
        JsonNode o = parent.get(field);
        if (!isAbsent(o)) {
            option(o, p + "/" + field, plainOnly);
        }
    }

    private void option(JsonNode o, String p, boolean plainOnly) {
        if (!o.isObject()) {
            add(Rules.UNKNOWN_TYPE, "failed to match all allowed schemas " + at(p));
            return;
        }
        required(o, "text", p).ifPresent(t ->
                textObject(t, p + "/text", Rules.OPTION_TEXT, 75, plainOnly, Rules.TEXT_OBJECT_TYPE));
        if (isAbsent(o.get("value"))) {
            add(Rules.REQUIRED_FIELD, "missing required field: value " + at(p));
        } else {
            maxLength(o, "value", p, 150, Rules.OPTION_VALUE);
        }
        optionalText(o, "description", p, Rules.OPTION_TEXT, 75, plainOnly, Rules.TEXT_OBJECT_TYPE);
    }

    // ------------------------------------------------------------------ text objects and plain fields

    private void optionalText(JsonNode parent, String field, String p, Rule lengthRule, int max, boolean plainOnly,
                              Rule typeRule) {
        JsonNode t = parent.get(field);
        if (!isAbsent(t)) {
            textObject(t, p + "/" + field, lengthRule, max, plainOnly, typeRule);
        }
    }

    /**
     * A text object: {@code {"type":"plain_text"|"mrkdwn","text":"..."}}. Its breaches come, as from Slack, with
     * {@code failed to match all allowed schemas} on the object before the message on its text.
     */
    private void textObject(JsonNode t, String p, Rule lengthRule, int max, boolean plainOnly, Rule typeRule) {
        String anyOf = "failed to match all allowed schemas " + at(p);
        if (!t.isObject()) {
            add(typeRule, anyOf);
            return;
        }
        String type = textOf(t, "type");
        if (type == null) {
            add(Rules.REQUIRED_FIELD, "missing required field: type " + at(p));
            return;
        }
        if (!(type.equals("plain_text") || (!plainOnly && type.equals("mrkdwn")))) {
            add(typeRule, anyOf);
            return;
        }
        JsonNode text = t.get("text");
        if (text == null || !text.isTextual()) {
            add(Rules.REQUIRED_FIELD, "missing required field: text " + at(p));
            return;
        }
        int length = length(text.asText());
        if (length == 0) {
            add(Rules.TEXT_OBJECT_LENGTH, anyOf, "must be more than 0 characters " + at(p + "/text"));
        } else if (length > max) {
            add(lengthRule, anyOf, "must be less than " + (max + 1) + " characters " + at(p + "/text"));
        }
    }

    private void maxLength(JsonNode parent, String field, String p, int max, Rule rule) {
        JsonNode v = parent.get(field);
        if (v != null && v.isTextual() && length(v.asText()) > max) {
            add(rule, "must be less than " + (max + 1) + " characters " + at(p + "/" + field));
        }
    }

    private void range(JsonNode parent, String field, String p, int min, int max) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isNumber()) {
            return;
        }
        long n = v.asLong();
        if (n > max) {
            add(Rules.PLAIN_TEXT_INPUT_LENGTHS, "must be less than " + (max + 1) + " " + at(p + "/" + field));
        } else if (n < min) {
            add(Rules.PLAIN_TEXT_INPUT_LENGTHS, "must be more than " + (min - 1) + " " + at(p + "/" + field));
        }
    }

    private java.util.Optional<JsonNode> required(JsonNode parent, String field, String p) {
        JsonNode v = parent.get(field);
        if (isAbsent(v)) {
            add(Rules.REQUIRED_FIELD, "missing required field: " + field + " " + at(p));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(v);
    }

    // ------------------------------------------------------------------ helpers

    /** Slack counts characters, not UTF-16 units: an emoji or a kanji is one. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private void add(Rule rule, String... messages) {
        out.add(new Violation(rule, List.of(messages)));
    }

    private static String at(String pointer) {
        return "[json-pointer:" + pointer + "]";
    }

    private static boolean isAbsent(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array != null && array.isArray() ? array : List.of();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.HashSet<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
