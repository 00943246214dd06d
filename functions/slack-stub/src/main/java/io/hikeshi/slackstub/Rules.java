package io.hikeshi.slackstub;

import java.util.List;

/**
 * Every limit the strict stub enforces, each with the Slack reference page that states it and the sentence that
 * does. Where a rule's answer is not stated on a reference page (the wording of Block Kit error messages, the size of
 * a chat.postMessage burst), the choice made is said beside the rule.
 */
public final class Rules {

    private Rules() {
    }

    static final List<String> MESSAGE_METHODS = List.of("chat.postMessage", "chat.update", "chat.postEphemeral");
    static final List<String> VIEW_METHODS = List.of("views.open", "views.update", "views.push", "views.publish");
    static final List<String> BLOCK_METHODS = List.of("chat.postMessage", "chat.update", "chat.postEphemeral",
            "views.open", "views.update", "views.push", "views.publish");

    /** Block Kit rules answer invalid_blocks in chat.* and invalid_arguments in views.*. */
    static final String BLOCK_ERROR = "invalid_blocks (views.*: invalid_arguments)";

    private static final String BLOCKS = "https://docs.slack.dev/reference/block-kit/blocks";
    private static final String SECTION = "https://docs.slack.dev/reference/block-kit/blocks/section-block";
    private static final String HEADER = "https://docs.slack.dev/reference/block-kit/blocks/header-block";
    private static final String CONTEXT = "https://docs.slack.dev/reference/block-kit/blocks/context-block";
    private static final String ACTIONS = "https://docs.slack.dev/reference/block-kit/blocks/actions-block";
    private static final String INPUT = "https://docs.slack.dev/reference/block-kit/blocks/input-block";
    private static final String TEXT_OBJECT = "https://docs.slack.dev/reference/block-kit/composition-objects/text-object";
    private static final String OPTION = "https://docs.slack.dev/reference/block-kit/composition-objects/option-object";
    private static final String BUTTON = "https://docs.slack.dev/reference/block-kit/block-elements/button-element";
    private static final String CHECKBOXES = "https://docs.slack.dev/reference/block-kit/block-elements/checkboxes-element";
    private static final String SELECT = "https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element";
    private static final String PLAIN_TEXT_INPUT =
            "https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element";
    private static final String MODAL = "https://docs.slack.dev/reference/views/modal-views";
    private static final String POST_MESSAGE = "https://docs.slack.dev/reference/methods/chat.postMessage";
    private static final String UPDATE = "https://docs.slack.dev/reference/methods/chat.update";
    private static final String CREATE = "https://docs.slack.dev/reference/methods/conversations.create";
    private static final String INVITE = "https://docs.slack.dev/reference/methods/conversations.invite";
    private static final String BOOKMARKS_ADD = "https://docs.slack.dev/reference/methods/bookmarks.add";
    private static final String PINS_ADD = "https://docs.slack.dev/reference/methods/pins.add";
    private static final String RATE_LIMITS = "https://docs.slack.dev/apis/web-api/rate-limits";

    // ------------------------------------------------------------------ Block Kit: counts per surface

    /** Answered as {@code no more than 50 items allowed [json-pointer:/blocks]} (Slack's schema-error wording). */
    public static final Rule MESSAGE_BLOCKS_MAX = new Rule("blocks.message_max_50", MESSAGE_METHODS,
            "A message carries at most 50 blocks", "invalid_blocks", BLOCKS,
            "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs.");

    public static final Rule VIEW_BLOCKS_MAX = new Rule("blocks.view_max_100", VIEW_METHODS,
            "A modal or Home tab carries at most 100 blocks", "invalid_arguments", BLOCKS,
            "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs.");

    // ------------------------------------------------------------------ Block Kit: shape

    /** {@code blocks} that are not a JSON array of objects never reach the schema. */
    public static final Rule BLOCKS_FORMAT = new Rule("blocks.format", MESSAGE_METHODS,
            "blocks must be a JSON array", "invalid_blocks_format", POST_MESSAGE,
            "invalid_blocks_format: The `blocks` is not a valid JSON object or doesn't match the Block Kit syntax.");

    /**
     * A type outside Block Kit's list (or an element outside the element list) fails the schema's {@code anyOf}:
     * answered {@code failed to match all allowed schemas [json-pointer:/blocks/N]}. Views answer
     * {@code invalid_arguments} (what the Slack Java SDK's own tests against the live API assert for views.*).
     */
    public static final Rule UNKNOWN_TYPE = new Rule("blocks.unknown_type", BLOCK_METHODS,
            "A block or element type Block Kit does not define, or an element where that block does not take it",
            BLOCK_ERROR, POST_MESSAGE,
            "invalid_blocks: Blocks submitted with this message are not valid.");

    /** Answered {@code missing required field: NAME [json-pointer:...]}. */
    public static final Rule REQUIRED_FIELD = new Rule("blocks.required_field", BLOCK_METHODS,
            "A block, element, option or text object without a field its reference marks Required"
                    + " (section: text or fields; header: text; context/actions: elements; input: label, element;"
                    + " button: text; option: text, value; text object: type, text)", BLOCK_ERROR, SECTION,
            "text ... This field is not required if a valid array of fields objects is provided instead.");

    /**
     * The api.slack.com block reference lists input blocks for modals and Home tabs; the docs.slack.dev page does not
     * state the surfaces in words, so this rule rests on the older page.
     */
    public static final Rule INPUT_OUTSIDE_VIEWS = new Rule("blocks.input_only_in_views", MESSAGE_METHODS,
            "Input blocks belong to modals and Home tabs, not messages", "invalid_blocks",
            "https://api.slack.com/reference/block-kit/blocks#input",
            "Input block ... Available in surfaces: Modals Home tabs");

    public static final Rule BLOCK_ID_LENGTH = new Rule("blocks.block_id_255", BLOCK_METHODS,
            "block_id is at most 255 characters", BLOCK_ERROR, HEADER,
            "block_id ... Maximum length for this field is 255 characters.");

    public static final Rule ACTION_ID_LENGTH = new Rule("blocks.action_id_255", BLOCK_METHODS,
            "An element's action_id is at most 255 characters", BLOCK_ERROR, BUTTON,
            "action_id ... Should be unique among all other action_ids in the containing block."
                    + " Maximum length is 255 characters.");

    /**
     * A text object's text, 1 to 3000 characters. Answered, as Slack does for a text object inside an {@code anyOf},
     * with {@code failed to match all allowed schemas [pointer]} then {@code must be less than 3001 characters
     * [pointer/text]} (or {@code must be more than 0 characters}).
     */
    public static final Rule TEXT_OBJECT_LENGTH = new Rule("blocks.text_object_1_3000", BLOCK_METHODS,
            "A text object's text is 1 to 3000 characters", BLOCK_ERROR, TEXT_OBJECT,
            "The minimum length is 1 and maximum length is 3000 characters.");

    public static final Rule TEXT_OBJECT_TYPE = new Rule("blocks.text_object_type", BLOCK_METHODS,
            "A text object is plain_text or mrkdwn, and plain_text where the reference says so"
                    + " (header, button, option in a menu, placeholder, input label and hint, view title/submit/close)",
            BLOCK_ERROR, BUTTON, "A text object that defines the button's text. Can only be of type: plain_text.");

    public static final Rule SECTION_TEXT = new Rule("blocks.section_text_3000", BLOCK_METHODS,
            "A section's text is at most 3000 characters", BLOCK_ERROR, SECTION,
            "Maximum length for the text in this field is 3000 characters.");

    public static final Rule SECTION_FIELDS_COUNT = new Rule("blocks.section_fields_10", BLOCK_METHODS,
            "A section has at most 10 fields", BLOCK_ERROR, SECTION, "Maximum number of items is 10.");

    public static final Rule SECTION_FIELD_TEXT = new Rule("blocks.section_field_2000", BLOCK_METHODS,
            "Each section field's text is at most 2000 characters", BLOCK_ERROR, SECTION,
            "Maximum length for the text in each item is 2000 characters.");

    public static final Rule HEADER_TEXT = new Rule("blocks.header_text_150", BLOCK_METHODS,
            "A header's text is at most 150 characters", BLOCK_ERROR, HEADER,
            "The text for the block, in the form of a plain_text text object."
                    + " Maximum length for the text in this field is 150 characters.");

    public static final Rule CONTEXT_ELEMENTS = new Rule("blocks.context_elements_10", BLOCK_METHODS,
            "A context block has at most 10 elements, each an image or a text object", BLOCK_ERROR, CONTEXT,
            "An array of image elements and text objects. Maximum number of items is 10.");

    public static final Rule ACTIONS_ELEMENTS = new Rule("blocks.actions_elements_25", BLOCK_METHODS,
            "An actions block has at most 25 elements", BLOCK_ERROR, ACTIONS,
            "There is a maximum of 25 elements in each action block.");

    public static final Rule BUTTON_TEXT = new Rule("blocks.button_text_75", BLOCK_METHODS,
            "A button's text is at most 75 characters", BLOCK_ERROR, BUTTON,
            "Maximum length for the text in this field is 75 characters.");

    public static final Rule BUTTON_VALUE = new Rule("blocks.button_value_2000", BLOCK_METHODS,
            "A button's value is at most 2000 characters", BLOCK_ERROR, BUTTON,
            "The value to send along with the interaction payload. Maximum length is 2000 characters.");

    public static final Rule BUTTON_URL = new Rule("blocks.button_url_3000", BLOCK_METHODS,
            "A button's url is at most 3000 characters", BLOCK_ERROR, BUTTON,
            "A URL to load in the user's browser when the button is clicked. Maximum length is 3000 characters.");

    public static final Rule OPTION_TEXT = new Rule("blocks.option_text_75", BLOCK_METHODS,
            "An option's text (and description) is at most 75 characters", BLOCK_ERROR, OPTION,
            "Maximum length for the text in this field is 75 characters.");

    public static final Rule OPTION_VALUE = new Rule("blocks.option_value_150", BLOCK_METHODS,
            "An option's value is at most 150 characters", BLOCK_ERROR, OPTION,
            "A unique string value that will be passed to your app when this option is chosen."
                    + " Maximum length for this field is 150 characters.");

    public static final Rule SELECT_OPTIONS = new Rule("blocks.select_options_100", BLOCK_METHODS,
            "A select menu has at most 100 options (or option groups)", BLOCK_ERROR, SELECT,
            "An array of option objects. Maximum number of options is 100.");

    public static final Rule CHECKBOX_OPTIONS = new Rule("blocks.checkboxes_options_10", BLOCK_METHODS,
            "A checkboxes element has at most 10 options", BLOCK_ERROR, CHECKBOXES,
            "An array of option objects. A maximum of 10 options are allowed.");

    /**
     * An external select's options come from the app's answer to a {@code block_suggestion} request, not from a Web
     * API call: {@link SlackApiStub#optionsAnswerBreaches} holds that answer to the same list limits as a static
     * select's (the reference gives the loaded list no other number), each option to the option object's.
     */
    public static final Rule OPTIONS_ANSWER = new Rule("options.answer_100", List.of("block_suggestion answer"),
            "An options load answer is an options (or option_groups) array of at most 100", BLOCK_ERROR, SELECT,
            "external_select: ... Your app should return an HTTP 200 OK response, along with an application/json post"
                    + " body with an object containing either an options array, or an option_groups array."
                    + " (options:) Maximum number of options is 100.");

    public static final Rule PLACEHOLDER = new Rule("blocks.placeholder_150", BLOCK_METHODS,
            "An element's placeholder is at most 150 characters", BLOCK_ERROR, SELECT,
            "A plain_text only text object that defines the placeholder text shown on the menu."
                    + " Maximum length for the text in this field is 150 characters.");

    public static final Rule INPUT_LABEL = new Rule("blocks.input_label_2000", BLOCK_METHODS,
            "An input block's label (and hint) is at most 2000 characters", BLOCK_ERROR, INPUT,
            "A label that appears above an input element in the form of a text object that must have type of"
                    + " plain_text. Maximum length for the text in this field is 2000 characters.");

    public static final Rule PLAIN_TEXT_INPUT_LENGTHS = new Rule("blocks.plain_text_input_lengths", BLOCK_METHODS,
            "A plain-text input's min_length is 0..3000 and max_length 1..3000", BLOCK_ERROR,
            PLAIN_TEXT_INPUT, "Acceptable values for this field are between 1 and 3000, inclusive.");

    // ------------------------------------------------------------------ views

    /** A view that is not a JSON object, or whose type does not fit the method (modal; home for views.publish). */
    public static final Rule VIEW_TYPE = new Rule("views.type", VIEW_METHODS,
            "view is a JSON object of type modal (views.open/update/push) or home (views.publish)",
            "invalid_arguments", MODAL, "type ... The type of view. Set to modal for modals.");

    public static final Rule VIEW_TITLE = new Rule("views.title_24", List.of("views.open", "views.update", "views.push"),
            "A modal's title is required, plain_text, at most 24 characters", "invalid_arguments", MODAL,
            "The title that appears in the top-left of the modal. Must be a plain_text text element with a max"
                    + " length of 24 characters.");

    public static final Rule VIEW_SUBMIT = new Rule("views.submit_24", List.of("views.open", "views.update", "views.push"),
            "A modal's submit is plain_text, at most 24 characters", "invalid_arguments", MODAL,
            "A plain_text element that defines the text displayed in the submit button at the bottom-right of the"
                    + " view. ... Max length of 24 characters.");

    public static final Rule VIEW_SUBMIT_REQUIRED = new Rule("views.submit_required_with_input",
            List.of("views.open", "views.update", "views.push"),
            "A modal with an input block must have submit", "invalid_arguments", MODAL,
            "submit is required when an input block is within the blocks array.");

    public static final Rule VIEW_CLOSE = new Rule("views.close_24", List.of("views.open", "views.update", "views.push"),
            "A modal's close is plain_text, at most 24 characters", "invalid_arguments", MODAL,
            "A plain_text element that defines the text displayed in the close button at the bottom-right of the"
                    + " view. Max length of 24 characters.");

    public static final Rule VIEW_PRIVATE_METADATA = new Rule("views.private_metadata_3000", VIEW_METHODS,
            "private_metadata is at most 3000 characters", "invalid_arguments", MODAL,
            "A string that will be sent to your app in view_submission and block_actions events."
                    + " Max length of 3000 characters.");

    public static final Rule VIEW_CALLBACK_ID = new Rule("views.callback_id_255", VIEW_METHODS,
            "callback_id is at most 255 characters", "invalid_arguments", MODAL,
            "An identifier to recognize interactions and submissions of this particular view. ..."
                    + " Max length of 255 characters.");

    public static final Rule VIEW_TOO_LARGE = new Rule("views.size_250kb", VIEW_METHODS,
            "A view is at most 250 kB", "view_too_large", "https://docs.slack.dev/reference/methods/views.open",
            "view_too_large: Error returned if the provided view is greater than 250kb.");

    // ------------------------------------------------------------------ message text

    /**
     * Not a refusal: Slack posts the first 40,000 characters and says so. Answered with {@code warning:
     * message_truncated} and the {@code [WARN]} sentence of the changelog in {@code response_metadata.messages}.
     */
    public static final Rule TEXT_TRUNCATED = new Rule("chat.text_truncated_40000",
            List.of("chat.postMessage", "chat.postEphemeral"),
            "A message text over 40,000 characters is truncated and posted, with a warning", "message_truncated",
            "https://api.slack.com/changelog/2018-04-truncating-really-long-messages",
            "On August 12, 2018 we started truncating messages containing more than 40,000 characters.");

    public static final Rule UPDATE_TEXT_TOO_LONG = new Rule("chat.update.text_4000", List.of("chat.update"),
            "chat.update's text is at most 4,000 characters", "msg_too_long", UPDATE,
            "msg_too_long: Message text is too long. The `text` field cannot exceed 4,000 characters.");

    public static final Rule NO_TEXT = new Rule("chat.no_text", MESSAGE_METHODS,
            "A message has text, blocks or attachments", "no_text", "https://api.slack.com/methods/chat.postMessage",
            "One of these arguments is required to describe the content of the message."
                    + " (no_text: No message text provided.)");

    public static final Rule UPDATE_MESSAGE_NOT_FOUND = new Rule("chat.update.message_not_found", List.of("chat.update"),
            "chat.update names a message this app posted in that channel", "message_not_found", UPDATE,
            "message_not_found: No message exists with the requested timestamp.");

    public static final Rule UPDATE_INACTIVE = new Rule("chat.update.is_inactive", List.of("chat.update"),
            "No edits in an archived channel", "is_inactive", UPDATE,
            "is_inactive: The message cannot be edited within a frozen, archived or deleted channel.");

    // ------------------------------------------------------------------ channels

    public static final Rule NAME_REQUIRED = new Rule("conversations.create.invalid_name_required",
            List.of("conversations.create"), "A channel name is required", "invalid_name_required", CREATE,
            "invalid_name_required: Value passed for `name` was empty.");

    public static final Rule NAME_MAXLENGTH = new Rule("conversations.create.invalid_name_maxlength",
            List.of("conversations.create"), "A channel name is at most 80 characters", "invalid_name_maxlength",
            CREATE, "Channel names may only contain lowercase letters, numbers, hyphens, and underscores, and must be"
                    + " 80 characters or less.");

    /** Letters are checked for case, so Japanese (caseless) names pass: see the report. */
    public static final Rule NAME_SPECIALS = new Rule("conversations.create.invalid_name_specials",
            List.of("conversations.create"),
            "A channel name holds only lowercase letters, numbers, hyphens and underscores (no spaces, periods,"
                    + " upper case)", "invalid_name_specials", CREATE,
            "invalid_name_specials: Value passed for `name` contained unallowed special characters or upper case"
                    + " characters.");

    public static final Rule NAME_PUNCTUATION = new Rule("conversations.create.invalid_name_punctuation",
            List.of("conversations.create"), "A channel name is not punctuation only", "invalid_name_punctuation",
            CREATE, "invalid_name_punctuation: Value passed for `name` contained only punctuation.");

    public static final Rule NAME_TAKEN = new Rule("conversations.create.name_taken", List.of("conversations.create"),
            "Channel names are unique in a workspace", "name_taken", CREATE,
            "name_taken: A channel cannot be created with the given name.");

    public static final Rule TOPIC_TOO_LONG = new Rule("conversations.setTopic.too_long",
            List.of("conversations.setTopic"), "A topic is at most 250 characters", "too_long",
            "https://docs.slack.dev/reference/methods/conversations.setTopic",
            "too_long: Topic was longer than 250 characters.");

    public static final Rule PURPOSE_TOO_LONG = new Rule("conversations.setPurpose.too_long",
            List.of("conversations.setPurpose"), "A purpose is at most 250 characters", "too_long",
            "https://docs.slack.dev/reference/methods/conversations.setPurpose",
            "too_long: Description was longer than 250 characters.");

    /** Also answered for a private channel the bot is not in: Slack does not show it to non-members. */
    public static final Rule CHANNEL_NOT_FOUND = new Rule("channel.not_found",
            List.of("chat.postMessage", "chat.update", "chat.postEphemeral", "conversations.info",
                    "conversations.invite", "conversations.join", "conversations.setTopic",
                    "conversations.setPurpose", "conversations.history", "conversations.replies", "bookmarks.add",
                    "pins.add", "conversations.members"),
            "The channel exists (and, if private, the bot is in it)", "channel_not_found", POST_MESSAGE,
            "channel_not_found: Value passed for `channel` was invalid.");

    public static final Rule IS_ARCHIVED = new Rule("channel.is_archived",
            List.of("chat.postMessage", "chat.postEphemeral", "conversations.invite", "conversations.join",
                    "conversations.setTopic", "conversations.setPurpose"),
            "Nothing is posted to, joined or changed in an archived channel", "is_archived", POST_MESSAGE,
            "is_archived: Channel has been archived.");

    /**
     * chat.postMessage to a public channel needs no membership with {@code chat:write.public}, which Hikeshi's
     * manifest requests ({@link SlackApiStub.Builder#withoutChatWritePublic} takes it away).
     */
    /**
     * chat.getPermalink needs no scope and no membership, but a conversation the app cannot see (a private channel or
     * DM the bot is not in) is answered as one that does not exist, as every conversation method answers it.
     */
    public static final Rule PERMALINK_CHANNEL_NOT_FOUND = new Rule("chat.getPermalink.channel_not_found",
            List.of("chat.getPermalink"), "A permalink is given for a message in a conversation the app can see",
            "channel_not_found", "https://docs.slack.dev/reference/methods/chat.getPermalink",
            "channel_not_found: Value passed for channel was invalid.");

    public static final Rule NOT_IN_CHANNEL = new Rule("channel.not_in_channel",
            List.of("chat.postMessage", "chat.postEphemeral", "conversations.invite", "conversations.setTopic",
                    "conversations.setPurpose", "conversations.history", "pins.add"),
            "The bot is a member of the channel it acts in", "not_in_channel", POST_MESSAGE,
            "not_in_channel: Cannot post user messages to a channel they are not in.");

    // ------------------------------------------------------------------ users

    public static final Rule USER_NOT_FOUND = new Rule("user.not_found",
            List.of("users.info", "conversations.invite"), "The user exists in the workspace", "user_not_found",
            "https://docs.slack.dev/reference/methods/users.info", "user_not_found: Value passed for `user` was invalid.");

    public static final Rule INVITE_NO_USER = new Rule("conversations.invite.no_user",
            List.of("conversations.invite"), "An invite names at least one user", "no_user", INVITE,
            "no_user: No value was passed for `users`.");

    public static final Rule INVITE_SELF = new Rule("conversations.invite.cant_invite_self",
            List.of("conversations.invite"), "The bot does not invite itself", "cant_invite_self", INVITE,
            "cant_invite_self: Authenticated user cannot invite themselves to a channel.");

    public static final Rule INVITE_ALREADY_IN_CHANNEL = new Rule("conversations.invite.already_in_channel",
            List.of("conversations.invite"), "An invited user is not already in the channel", "already_in_channel",
            INVITE, "already_in_channel: Invited user is already in the channel.");

    // ------------------------------------------------------------------ bookmarks and pins

    public static final Rule BOOKMARK_LINK = new Rule("bookmarks.add.invalid_link", List.of("bookmarks.add"),
            "A link bookmark's link is an http(s) URL", "invalid_link", BOOKMARKS_ADD,
            "invalid_link: Invalid link, link should begin with either http:// or https://.");

    /** Accepted: {@code name} or {@code :name:} of lowercase letters, digits, {@code _ + - '}, an optional skin tone. */
    public static final Rule BOOKMARK_EMOJI = new Rule("bookmarks.add.invalid_emoji", List.of("bookmarks.add"),
            "A bookmark's emoji is an emoji name", "invalid_emoji", BOOKMARKS_ADD,
            "invalid_emoji: Invalid emoji, does not follow the pattern of a valid emoji name.");

    /**
     * The reference gives the arguments' schema (title required, maxLength 256; link maxLength 2048) but no error
     * code for breaking it: answered {@code invalid_arguments} with a schema message, as Slack answers a
     * schema-checked argument elsewhere.
     */
    public static final Rule BOOKMARK_ARGUMENTS = new Rule("bookmarks.add.arguments", List.of("bookmarks.add"),
            "A bookmark has a title of at most 256 characters and a link of at most 2048", "invalid_arguments",
            BOOKMARKS_ADD, "title: string, maxLength 256 (required); link: string, maxLength 2048");

    public static final Rule PIN_NO_ITEM = new Rule("pins.add.no_item_specified", List.of("pins.add"),
            "A pin names the message's timestamp", "no_item_specified", PINS_ADD,
            "no_item_specified: One of `file`, `file_comment`, or `timestamp` was not specified.");

    public static final Rule PIN_MESSAGE_NOT_FOUND = new Rule("pins.add.message_not_found", List.of("pins.add"),
            "The pinned message exists in that channel", "message_not_found", PINS_ADD,
            "message_not_found: Message specified by `channel` and `timestamp` does not exist.");

    public static final Rule PIN_ALREADY_PINNED = new Rule("pins.add.already_pinned", List.of("pins.add"),
            "A message is pinned once", "already_pinned", PINS_ADD,
            "already_pinned: The specified item is already pinned to the channel.");

    // ------------------------------------------------------------------ rate limits (HTTP 429 + Retry-After)

    /*
     * Tiers per method, from each method's reference page (Facts: Rate Limits):
     *   Tier 2: conversations.create, conversations.setTopic, conversations.setPurpose, conversations.list,
     *           bookmarks.add, pins.add, usergroups.users.list
     *   Tier 3: chat.update, conversations.invite, conversations.join, conversations.info, conversations.history,
     *           conversations.replies, reactions.add, team.info
     *   Tier 4: chat.postEphemeral, views.open, views.update, views.push, views.publish, users.info,
 *           conversations.members
     *   Special: chat.postMessage (below); auth.test and chat.getPermalink state no number and are not limited.
     * A tier is a bucket per method (Slack limits "per API method per workspace/team per app") holding a minute's
     * worth of calls, refilled evenly over the minute: a burst of the tier's size, then the tier's pace.
     * conversations.history/replies keep Tier 3: the 2025 change for non-Marketplace apps spares internal,
     * customer-built apps, which is what Hikeshi is.
     */
    static final String HTTP_429 = "HTTP 429 Too Many Requests, Retry-After header, {\"ok\":false,\"error\":\"ratelimited\"}";

    public static final Rule RATE_TIER_2 = new Rule("ratelimit.tier2",
            List.of("conversations.create", "conversations.setTopic", "conversations.setPurpose",
                    "conversations.list", "bookmarks.add", "pins.add", "usergroups.users.list"),
            "Tier 2: 20 calls a minute per method, as a burst of 20 then one every 3 s (" + HTTP_429 + ")",
            "ratelimited", RATE_LIMITS,
            "Web API Tier 2 20+ per minute Most methods allow at least 20 requests per minute, while allowing for"
                    + " occasional bursts of more requests.");

    public static final Rule RATE_TIER_3 = new Rule("ratelimit.tier3",
            List.of("chat.update", "conversations.invite", "conversations.join", "conversations.info",
                    "conversations.history", "conversations.replies", "reactions.add", "team.info"),
            "Tier 3: 50 calls a minute per method (" + HTTP_429 + ")", "ratelimited", RATE_LIMITS,
            "Web API Tier 3 50+ per minute Tier 3 methods allow a larger number of requests and are typically"
                    + " attached to methods with paginating collections of conversations or users.");

    public static final Rule RATE_TIER_4 = new Rule("ratelimit.tier4",
            List.of("chat.postEphemeral", "views.open", "views.update", "views.push", "views.publish", "users.info",
                    "conversations.members"),
            "Tier 4: 100 calls a minute per method (" + HTTP_429 + ")", "ratelimited", RATE_LIMITS,
            "Web API Tier 4 100+ per minute Enjoy a large request quota for Tier 4 methods, including generous burst"
                    + " behavior.");

    /**
     * One message a second per channel after a short burst. The reference gives no burst size ("Short bursts >1
     * allowed") and no number for the workspace-wide limit: a burst of 3 per channel is chosen (a war room's card,
     * guide and first update), configurable with {@link SlackApiStub.Builder#postMessageBurst}; no workspace-wide
     * limit is enforced.
     */
    public static final Rule RATE_POST_MESSAGE = new Rule("ratelimit.chat.postMessage", List.of("chat.postMessage"),
            "chat.postMessage: one message a second per channel after a short burst (" + HTTP_429 + ")",
            "ratelimited", RATE_LIMITS,
            "For example, chat.postMessage generally allows posting one message per second per channel, while also"
                    + " maintaining a workspace-wide limit. ... Posting messages 1 per second Short bursts >1 allowed.");

    /** Every rule, in the order above. */
    public static final List<Rule> ALL = List.of(
            MESSAGE_BLOCKS_MAX, VIEW_BLOCKS_MAX, BLOCKS_FORMAT, UNKNOWN_TYPE, REQUIRED_FIELD, INPUT_OUTSIDE_VIEWS,
            BLOCK_ID_LENGTH, ACTION_ID_LENGTH, TEXT_OBJECT_LENGTH, TEXT_OBJECT_TYPE, SECTION_TEXT,
            SECTION_FIELDS_COUNT, SECTION_FIELD_TEXT, HEADER_TEXT, CONTEXT_ELEMENTS, ACTIONS_ELEMENTS, BUTTON_TEXT,
            BUTTON_VALUE, BUTTON_URL, OPTION_TEXT, OPTION_VALUE, SELECT_OPTIONS, CHECKBOX_OPTIONS, OPTIONS_ANSWER, PLACEHOLDER, INPUT_LABEL,
            PLAIN_TEXT_INPUT_LENGTHS,
            VIEW_TYPE, VIEW_TITLE, VIEW_SUBMIT, VIEW_SUBMIT_REQUIRED, VIEW_CLOSE, VIEW_PRIVATE_METADATA,
            VIEW_CALLBACK_ID, VIEW_TOO_LARGE,
            TEXT_TRUNCATED, UPDATE_TEXT_TOO_LONG, NO_TEXT, UPDATE_MESSAGE_NOT_FOUND, UPDATE_INACTIVE,
            NAME_REQUIRED, NAME_MAXLENGTH, NAME_SPECIALS, NAME_PUNCTUATION, NAME_TAKEN, TOPIC_TOO_LONG,
            PURPOSE_TOO_LONG, CHANNEL_NOT_FOUND, PERMALINK_CHANNEL_NOT_FOUND, IS_ARCHIVED, NOT_IN_CHANNEL,
            USER_NOT_FOUND, INVITE_NO_USER, INVITE_SELF, INVITE_ALREADY_IN_CHANNEL,
            BOOKMARK_LINK, BOOKMARK_EMOJI, BOOKMARK_ARGUMENTS, PIN_NO_ITEM, PIN_MESSAGE_NOT_FOUND, PIN_ALREADY_PINNED,
            RATE_TIER_2, RATE_TIER_3, RATE_TIER_4, RATE_POST_MESSAGE);

    /** The rule with this id. */
    public static Rule byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such rule: " + id));
    }
}
