package io.hikeshi.slackstub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Slack-Web-API-shaped HTTP server on 127.0.0.1, for tests, local mode and benchmarks.
 *
 * <p>Point the Slack Java SDK at it with {@code SlackConfig.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix())}:
 * the SDK then POSTs to {@code PREFIX + "chat.postMessage"} and the stub records the call and answers a
 * response that the SDK's response classes parse (also with {@code failOnUnknownProperties}). Every call is
 * recorded, including the ones answered by {@link #failNext} or {@link #respond}.
 *
 * <p>{@link #latency} delays the answer, not the work: as over a slow network, Slack has done what it
 * was asked (a channel made, a message posted) before a late answer reaches the caller, who may have
 * stopped waiting. {@link #pauseWith} lets a test hold or record that wait instead of sleeping it.
 *
 * <p><b>Strictness.</b> {@link #start()} (and {@link #strict()}, {@code builder().strictness(Strictness.SLACK)},
 * {@link #DEFAULT_STRICTNESS}) refuses what Slack refuses, the way
 * Slack answers it: Block Kit and view limits, text lengths, channel names, membership, archived channels, unknown
 * users, bookmarks, pins, and each method's rate-limit tier (HTTP 429 with Retry-After, on the builder's clock). Its
 * workspace starts with the public channels C0WARROOM (inc-0042-payment-api), C0GENERAL (general) and C0INCIDENTS
 * (incidents), the bot a member of each, and the people U0BOT, U0ALICE, U0BOB, U0CAROL, U0ONCALL, U0KENJI, U0MISAKI,
 * U0TAKUMI and U0HARUKA; the bot is also a member of what it creates, joins or is invited to. {@link #rules()}
 * lists what it enforces, each with its source; {@link #enforcements()} says which rule refused which call; {@link
 * #throttled(String)} counts the 429s answered. A refused call does nothing. {@link #lenient()} answers almost anything
 * with a plausible success, modelling no workspace.
 *
 * <p>Thread-safe; requests are served on virtual threads, so {@link #latency} does not limit concurrency.
 * Never in the Lambda jar.
 */
public final class SlackApiStub implements AutoCloseable {

    /** The workspace the stub pretends to be. */
    public static final String TEAM_ID = "T0HIKESHI";
    public static final String TEAM_NAME = "Hikeshi Demo";
    public static final String TEAM_DOMAIN = "hikeshi-demo";
    public static final String APP_ID = "A0HIKESHI";
    /** The bot user ({@code auth.test} user_id) and bot id. */
    public static final String BOT_USER_ID = "U0BOT";
    public static final String BOT_ID = "B0BOT";
    /** What {@code conversations.history} / {@code conversations.replies} answer by default. */
    public static final String HISTORY_USER = "U0ALICE";
    public static final String HISTORY_TEXT = "Rolled back payment-api to v1.42.0; 5xx back to normal";
    /** The message ts answered when neither {@code latest} nor {@code ts} is given. */
    public static final String HISTORY_DEFAULT_TS = "1795403600.000200";
    /** First message ts is {@code 1795403567.000100}, then {@code .000200}, ... (2026-11-24T03:12:47Z). */
    static final long TS_BASE_SECONDS = 1_795_403_567L;

    /**
     * What {@link #start()} answers with: as strict as Slack, so tests, benchmarks and local mode meet Slack's limits
     * before Slack does. {@link #lenient()} is for tests of the stub's lenient answers themselves.
     */
    public static final Strictness DEFAULT_STRICTNESS = Strictness.SLACK;

    /** The strict workspace's channels before a test adds any: id, name; public, the bot a member. */
    private static final Map<String, String> FIXTURE_CHANNELS = fixtureChannels();
    /** The strict workspace's people before a test adds any (the bot is always there). */
    private static final Map<String, String> FIXTURE_USERS = fixtureUsers();

    private static Map<String, String> fixtureChannels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("C0WARROOM", "inc-0042-payment-api");
        m.put("C0GENERAL", "general");
        m.put("C0INCIDENTS", "incidents");
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, String> fixtureUsers() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("alice", "bob", "carol", "oncall", "kenji", "misaki", "takumi", "haruka")) {
            m.put("U0" + name.toUpperCase(Locale.ROOT), name);
        }
        return Collections.unmodifiableMap(m);
    }

    /** One recorded Web API call: query string and body parameters (body wins), Authorization header. */
    public record Call(String method, Map<String, String> params, String authorization, long atNanos) {
        public Call {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** The parameter's value, or null. */
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A message that exists in a strict workspace's channel, posted by the bot or by a person. */
    public record Message(String ts, String user, String text) {}

    /** What the stub answered a call: its HTTP status and JSON body. */
    public record Answer(Call call, int httpStatus, String json) {}

    private record Failure(int remaining, int httpStatus, Integer retryAfterSeconds) {}

    /** How the stub waits out a call's {@link #latency} before it answers. */
    @FunctionalInterface
    public interface Pause {
        /** Returns when the answer to {@code call}, already worked out, may be sent; {@code latency} is the configured one. */
        void await(Call call, Duration latency) throws InterruptedException;
    }

    private static final Pause SLEEP = (call, latency) -> Thread.sleep(latency);

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RATELIMITED = "{\"ok\":false,\"error\":\"ratelimited\"}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String methodsUrlPrefix;
    private final List<Call> calls = new ArrayList<>();
    private volatile java.util.function.Consumer<Call> listener = call -> { };
    private volatile java.util.function.Consumer<Answer> answerListener = answer -> { };
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, String> channelNames = new ConcurrentHashMap<>();
    /** Channels made through conversations.create: their creator is the bot; the predefined ones are people's. */
    private final java.util.Set<String> createdByBot = ConcurrentHashMap.newKeySet();
    private volatile long latencyNanos;
    private volatile Pause pause = SLEEP;
    private final AtomicLong tsCounter = new AtomicLong();
    private final AtomicLong viewCounter = new AtomicLong();
    private final AtomicLong channelCounter = new AtomicLong();
    private final AtomicLong bookmarkCounter = new AtomicLong();
    private final AtomicLong hashCounter = new AtomicLong();
    private final Strictness strictness;
    /** The Enterprise Grid organisation the workspace is in ({@code auth.test}'s enterprise_id), or null. */
    private final String enterpriseId;
    /** Slack's semantics and rules; null when lenient. */
    private final StrictSlack strict;
    private final List<Rule> enforced;
    private final List<Enforcement> enforcements = new ArrayList<>();
    private final Map<String, AtomicLong> throttled = new ConcurrentHashMap<>();

    private SlackApiStub(HttpServer server, ExecutorService executor, Builder b) {
        this.enterpriseId = b.enterpriseId;
        this.server = server;
        this.executor = executor;
        this.methodsUrlPrefix = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
        channelNames.put("C0WARROOM", "inc-0042-payment-api");
        channelNames.put("C0GENERAL", "general");
        this.strictness = b.strictness;
        if (strictness == Strictness.SLACK) {
            java.util.function.Predicate<Rule> enabled = rule -> !b.disabled.contains(rule.id());
            this.enforced = Rules.ALL.stream().filter(enabled).toList();
            this.strict = new StrictSlack(this, new RateLimiter(b.clock, b.postMessageBurst), enabled, b.chatWritePublic);
            if (b.fixtures) {
                FIXTURE_CHANNELS.forEach((id, name) -> strict.addChannel(id, name, false, true));
                FIXTURE_USERS.forEach(strict::addUser);
            }
            b.users.forEach(strict::addUser);
            b.guests.forEach((id, singleChannel) -> strict.addGuest(id, id.toLowerCase(Locale.ROOT), singleChannel));
            b.channels.forEach(spec -> strict.addChannel(spec.id(), spec.name(), spec.isPrivate(), spec.botIsMember()));
        } else {
            this.enforced = List.of();
            this.strict = null;
            b.channels.forEach(spec -> channelNames.put(spec.id(), spec.name()));
        }
    }

    /** Starts a stub on 127.0.0.1 on a free port, {@link #DEFAULT_STRICTNESS}. Close it when done. */
    public static SlackApiStub start() {
        return builder().start();
    }

    /** Starts a stub with this strictness and otherwise the defaults of {@link #builder()}. */
    public static SlackApiStub start(Strictness strictness) {
        return builder().strictness(strictness).start();
    }

    /** Starts a stub as strict as Slack ({@link Strictness#SLACK}), on the machine's clock. */
    public static SlackApiStub strict() {
        return start(Strictness.SLACK);
    }

    /** Starts a stub that answers almost anything ({@link Strictness#LENIENT}). */
    public static SlackApiStub lenient() {
        return start(Strictness.LENIENT);
    }

    /** A stub to configure: strictness, the clock rate limits run on, the workspace's channels and people. */
    public static Builder builder() {
        return new Builder();
    }

    /** How a stub starts. Everything but {@link #strictness} and {@link #channel} matters in strict mode only. */
    public static final class Builder {
        private record ChannelSpec(String id, String name, boolean isPrivate, boolean botIsMember) {}

        private Strictness strictness = DEFAULT_STRICTNESS;
        private java.time.InstantSource clock = java.time.InstantSource.system();
        private int postMessageBurst = 3;
        private boolean chatWritePublic = true;
        private boolean fixtures = true;
        private final List<ChannelSpec> channels = new ArrayList<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, Boolean> guests = new LinkedHashMap<>();
        private String enterpriseId;
        private final java.util.Set<String> disabled = new java.util.HashSet<>();

        private Builder() {
        }

        public Builder strictness(Strictness strictness) {
            this.strictness = java.util.Objects.requireNonNull(strictness, "strictness");
            return this;
        }

        /** The clock rate-limit windows run on; a {@link ManualClock} lets a test move it instead of sleeping. */
        public Builder clock(java.time.InstantSource clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many chat.postMessage calls a channel takes at once before one a second (default 3). */
        public Builder postMessageBurst(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("a burst lets at least one message through: " + messages);
            }
            this.postMessageBurst = messages;
            return this;
        }

        /**
         * As an app without the {@code chat:write.public} scope: chat.postMessage to a public channel the bot is not
         * in answers {@code not_in_channel}. (Hikeshi's manifest requests the scope, so by default it may post there.)
         */
        public Builder withoutChatWritePublic() {
            this.chatWritePublic = false;
            return this;
        }

        /** An empty workspace: none of the fixture channels, nobody but the bot. */
        public Builder withoutFixtures() {
            this.fixtures = false;
            return this;
        }

        /** A public channel that exists before the test, the bot a member of it. */
        public Builder channel(String id, String name) {
            return channel(id, name, false, true);
        }

        /** A channel that exists before the test; a private one the bot is not in is invisible to it, as in Slack. */
        public Builder channel(String id, String name, boolean isPrivate, boolean botIsMember) {
            channels.add(new ChannelSpec(id, name, isPrivate, botIsMember));
            return this;
        }

        /** A person in the workspace (users.info and conversations.invite know them). */
        public Builder user(String id, String name) {
            users.put(id, name);
            return this;
        }

        /**
         * A guest of the workspace: users.info says {@code is_restricted} (and {@code is_ultra_restricted} for a
         * single-channel guest), as Slack does (https://docs.slack.dev/reference/objects/user-object).
         */
        public Builder guest(String id, boolean singleChannel) {
            guests.put(id, singleChannel);
            return this;
        }

        /** The workspace is in this Enterprise Grid organisation: auth.test answers its {@code enterprise_id}. */
        public Builder enterprise(String enterpriseId) {
            this.enterpriseId = enterpriseId;
            return this;
        }

        /** Stops enforcing these rules ({@link Rule#id()}), e.g. to isolate one behaviour in a test. */
        public Builder disable(String... ruleIds) {
            for (String id : ruleIds) {
                disabled.add(Rules.byId(id).id());
            }
            return this;
        }

        /** Stops enforcing every rate-limit tier. */
        public Builder withoutRateLimits() {
            for (Rule r : List.of(Rules.RATE_TIER_2, Rules.RATE_TIER_3, Rules.RATE_TIER_4, Rules.RATE_POST_MESSAGE)) {
                disabled.add(r.id());
            }
            return this;
        }

        /** Starts the stub on 127.0.0.1 on a free port. Close it when done. */
        public SlackApiStub start() {
            try {
                HttpServer server = HttpServer.create(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                server.setExecutor(executor);
                SlackApiStub stub = new SlackApiStub(server, executor, this);
                server.createContext("/api/", stub::handle);
                server.start();
                return stub;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Slack API stub", e);
            }
        }
    }

    /** How strictly this stub answers. */
    public Strictness strictness() {
        return strictness;
    }

    /**
     * What Slack would refuse in a message's blocks that reach it outside the Web API (a slash command's answer, an
     * interaction's response_url), which Slack holds to the same Block Kit rules: each breach as {@code "rule id:
     * message"}, in Slack's words; empty when Slack would take them.
     */
    public static List<String> messageBlocksBreaches(String blocksJson) {
        JsonNode blocks;
        try {
            blocks = JSON.readTree(blocksJson);
        } catch (JsonProcessingException e) {
            return List.of(Rules.BLOCKS_FORMAT.id() + ": " + e.getOriginalMessage());
        }
        if (blocks == null || !blocks.isArray()) {
            return List.of(Rules.BLOCKS_FORMAT.id() + ": not a JSON array");
        }
        List<String> breaches = new ArrayList<>();
        for (BlockKit.Violation v : BlockKit.checkMessageBlocks(blocks)) {
            v.messages().forEach(message -> breaches.add(v.rule().id() + ": " + message));
        }
        return breaches;
    }

    /**
     * What Slack would refuse in an app's answer to a {@code block_suggestion} request (an external select's options,
     * which reach Slack as the HTTP answer, not through the Web API): each breach as {@code "rule id: message"};
     * empty when Slack would show them.
     */
    public static List<String> optionsAnswerBreaches(String answerJson) {
        JsonNode answer;
        try {
            answer = JSON.readTree(answerJson);
        } catch (JsonProcessingException e) {
            return List.of(Rules.OPTIONS_ANSWER.id() + ": " + e.getOriginalMessage());
        }
        List<String> breaches = new ArrayList<>();
        for (BlockKit.Violation v : BlockKit.checkOptionsAnswer(answer)) {
            v.messages().forEach(message -> breaches.add(v.rule().id() + ": " + message));
        }
        return breaches;
    }

    /** The rules this stub enforces, each with its source (none when lenient). */
    public List<Rule> rules() {
        return enforced;
    }

    /** Every rule applied so far, in order: which rule refused (or warned about) which call. */
    public List<Enforcement> enforcements() {
        synchronized (enforcements) {
            return List.copyOf(enforcements);
        }
    }

    /** The refusals so far (every enforcement but a truncation warning), in order. */
    public List<Enforcement> refusals() {
        return enforcements().stream().filter(Enforcement::refused).toList();
    }

    /** How many HTTP 429 answers {@code method} got, from its rate-limit tier or from {@link #failNext}. */
    public long throttled(String method) {
        AtomicLong n = throttled.get(method);
        return n == null ? 0 : n.get();
    }

    /** HTTP 429 answers so far, per method. */
    public Map<String, Long> throttled() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        throttled.forEach((m, n) -> counts.put(m, n.get()));
        return counts;
    }

    void record(Enforcement e) {
        synchronized (enforcements) {
            enforcements.add(e);
        }
    }

    // ---------------------------------------------------------------- the strict workspace

    /** Adds a channel to the strict workspace (as {@link Builder#channel(String, String, boolean, boolean)}). */
    public void addChannel(String id, String name, boolean isPrivate, boolean botIsMember) {
        workspace().addChannel(id, name, isPrivate, botIsMember);
    }

    /** Adds a person to the strict workspace. */
    public void addUser(String id, String name) {
        workspace().addUser(id, name);
    }

    /**
     * The names a person set in their profile, as users.info gives them (https://docs.slack.dev/reference/objects/user-object):
     * {@code profile.display_name} ("the display name the user has chosen", empty when they chose none) and
     * {@code profile.real_name} / {@code real_name} (their first and last name). Otherwise a person's display name is
     * their username and their real name its capitalised form.
     */
    public void setProfileNames(String userId, String displayName, String realName) {
        workspace().setProfileNames(userId, displayName, realName);
    }

    /** A person's Slack language (users.info {@code locale}), e.g. {@code en-US}; everyone else's is ja-JP. */
    public void setLocale(String userId, String locale) {
        workspace().setLocale(userId, locale);
    }

    /** A person joins a channel by themselves (conversations.members lists them from now on). */
    public void join(String channelId, String userId) {
        workspace().join(channelId, userId);
    }

    /** Archives a channel: from now on it refuses posts, topics, invites and joins ({@code is_archived}). */
    public void archive(String channelId) {
        workspace().archive(channelId);
    }

    /** The bot leaves (or is removed from) a channel. */
    public void removeBot(String channelId) {
        workspace().removeBot(channelId);
    }

    /** A person's message that exists in a channel (so it can be pinned). */
    public void addMessage(String channelId, String ts, String user, String text) {
        workspace().addMessage(channelId, ts, user, text);
    }

    /** The id of the strict workspace's channel with this name, if there is one. */
    public Optional<String> channelIdNamed(String name) {
        return workspace().channelIdNamed(name);
    }

    /** The strict workspace's channel ids, in the order they came to be. */
    public List<String> channelIds() {
        return workspace().channelIds();
    }

    /** Whether the bot is a member of the channel. */
    public boolean botIsMember(String channelId) {
        return workspace().botIsMember(channelId);
    }

    /** The people invited into the channel (the bot not included). */
    public List<String> members(String channelId) {
        return workspace().members(channelId);
    }

    /** The channel's topic ("" if never set). */
    public String topic(String channelId) {
        return workspace().topic(channelId);
    }

    /** The channel's purpose ("" if never set). */
    public String purpose(String channelId) {
        return workspace().purpose(channelId);
    }

    /** The messages that exist in the channel: posted by the bot, added by a test, or read through history. */
    public List<Message> messages(String channelId) {
        return workspace().messages(channelId);
    }

    /** The timestamps of the channel's pinned messages. */
    public List<String> pins(String channelId) {
        return workspace().pins(channelId);
    }

    /** The titles of the channel's bookmarks. */
    public List<String> bookmarks(String channelId) {
        return workspace().bookmarks(channelId);
    }

    private StrictSlack workspace() {
        if (strict == null) {
            throw new IllegalStateException("the stub models a workspace in strict mode only (Strictness.SLACK)");
        }
        return strict;
    }

    /** Called for every call as it arrives (local mode prints what would have been posted). */
    public void onCall(java.util.function.Consumer<Call> listener) {
        this.listener = listener == null ? call -> { } : listener;
    }

    /** Called for every call as it is answered, with the answer (local mode's --slack-log writes them down). */
    public void onAnswer(java.util.function.Consumer<Answer> listener) {
        this.answerListener = listener == null ? answer -> { } : listener;
    }

    /** e.g. {@code http://127.0.0.1:PORT/api/}: the value for {@code SlackConfig.setMethodsEndpointUrlPrefix}. */
    public String methodsUrlPrefix() {
        return methodsUrlPrefix;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** All calls so far, in arrival order (a snapshot). */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls of one Web API method, e.g. {@code "chat.postMessage"}, in arrival order. */
    public List<Call> calls(String method) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    /** Forgets the recorded calls, enforcements and 429 counts (overrides, failures, latency and the workspace stay). */
    public void clear() {
        synchronized (calls) {
            calls.clear();
        }
        synchronized (enforcements) {
            enforcements.clear();
        }
        throttled.clear();
    }

    /** Forgets the calls and every override, pending failure, latency and pause. */
    public void reset() {
        clear();
        responses.clear();
        failures.clear();
        latencyNanos = 0;
        pause = SLEEP;
    }

    /**
     * From now on answer {@code method} with this JSON (HTTP 200), until {@link #reset}. In strict mode too: the
     * scripted answer replaces Slack's, rules and rate limits included, and the workspace is left as it was.
     */
    public void respond(String method, String json) {
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
        responses.put(method, json);
    }

    /**
     * The next {@code times} calls of {@code method} get HTTP {@code httpStatus} (e.g. 429, 500) with
     * {@code {"ok":false,"error":"ratelimited"}} and, if given, a {@code Retry-After} header; then back to normal.
     * In strict mode these come before any rule, take nothing from a rate-limit tier, and do nothing.
     */
    public void failNext(String method, int times, int httpStatus, Integer retryAfterSeconds) {
        if (times <= 0) {
            failures.remove(method);
        } else {
            failures.put(method, new Failure(times, httpStatus, retryAfterSeconds));
        }
    }

    /** Hold each answer this long after doing the call's work (zero or null for none). */
    public void latency(Duration perCall) {
        latencyNanos = perCall == null ? 0 : Math.max(0, perCall.toNanos());
    }

    /**
     * Spend each call's latency with {@code pause} instead of sleeping (null: sleep again), e.g. to hold
     * answers until a test releases them, or to record what was delayed. Only called while a latency is set.
     */
    public void pauseWith(Pause pause) {
        this.pause = pause == null ? SLEEP : pause;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = path.startsWith("/api/") ? path.substring("/api/".length()) : "";
            if (method.endsWith("/")) {
                method = method.substring(0, method.length() - 1);
            }
            Map<String, String> params = new LinkedHashMap<>();
            parseForm(exchange.getRequestURI().getRawQuery(), params);
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean bodyOk = parseBody(exchange.getRequestHeaders().getFirst("Content-Type"), body, params);
            Call call = new Call(method, params, exchange.getRequestHeaders().getFirst("Authorization"), at);
            synchronized (calls) {
                calls.add(call);
                listener.accept(call);
            }

            // The work first (a refused call does none), then the latency: a late answer is still a done deed.
            Failure failure = takeFailure(method);
            int status = 200;
            String json;
            if (failure != null) {
                if (failure.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(failure.retryAfterSeconds()));
                }
                status = failure.httpStatus();
                json = RATELIMITED;
            } else if (!bodyOk) {
                json = "{\"ok\":false,\"error\":\"invalid_json\"}";
            } else {
                String override = responses.get(method);
                if (override != null) {
                    json = override;
                } else if (strict != null) {
                    StrictSlack.Answer answer = strict.answer(call);
                    status = answer.status();
                    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                    json = answer.json();
                } else {
                    json = defaultResponse(call);
                }
            }
            if (status == 429) {
                throttled.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
            }
            answerListener.accept(new Answer(call, status, json));

            long latency = latencyNanos;
            if (latency > 0) {
                try {
                    pause.await(call, Duration.ofNanos(latency));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // closing
                }
            }
            send(exchange, status, json);
        } catch (RuntimeException e) {
            // a bug in the stub must show as a failed call, not a hung client
            send(exchange, 500, "{\"ok\":false,\"error\":\"stub_error\",\"detail\":"
                    + JSON.writeValueAsString(String.valueOf(e)) + "}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private Failure takeFailure(String method) {
        Failure[] taken = new Failure[1];
        failures.computeIfPresent(method, (m, f) -> {
            taken[0] = f;
            return f.remaining() > 1 ? new Failure(f.remaining() - 1, f.httpStatus(), f.retryAfterSeconds()) : null;
        });
        return taken[0];
    }

    /** Adds the body's parameters; false if a JSON body does not parse. */
    private static boolean parseBody(String contentType, byte[] body, Map<String, String> params) {
        if (body.length == 0) {
            return true;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (IOException e) {
                return false;
            }
            if (root != null && root.isObject()) {
                for (Map.Entry<String, JsonNode> field : root.properties()) {
                    JsonNode value = field.getValue();
                    if (value.isNull()) {
                        continue;
                    }
                    params.put(field.getKey(), value.isContainerNode() ? value.toString() : value.asText());
                }
            }
            return true;
        }
        if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
            parseForm(new String(body, StandardCharsets.UTF_8), params);
        }
        return true; // multipart etc.: recorded without body parameters
    }

    private static void parseForm(String raw, Map<String, String> params) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(name), decode(value));
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    // ---------------------------------------------------------------- default responses

    String defaultResponse(Call c) {
        ObjectNode r = JSON.createObjectNode().put("ok", true);
        switch (c.method()) {
            case "auth.test" -> {
                r.put("url", "https://" + TEAM_DOMAIN + ".slack.com/")
                        .put("team", TEAM_NAME)
                        .put("user", "hikeshi")
                        .put("team_id", TEAM_ID)
                        .put("user_id", BOT_USER_ID)
                        .put("bot_id", BOT_ID)
                        .put("is_enterprise_install", false);
                if (enterpriseId != null) { // only "when working against a team within an Enterprise organization"
                    r.put("enterprise_id", enterpriseId);
                }
            }
            case "chat.postMessage" -> {
                String channel = c.param("channel");
                if (channel == null || channel.isBlank()) {
                    return error("channel_not_found");
                }
                String ts = nextTs();
                r.put("channel", channel).put("ts", ts);
                ObjectNode message = botMessage(c, ts);
                if (c.param("thread_ts") != null) {
                    message.put("thread_ts", c.param("thread_ts"));
                }
                r.set("message", message);
            }
            case "chat.update" -> {
                String ts = c.param("ts");
                r.put("channel", c.param("channel")).put("ts", ts).put("text", nullToEmpty(c.param("text")));
                r.set("message", botMessage(c, ts));
            }
            case "chat.postEphemeral" -> r.put("message_ts", nextTs());
            case "chat.getPermalink" -> {
                String channel = c.param("channel");
                String ts = nullToEmpty(c.param("message_ts"));
                r.put("channel", channel)
                        .put("permalink", "https://" + TEAM_DOMAIN + ".slack.com/archives/" + channel + "/p"
                                + ts.replace(".", ""));
            }
            case "views.open", "views.update", "views.push", "views.publish" -> r.set("view", view(c));
            case "conversations.history", "conversations.replies" -> {
                String ts = firstNonNull(c.param("latest"), c.param("ts"), HISTORY_DEFAULT_TS);
                ArrayNode messages = r.putArray("messages");
                messages.addObject()
                        .put("type", "message")
                        .put("user", HISTORY_USER)
                        .put("text", HISTORY_TEXT)
                        .put("ts", ts)
                        .put("team", TEAM_ID);
                r.put("has_more", false);
                r.putObject("response_metadata").put("next_cursor", "");
            }
            case "conversations.info", "conversations.invite", "conversations.join" ->
                    r.set("channel", channel(c.param("channel")));
            case "conversations.setTopic" -> {
                ObjectNode channel = channel(c.param("channel"));
                channel.putObject("topic")
                        .put("value", nullToEmpty(c.param("topic")))
                        .put("creator", BOT_USER_ID)
                        .put("last_set", TS_BASE_SECONDS);
                r.set("channel", channel);
            }
            case "conversations.create" -> {
                String name = c.param("name");
                if (name == null || name.isBlank()) {
                    return error("invalid_name_required");
                }
                if (channelNames.containsValue(name)) {
                    return error("name_taken"); // as Slack answers: channel names are unique in a workspace
                }
                String id = String.format(Locale.ROOT, "C%08d", channelCounter.incrementAndGet());
                channelNames.put(id, name);
                createdByBot.add(id);
                ObjectNode channel = channel(id);
                channel.put("is_private", StrictSlack.isTrue(c.param("is_private")));
                channel.put("creator", BOT_USER_ID);
                r.set("channel", channel);
            }
            case "conversations.list" -> {
                var list = r.putArray("channels");
                channelNames.keySet().stream().sorted().forEach(id -> {
                    ObjectNode channel = channel(id);
                    channel.put("creator", createdByBot.contains(id) ? BOT_USER_ID : "U0ALICE");
                    list.add(channel);
                });
                r.putObject("response_metadata").put("next_cursor", "");
            }
            case "users.info" -> r.set("user", user(c.param("user")));
            case "conversations.members" -> {
                r.putArray("members").add(BOT_USER_ID);
                r.putObject("response_metadata").put("next_cursor", "");
            }
            case "team.info" -> r.putObject("team")
                    .put("id", TEAM_ID)
                    .put("name", TEAM_NAME)
                    .put("domain", TEAM_DOMAIN)
                    .put("email_domain", "");
            case "pins.add", "reactions.add" -> {
                // {"ok":true}
            }
            case "bookmarks.add" -> r.putObject("bookmark")
                    .put("id", String.format(Locale.ROOT, "Bk%09d", bookmarkCounter.incrementAndGet()))
                    .put("channel_id", c.param("channel_id"))
                    .put("title", nullToEmpty(c.param("title")))
                    .put("link", nullToEmpty(c.param("link")))
                    .put("emoji", nullToEmpty(c.param("emoji")))
                    .put("icon_url", (String) null)
                    .put("type", firstNonNull(c.param("type"), "link"))
                    .put("date_created", TS_BASE_SECONDS)
                    .put("date_updated", 0)
                    .put("rank", "U")
                    .put("last_updated_by_user_id", BOT_USER_ID)
                    .put("last_updated_by_team_id", TEAM_ID)
                    .put("shortcut_id", "")
                    .put("entity_id", "")
                    .put("app_id", APP_ID);
            case "usergroups.users.list" -> r.putArray("users");
            default -> {
                return error("unknown_method");
            }
        }
        return r.toString();
    }

    private static String error(String code) {
        return "{\"ok\":false,\"error\":\"" + code + "\"}";
    }

    String nextTs() {
        long micros = TS_BASE_SECONDS * 1_000_000L + tsCounter.incrementAndGet() * 100L;
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }

    ObjectNode botMessage(Call c, String ts) {
        ObjectNode message = JSON.createObjectNode()
                .put("type", "message")
                .put("text", nullToEmpty(c.param("text")))
                .put("user", BOT_USER_ID)
                .put("bot_id", BOT_ID)
                .put("app_id", APP_ID)
                .put("team", TEAM_ID);
        if (ts != null) {
            message.put("ts", ts);
        }
        JsonNode blocks = parseOrNull(c.param("blocks"));
        if (blocks != null && blocks.isArray()) {
            message.set("blocks", blocks);
        }
        return message;
    }

    private ObjectNode view(Call c) {
        JsonNode submitted = parseOrNull(c.param("view"));
        if (submitted == null || !submitted.isObject()) {
            submitted = JSON.createObjectNode();
        }
        String id = "views.update".equals(c.method()) && c.param("view_id") != null
                ? c.param("view_id")
                : String.format(Locale.ROOT, "V%010d", viewCounter.incrementAndGet());
        String defaultType = "views.publish".equals(c.method()) ? "home" : "modal";
        ObjectNode view = JSON.createObjectNode()
                .put("id", id)
                .put("team_id", TEAM_ID)
                .put("type", submitted.path("type").asText(defaultType));
        JsonNode blocks = submitted.get("blocks");
        view.set("blocks", blocks != null && blocks.isArray() ? blocks : JSON.createArrayNode());
        view.put("private_metadata", submitted.path("private_metadata").asText(""))
                .put("callback_id", submitted.path("callback_id").asText(""));
        view.putObject("state").putObject("values");
        view.put("hash", TS_BASE_SECONDS + "." + String.format(Locale.ROOT, "%08x", hashCounter.incrementAndGet()));
        for (String part : List.of("title", "close", "submit")) {
            JsonNode value = submitted.get(part);
            if (value != null && value.isObject()) {
                view.set(part, value);
            }
        }
        view.put("clear_on_close", submitted.path("clear_on_close").asBoolean(false))
                .put("notify_on_close", submitted.path("notify_on_close").asBoolean(false))
                .putNull("previous_view_id")
                .put("root_view_id", id)
                .put("app_id", APP_ID)
                .put("external_id", firstNonNull(c.param("external_id"), submitted.path("external_id").asText("")))
                .put("app_installed_team_id", TEAM_ID)
                .put("bot_id", BOT_ID);
        return view;
    }

    private ObjectNode channel(String id) {
        String channelId = id == null ? "" : id;
        String name = channelNames.getOrDefault(channelId, channelId.toLowerCase(Locale.ROOT));
        return JSON.createObjectNode()
                .put("id", channelId)
                .put("name", name)
                .put("name_normalized", name)
                .put("is_channel", true)
                .put("is_group", false)
                .put("is_im", false)
                .put("is_mpim", false)
                .put("is_private", false)
                .put("is_archived", false)
                .put("is_general", "C0GENERAL".equals(channelId))
                .put("is_member", true)
                .put("created", TS_BASE_SECONDS)
                .put("context_team_id", TEAM_ID);
    }

    long nextChannelNumber() {
        return channelCounter.incrementAndGet();
    }

    private static ObjectNode user(String id) {
        String userId = id == null ? "" : id;
        String name = switch (userId) {
            case "U0ALICE" -> "alice";
            case "U0BOB" -> "bob";
            case BOT_USER_ID -> "hikeshi";
            default -> userId.toLowerCase(Locale.ROOT);
        };
        return user(userId, name);
    }

    static ObjectNode user(String id, String name) {
        String userId = id == null ? "" : id;
        String realName = name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        ObjectNode user = JSON.createObjectNode()
                .put("id", userId)
                .put("team_id", TEAM_ID)
                .put("name", name)
                .put("real_name", realName)
                .put("deleted", false)
                .put("tz", "Asia/Tokyo")
                .put("tz_label", "Japan Standard Time")
                .put("tz_offset", 32_400)
                .put("locale", "ja-JP")
                .put("is_bot", BOT_USER_ID.equals(userId))
                .put("is_app_user", false)
                .put("is_restricted", false)
                .put("is_ultra_restricted", false);
        user.putObject("profile").put("real_name", realName).put("real_name_normalized", realName)
                .put("display_name", name).put("display_name_normalized", name);
        return user;
    }

    private static JsonNode parseOrNull(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
