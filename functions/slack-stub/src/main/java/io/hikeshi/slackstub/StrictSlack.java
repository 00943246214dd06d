package io.hikeshi.slackstub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The strict stub's workspace and the Slack semantics of each method: who exists, which channels the bot is in,
 * what was posted, pinned and bookmarked, and the rules of {@link Rules} checked before anything is done. A refused
 * call changes nothing. Check and change happen under one lock, so two racing calls see each other's effects as
 * Slack's would (one of two identical conversations.create calls gets {@code name_taken}).
 */
final class StrictSlack {

    /** The HTTP answer to one call. */
    record Answer(int status, Map<String, String> headers, String json) {
        static Answer ok(String json) {
            return new Answer(200, Map.of(), json);
        }
    }

    static final class Channel {
        final String id;
        final String name;
        final boolean isPrivate;
        boolean archived;
        boolean botMember;
        final boolean createdByBot;
        final Set<String> members = new LinkedHashSet<>();
        String topic = "";
        String purpose = "";
        final Map<String, SlackApiStub.Message> messages = new LinkedHashMap<>();
        final Set<String> pins = new LinkedHashSet<>();
        final List<String> bookmarks = new ArrayList<>();

        Channel(String id, String name, boolean isPrivate, boolean botMember, boolean createdByBot) {
            this.id = id;
            this.name = name;
            this.isPrivate = isPrivate;
            this.botMember = botMember;
            this.createdByBot = createdByBot;
        }
    }

    /** conversations.create says why in {@code detail}: the reference's description of each error. */
    private static final Map<String, String> NAME_DETAILS = Map.of(
            "invalid_name_required", "Value passed for `name` was empty.",
            "invalid_name_maxlength", "Value passed for `name` exceeded max length.",
            "invalid_name_specials",
            "Value passed for `name` contained unallowed special characters or upper case characters.",
            "invalid_name_punctuation", "Value passed for `name` contained only punctuation.",
            "name_taken", "A channel cannot be created with the given name.");

    private static final int MAX_MESSAGE_TEXT = 40_000;
    private static final String TRUNCATED_WARNING =
            "[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.";
    /** An emoji name, with or without its colons, optionally with a skin tone. */
    private static final Pattern EMOJI = Pattern.compile(":?[a-z0-9_+'\\-]+:?(:skin-tone-[2-6]:)?");

    private final SlackApiStub stub;
    private final RateLimiter rateLimiter;
    private final Predicate<Rule> enabled;
    private final boolean chatWritePublic;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    /** Guests: user id → true for a single-channel guest ({@code is_ultra_restricted}), false for a multi-channel one. */
    private final Map<String, Boolean> guests = new LinkedHashMap<>();
    /** People whose Slack language is not the fixtures' ja-JP. */
    private final Map<String, String> locales = new LinkedHashMap<>();
    /** A person's profile names as they set them: {@code [display_name, real_name]}. */
    private final Map<String, String[]> profileNames = new LinkedHashMap<>();

    StrictSlack(SlackApiStub stub, RateLimiter rateLimiter, Predicate<Rule> enabled, boolean chatWritePublic) {
        this.stub = stub;
        this.rateLimiter = rateLimiter;
        this.enabled = enabled;
        this.chatWritePublic = chatWritePublic;
        users.put(SlackApiStub.BOT_USER_ID, "hikeshi");
    }

    // ------------------------------------------------------------------ the workspace, for set-up and assertions

    synchronized void addChannel(String id, String name, boolean isPrivate, boolean botMember) {
        channels.put(id, new Channel(id, name, isPrivate, botMember, false));
    }

    synchronized void addUser(String id, String name) {
        users.put(id, name);
    }

    synchronized void addGuest(String id, String name, boolean singleChannel) {
        users.put(id, name);
        guests.put(id, singleChannel);
    }

    synchronized void setProfileNames(String userId, String displayName, String realName) {
        profileNames.put(userId, new String[] {displayName, realName});
    }

    synchronized void setLocale(String userId, String locale) {
        locales.put(userId, locale);
    }

    synchronized void join(String channelId, String userId) {
        existing(channelId).members.add(userId);
    }

    synchronized void archive(String channelId) {
        existing(channelId).archived = true;
    }

    synchronized void removeBot(String channelId) {
        existing(channelId).botMember = false;
    }

    synchronized void addMessage(String channelId, String ts, String user, String text) {
        existing(channelId).messages.put(ts, new SlackApiStub.Message(ts, user, text));
    }

    synchronized Optional<String> channelIdNamed(String name) {
        return channels.values().stream().filter(c -> c.name.equals(name)).map(c -> c.id).findFirst();
    }

    synchronized boolean botIsMember(String channelId) {
        return existing(channelId).botMember;
    }

    synchronized List<String> members(String channelId) {
        return List.copyOf(existing(channelId).members);
    }

    synchronized String topic(String channelId) {
        return existing(channelId).topic;
    }

    synchronized String purpose(String channelId) {
        return existing(channelId).purpose;
    }

    synchronized List<SlackApiStub.Message> messages(String channelId) {
        return List.copyOf(existing(channelId).messages.values());
    }

    synchronized List<String> pins(String channelId) {
        return List.copyOf(existing(channelId).pins);
    }

    synchronized List<String> bookmarks(String channelId) {
        return List.copyOf(existing(channelId).bookmarks);
    }

    synchronized List<String> channelIds() {
        return List.copyOf(channels.keySet());
    }

    private Channel existing(String channelId) {
        Channel c = channels.get(channelId);
        if (c == null) {
            throw new IllegalArgumentException("no channel " + channelId + " in the stub's workspace");
        }
        return c;
    }

    // ------------------------------------------------------------------ answering

    /** Slack's answer to {@code call}: a rate limit, a rule's refusal, or the method's work done and answered. */
    Answer answer(SlackApiStub.Call call) {
        String method = call.method();
        if (enabledAny(Rules.RATE_TIER_2, Rules.RATE_TIER_3, Rules.RATE_TIER_4, Rules.RATE_POST_MESSAGE)) {
            RateLimiter.Throttle throttle = rateLimiter.acquire(method, call.param("channel"));
            if (throttle != null && enabled.test(throttle.rule())) {
                stub.record(new Enforcement(throttle.rule(), method, 429, "ratelimited", List.of(), call));
                return new Answer(429, Map.of("Retry-After", String.valueOf(throttle.retryAfterSeconds())),
                        SlackApiStub.RATELIMITED);
            }
        }
        synchronized (this) {
            return switch (method) {
                case "chat.postMessage" -> postMessage(call);
                case "chat.postEphemeral" -> postEphemeral(call);
                case "chat.update" -> update(call);
                case "views.open", "views.update", "views.push", "views.publish" -> view(call);
                case "conversations.create" -> create(call);
                case "conversations.list" -> list(call);
                case "conversations.info" -> info(call);
                case "conversations.join" -> join(call);
                case "conversations.invite" -> invite(call);
                case "conversations.setTopic" -> setTopicOrPurpose(call, true);
                case "conversations.setPurpose" -> setTopicOrPurpose(call, false);
                case "conversations.history", "conversations.replies" -> history(call);
                case "users.info" -> userInfo(call);
                case "conversations.members" -> conversationMembers(call);
                case "bookmarks.add" -> bookmark(call);
                case "pins.add" -> pin(call);
                case "chat.getPermalink" -> permalink(call);
                default -> Answer.ok(stub.defaultResponse(call));
            };
        }
    }

    // ------------------------------------------------------------------ chat

    private Answer postMessage(SlackApiStub.Call c) {
        String target = c.param("channel");
        Channel ch = visible(target);
        boolean dm = ch == null && target != null && users.containsKey(target); // a user id: the app's DM with them
        if (ch == null && !dm) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if (ch != null && ch.archived && enabled.test(Rules.IS_ARCHIVED)) {
            return refuse(c, Rules.IS_ARCHIVED);
        }
        if (ch != null && !ch.botMember && !chatWritePublic && enabled.test(Rules.NOT_IN_CHANNEL)) {
            return refuse(c, Rules.NOT_IN_CHANNEL);
        }
        Answer content = checkContent(c);
        if (content != null) {
            return content;
        }
        String text = c.param("text");
        boolean truncated = text != null && BlockKit.length(text) > MAX_MESSAGE_TEXT && enabled.test(Rules.TEXT_TRUNCATED);
        String posted = truncated ? text.substring(0, text.offsetByCodePoints(0, MAX_MESSAGE_TEXT)) : text;
        String ts = stub.nextTs();
        if (ch != null) {
            ch.messages.put(ts, new SlackApiStub.Message(ts, SlackApiStub.BOT_USER_ID, posted == null ? "" : posted));
        }
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true).put("channel", target).put("ts", ts);
        ObjectNode message = stub.botMessage(c, ts);
        message.put("text", posted == null ? "" : posted);
        if (c.param("thread_ts") != null) {
            message.put("thread_ts", c.param("thread_ts"));
        }
        r.set("message", message);
        if (truncated) {
            warnTruncated(c, r, true);
        }
        return Answer.ok(r.toString());
    }

    /** A link to any message of a conversation the app can see; the message itself is not read. */
    private Answer permalink(SlackApiStub.Call c) {
        if (visible(c.param("channel")) == null && enabled.test(Rules.PERMALINK_CHANNEL_NOT_FOUND)) {
            return refuse(c, Rules.PERMALINK_CHANNEL_NOT_FOUND);
        }
        return Answer.ok(stub.defaultResponse(c));
    }

    private Answer postEphemeral(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if (ch.archived && enabled.test(Rules.IS_ARCHIVED)) {
            return refuse(c, Rules.IS_ARCHIVED);
        }
        if (!ch.botMember && enabled.test(Rules.NOT_IN_CHANNEL)) {
            return refuse(c, Rules.NOT_IN_CHANNEL);
        }
        Answer content = checkContent(c);
        if (content != null) {
            return content;
        }
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true).put("message_ts", stub.nextTs());
        String text = c.param("text");
        if (text != null && BlockKit.length(text) > MAX_MESSAGE_TEXT && enabled.test(Rules.TEXT_TRUNCATED)) {
            warnTruncated(c, r, false); // chat.postEphemeral's response carries no response_metadata
        }
        return Answer.ok(r.toString());
    }

    private Answer update(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if (ch.archived && enabled.test(Rules.UPDATE_INACTIVE)) {
            return refuse(c, Rules.UPDATE_INACTIVE);
        }
        String ts = c.param("ts");
        if ((ts == null || !ch.messages.containsKey(ts)) && enabled.test(Rules.UPDATE_MESSAGE_NOT_FOUND)) {
            return refuse(c, Rules.UPDATE_MESSAGE_NOT_FOUND);
        }
        String text = c.param("text");
        if (text != null && BlockKit.length(text) > 4_000 && enabled.test(Rules.UPDATE_TEXT_TOO_LONG)) {
            return refuse(c, Rules.UPDATE_TEXT_TOO_LONG);
        }
        Answer content = checkContent(c);
        if (content != null) {
            return content;
        }
        if (ts != null && ch.messages.containsKey(ts)) {
            SlackApiStub.Message old = ch.messages.get(ts);
            ch.messages.put(ts, new SlackApiStub.Message(ts, old.user(), text == null ? "" : text));
        }
        return Answer.ok(stub.defaultResponse(c));
    }

    /**
     * no_text and Block Kit: the message's content, for chat.postMessage, chat.postEphemeral and chat.update. Each
     * answers invalid_blocks in its own shape, as the SDK's samples of Slack's responses show: chat.postMessage with
     * "errors" and response_metadata, chat.update with response_metadata, chat.postEphemeral with the error alone.
     */
    private Answer checkContent(SlackApiStub.Call c) {
        String text = c.param("text");
        String blocks = c.param("blocks");
        String attachments = c.param("attachments");
        boolean hasBlocks = blocks != null && !blocks.isBlank();
        if ((text == null || text.isEmpty()) && !hasBlocks && (attachments == null || attachments.isBlank())
                && c.param("markdown_text") == null && enabled.test(Rules.NO_TEXT)) {
            return refuse(c, Rules.NO_TEXT);
        }
        if (!hasBlocks) {
            return null;
        }
        JsonNode parsed = parse(blocks);
        if (parsed == null || !parsed.isArray()) {
            return enabled.test(Rules.BLOCKS_FORMAT) ? refuse(c, Rules.BLOCKS_FORMAT) : null;
        }
        List<BlockKit.Violation> violations = active(BlockKit.checkMessageBlocks(parsed));
        if (violations.isEmpty()) {
            return null;
        }
        ObjectNode r = error("invalid_blocks");
        List<String> messages = new ArrayList<>();
        violations.forEach(v -> messages.addAll(v.messages()));
        if ("chat.postMessage".equals(c.method())) { // it also lists them, unprefixed, in "errors"
            ArrayNode errors = r.putArray("errors");
            messages.forEach(errors::add);
        }
        if (!"chat.postEphemeral".equals(c.method())) {
            ArrayNode metadata = r.putObject("response_metadata").putArray("messages");
            messages.forEach(m -> metadata.add("[ERROR] " + m));
        }
        for (BlockKit.Violation v : violations) {
            stub.record(new Enforcement(v.rule(), c.method(), 200, "invalid_blocks", prefixed(v.messages()), c));
        }
        return Answer.ok(r.toString());
    }

    private void warnTruncated(SlackApiStub.Call c, ObjectNode r, boolean withMetadata) {
        r.put("warning", "message_truncated");
        if (withMetadata) {
            r.putObject("response_metadata").putArray("messages").add(TRUNCATED_WARNING);
        }
        stub.record(new Enforcement(Rules.TEXT_TRUNCATED, c.method(), 200, null,
                withMetadata ? List.of(TRUNCATED_WARNING) : List.of(), c));
    }

    // ------------------------------------------------------------------ views

    private Answer view(SlackApiStub.Call c) {
        String raw = c.param("view");
        if (raw != null && raw.getBytes(StandardCharsets.UTF_8).length > 250 * 1024
                && enabled.test(Rules.VIEW_TOO_LARGE)) {
            return refuse(c, Rules.VIEW_TOO_LARGE);
        }
        List<BlockKit.Violation> violations = active(BlockKit.checkView(parse(raw), c.method()));
        if (violations.isEmpty()) {
            return Answer.ok(stub.defaultResponse(c));
        }
        ObjectNode r = error("invalid_arguments");
        ArrayNode metadata = r.putObject("response_metadata").putArray("messages");
        for (BlockKit.Violation v : violations) {
            v.messages().forEach(m -> metadata.add("[ERROR] " + m));
            stub.record(new Enforcement(v.rule(), c.method(), 200, "invalid_arguments", prefixed(v.messages()), c));
        }
        return Answer.ok(r.toString());
    }

    // ------------------------------------------------------------------ conversations

    /**
     * A boolean argument as Slack reads it: {@code is_private} of conversations.create is a boolean
     * (https://docs.slack.dev/reference/methods/conversations.create), which form-encoded clients send as
     * {@code true} or {@code 1} (the Java SDK sends {@code 1}).
     */
    static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private Answer create(SlackApiStub.Call c) {
        String name = c.param("name");
        Rule broken = channelNameRule(name);
        if (broken != null) {
            return refuse(c, broken, NAME_DETAILS.get(broken.error()));
        }
        String id = String.format(Locale.ROOT, "C%08d", stub.nextChannelNumber());
        Channel ch = new Channel(id, name, isTrue(c.param("is_private")), true, true);
        channels.put(id, ch);
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
        r.set("channel", channelJson(ch));
        return Answer.ok(r.toString());
    }

    /** The first naming rule {@code name} breaks, or null: required, 80 characters, specials, punctuation, taken. */
    private Rule channelNameRule(String name) {
        if ((name == null || name.isEmpty()) && enabled.test(Rules.NAME_REQUIRED)) {
            return Rules.NAME_REQUIRED;
        }
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (BlockKit.length(name) > 80 && enabled.test(Rules.NAME_MAXLENGTH)) {
            return Rules.NAME_MAXLENGTH;
        }
        boolean hasWordCharacter = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            boolean allowed = cp == '-' || cp == '_' || Character.isDigit(cp)
                    || (Character.isLetter(cp) && !Character.isUpperCase(cp) && !Character.isTitleCase(cp));
            if (!allowed && enabled.test(Rules.NAME_SPECIALS)) {
                return Rules.NAME_SPECIALS;
            }
            hasWordCharacter |= cp != '-' && cp != '_';
        }
        if (!hasWordCharacter && enabled.test(Rules.NAME_PUNCTUATION)) {
            return Rules.NAME_PUNCTUATION;
        }
        if (channels.values().stream().anyMatch(ch -> ch.name.equals(name)) && enabled.test(Rules.NAME_TAKEN)) {
            return Rules.NAME_TAKEN;
        }
        return null;
    }

    private Answer list(SlackApiStub.Call c) {
        boolean excludeArchived = "true".equals(c.param("exclude_archived")) || "1".equals(c.param("exclude_archived"));
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
        ArrayNode list = r.putArray("channels");
        channels.values().stream()
                .filter(ch -> !ch.isPrivate || ch.botMember)
                .filter(ch -> !(excludeArchived && ch.archived))
                .sorted(java.util.Comparator.comparing(ch -> ch.id))
                .forEach(ch -> list.add(channelJson(ch)));
        r.putObject("response_metadata").put("next_cursor", "");
        return Answer.ok(r.toString());
    }

    private Answer info(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        return okChannel(ch);
    }

    private Answer join(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if (ch.archived && enabled.test(Rules.IS_ARCHIVED)) {
            return refuse(c, Rules.IS_ARCHIVED);
        }
        ch.botMember = true;
        return okChannel(ch);
    }

    private Answer invite(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if (ch.archived && enabled.test(Rules.IS_ARCHIVED)) {
            return refuse(c, Rules.IS_ARCHIVED);
        }
        if (!ch.botMember && enabled.test(Rules.NOT_IN_CHANNEL)) {
            return refuse(c, Rules.NOT_IN_CHANNEL);
        }
        List<String> invited = new ArrayList<>();
        for (String u : (c.param("users") == null ? "" : c.param("users")).split(",")) {
            if (!u.isBlank()) {
                invited.add(u.strip());
            }
        }
        if (invited.isEmpty() && enabled.test(Rules.INVITE_NO_USER)) {
            return refuse(c, Rules.INVITE_NO_USER);
        }
        List<String> valid = new ArrayList<>();
        Map<String, Rule> failed = new LinkedHashMap<>();
        for (String u : invited) {
            Rule broken = SlackApiStub.BOT_USER_ID.equals(u) ? Rules.INVITE_SELF
                    : !users.containsKey(u) ? Rules.USER_NOT_FOUND
                    : ch.members.contains(u) || valid.contains(u) ? Rules.INVITE_ALREADY_IN_CHANNEL
                    : null;
            if (broken != null && enabled.test(broken)) {
                failed.put(u, broken);
            } else {
                valid.add(u);
            }
        }
        boolean force = "true".equals(c.param("force")) || "1".equals(c.param("force"));
        if (!failed.isEmpty() && (!force || valid.isEmpty())) {
            // Slack refuses the whole invite, naming each user it could not invite
            Rule first = failed.values().iterator().next();
            ObjectNode r = error(first.error());
            r.set("errors", inviteErrors(failed));
            failed.forEach((u, rule) -> stub.record(
                    new Enforcement(rule, c.method(), 200, rule.error(), List.of(), c)));
            return Answer.ok(r.toString());
        }
        ch.members.addAll(valid);
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
        r.set("channel", channelJson(ch));
        if (!failed.isEmpty()) { // force: the valid ones are in, the others are reported
            r.set("errors", inviteErrors(failed));
        }
        return Answer.ok(r.toString());
    }

    private static ArrayNode inviteErrors(Map<String, Rule> failed) {
        ArrayNode errors = SlackApiStub.JSON.createArrayNode();
        failed.forEach((u, rule) -> errors.addObject().put("user", u).put("ok", false).put("error", rule.error()));
        return errors;
    }

    private Answer setTopicOrPurpose(SlackApiStub.Call c, boolean topic) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if (ch.archived && enabled.test(Rules.IS_ARCHIVED)) {
            return refuse(c, Rules.IS_ARCHIVED);
        }
        if (!ch.botMember && enabled.test(Rules.NOT_IN_CHANNEL)) {
            return refuse(c, Rules.NOT_IN_CHANNEL);
        }
        String value = c.param(topic ? "topic" : "purpose");
        value = value == null ? "" : value;
        Rule tooLong = topic ? Rules.TOPIC_TOO_LONG : Rules.PURPOSE_TOO_LONG;
        if (BlockKit.length(value) > 250 && enabled.test(tooLong)) {
            return refuse(c, tooLong);
        }
        if (topic) {
            ch.topic = value;
        } else {
            ch.purpose = value;
        }
        return okChannel(ch);
    }

    private Answer history(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        if ("conversations.history".equals(c.method()) && !ch.botMember && enabled.test(Rules.NOT_IN_CHANNEL)) {
            return refuse(c, Rules.NOT_IN_CHANNEL);
        }
        String asked = "conversations.replies".equals(c.method()) ? c.param("ts") : c.param("latest");
        SlackApiStub.Message known = asked == null ? null : ch.messages.get(asked);
        if (known != null) { // a message of this workspace, read by its ts (as a pinned message is fetched)
            ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
            r.putArray("messages").addObject().put("type", "message").put("user", known.user())
                    .put("text", known.text()).put("ts", known.ts()).put("team", SlackApiStub.TEAM_ID);
            r.put("has_more", false);
            r.putObject("response_metadata").put("next_cursor", "");
            return Answer.ok(r.toString());
        }
        String json = stub.defaultResponse(c);
        // What Slack showed exists: a person's message read here can then be pinned.
        for (JsonNode m : parse(json).path("messages")) {
            String ts = m.path("ts").asText();
            ch.messages.putIfAbsent(ts, new SlackApiStub.Message(ts, m.path("user").asText(), m.path("text").asText()));
        }
        return Answer.ok(json);
    }

    // ------------------------------------------------------------------ users, bookmarks, pins

    private Answer userInfo(SlackApiStub.Call c) {
        String id = c.param("user");
        if ((id == null || !users.containsKey(id)) && enabled.test(Rules.USER_NOT_FOUND)) {
            return refuse(c, Rules.USER_NOT_FOUND);
        }
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
        ObjectNode user = SlackApiStub.user(id, users.getOrDefault(id, id == null ? "" : id.toLowerCase(Locale.ROOT)));
        String[] names = profileNames.get(id);
        if (names != null) { // as Slack has them: the real name at the top and in the profile, the display name may be ""
            user.put("real_name", names[1]);
            ((ObjectNode) user.path("profile")).put("display_name", names[0]).put("display_name_normalized", names[0])
                    .put("real_name", names[1]).put("real_name_normalized", names[1]);
        }
        if (locales.containsKey(id)) {
            user.put("locale", locales.get(id));
        }
        Boolean singleChannel = guests.get(id);
        if (singleChannel != null) { // a multi-channel guest is restricted; a single-channel one is both
            user.put("is_restricted", true).put("is_ultra_restricted", singleChannel);
        }
        r.set("user", user);
        return Answer.ok(r.toString());
    }

    /**
     * conversations.members: the channel's people, the bot among them when it is in, a page at a time. A cursor is
     * the next page's offset, opaque to the caller as Slack's is; {@code limit} defaults to 100 and is at most 1000.
     */
    private Answer conversationMembers(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        List<String> everyone = new ArrayList<>();
        if (ch.botMember) {
            everyone.add(SlackApiStub.BOT_USER_ID);
        }
        everyone.addAll(ch.members);
        int limit;
        int from;
        try {
            limit = c.param("limit") == null || c.param("limit").isBlank() ? 100 : Integer.parseInt(c.param("limit"));
            from = c.param("cursor") == null || c.param("cursor").isBlank() ? 0
                    : Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(c.param("cursor")),
                            StandardCharsets.UTF_8).replaceFirst("^offset:", ""));
        } catch (IllegalArgumentException e) {
            return Answer.ok(error(c.param("limit") != null && !c.param("limit").matches("\\d+")
                    ? "invalid_limit" : "invalid_cursor").toString());
        }
        if (limit < 1 || limit > 1000) {
            return Answer.ok(error("invalid_limit").toString());
        }
        if (from < 0 || from > everyone.size()) {
            return Answer.ok(error("invalid_cursor").toString());
        }
        int to = Math.min(everyone.size(), from + limit);
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
        ArrayNode page = r.putArray("members");
        everyone.subList(from, to).forEach(page::add);
        String next = to < everyone.size() ? java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)) : "";
        r.putObject("response_metadata").put("next_cursor", next);
        return Answer.ok(r.toString());
    }

    private Answer bookmark(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel_id"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        String title = c.param("title");
        String link = c.param("link");
        if (enabled.test(Rules.BOOKMARK_ARGUMENTS)) {
            String schema = title == null ? "missing required field: title [json-pointer:/title]"
                    : BlockKit.length(title) > 256 ? "must be less than 257 characters [json-pointer:/title]"
                    : link != null && BlockKit.length(link) > 2048
                            ? "must be less than 2049 characters [json-pointer:/link]" : null;
            if (schema != null) {
                ObjectNode r = error("invalid_arguments");
                r.putObject("response_metadata").putArray("messages").add("[ERROR] " + schema);
                stub.record(new Enforcement(Rules.BOOKMARK_ARGUMENTS, c.method(), 200, "invalid_arguments",
                        List.of("[ERROR] " + schema), c));
                return Answer.ok(r.toString());
            }
        }
        String type = c.param("type") == null ? "link" : c.param("type");
        if ("link".equals(type) && !isHttpUrl(link) && enabled.test(Rules.BOOKMARK_LINK)) {
            return refuse(c, Rules.BOOKMARK_LINK);
        }
        String emoji = c.param("emoji");
        if (emoji != null && !emoji.isEmpty() && !EMOJI.matcher(emoji).matches() && enabled.test(Rules.BOOKMARK_EMOJI)) {
            return refuse(c, Rules.BOOKMARK_EMOJI);
        }
        ch.bookmarks.add(title);
        return Answer.ok(stub.defaultResponse(c));
    }

    private static boolean isHttpUrl(String link) {
        if (link == null) {
            return false;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Answer pin(SlackApiStub.Call c) {
        Channel ch = visible(c.param("channel"));
        if (ch == null) {
            return refuse(c, Rules.CHANNEL_NOT_FOUND);
        }
        String ts = c.param("timestamp");
        if ((ts == null || ts.isEmpty()) && enabled.test(Rules.PIN_NO_ITEM)) {
            return refuse(c, Rules.PIN_NO_ITEM);
        }
        if (!ch.botMember && enabled.test(Rules.NOT_IN_CHANNEL)) {
            return refuse(c, Rules.NOT_IN_CHANNEL);
        }
        if (!ch.messages.containsKey(ts) && enabled.test(Rules.PIN_MESSAGE_NOT_FOUND)) {
            return refuse(c, Rules.PIN_MESSAGE_NOT_FOUND);
        }
        if (ch.pins.contains(ts) && enabled.test(Rules.PIN_ALREADY_PINNED)) {
            return refuse(c, Rules.PIN_ALREADY_PINNED);
        }
        ch.pins.add(ts);
        return Answer.ok(stub.defaultResponse(c));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The channel named by {@code idOrName} (an id, or a name with or without {@code #}) if the bot can see it:
     * public channels, and private ones it is in.
     */
    private Channel visible(String idOrName) {
        if (idOrName == null || idOrName.isEmpty()) {
            return null;
        }
        Channel ch = channels.get(idOrName);
        if (ch == null) {
            String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
            ch = channels.values().stream().filter(x -> x.name.equals(name)).findFirst().orElse(null);
        }
        return ch == null || (ch.isPrivate && !ch.botMember) ? null : ch;
    }

    private ObjectNode channelJson(Channel ch) {
        ObjectNode j = SlackApiStub.JSON.createObjectNode()
                .put("id", ch.id)
                .put("name", ch.name)
                .put("name_normalized", ch.name)
                .put("is_channel", true)
                .put("is_group", false)
                .put("is_im", false)
                .put("is_mpim", false)
                .put("is_private", ch.isPrivate)
                .put("is_archived", ch.archived)
                .put("is_general", "C0GENERAL".equals(ch.id))
                .put("is_member", ch.botMember)
                .put("created", SlackApiStub.TS_BASE_SECONDS)
                .put("creator", ch.createdByBot ? SlackApiStub.BOT_USER_ID : "U0ALICE")
                .put("context_team_id", SlackApiStub.TEAM_ID);
        j.putObject("topic").put("value", ch.topic).put("creator", ch.topic.isEmpty() ? "" : SlackApiStub.BOT_USER_ID)
                .put("last_set", ch.topic.isEmpty() ? 0 : SlackApiStub.TS_BASE_SECONDS);
        j.putObject("purpose").put("value", ch.purpose)
                .put("creator", ch.purpose.isEmpty() ? "" : SlackApiStub.BOT_USER_ID)
                .put("last_set", ch.purpose.isEmpty() ? 0 : SlackApiStub.TS_BASE_SECONDS);
        return j;
    }

    private Answer okChannel(Channel ch) {
        ObjectNode r = SlackApiStub.JSON.createObjectNode().put("ok", true);
        r.set("channel", channelJson(ch));
        return Answer.ok(r.toString());
    }

    private Answer refuse(SlackApiStub.Call c, Rule rule) {
        return refuse(c, rule, null);
    }

    /** Slack's {@code {"ok":false,"error":...}}, with conversations.create's {@code detail} when given. */
    private Answer refuse(SlackApiStub.Call c, Rule rule, String detail) {
        ObjectNode r = error(rule.error());
        if (detail != null) {
            r.put("detail", detail);
        }
        stub.record(new Enforcement(rule, c.method(), 200, rule.error(), List.of(), c));
        return Answer.ok(r.toString());
    }

    private static ObjectNode error(String code) {
        return SlackApiStub.JSON.createObjectNode().put("ok", false).put("error", code);
    }

    private List<BlockKit.Violation> active(List<BlockKit.Violation> violations) {
        return violations.stream().filter(v -> enabled.test(v.rule())).toList();
    }

    private boolean enabledAny(Rule... rules) {
        for (Rule r : rules) {
            if (enabled.test(r)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> prefixed(List<String> messages) {
        return messages.stream().map(m -> "[ERROR] " + m).toList();
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return SlackApiStub.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
