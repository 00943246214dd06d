package io.hikeshi.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.IncompletePostmortemException;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.store.Storage;
import io.hikeshi.slack.postmortem.PostmortemViews;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.slack.SlackIds.Action;
import io.hikeshi.slack.SlackIds.Input;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Slack cockpit: one Bolt app for the slash command, the incident card's buttons, the modals
 * and the Events API. Bolt verifies Slack's signature (HMAC v0, 5-minute window) before any
 * listener runs; {@link ReplayGuard} then refuses a signed request seen before.
 *
 * <p>Listeners answer within Slack's 3 seconds: they change the incident (one DynamoDB
 * transaction) and hand further Slack calls to the {@link TaskQueue}.
 */
public final class HikeshiSlackApp {

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * @param methodsUrlPrefix where the Slack Web API is (null: slack.com); tests and local mode
     *                         point it at a Slack-shaped stub
     * @param defaultLocale    the team's language when a person's own is unknown
     */
    public record Settings(String signingSecret, String botToken, String methodsUrlPrefix, Locale defaultLocale,
                           String exportBaseUrl) {
        public Settings {
            Objects.requireNonNull(signingSecret, "signingSecret");
            Objects.requireNonNull(botToken, "botToken");
        }

        public Settings(String signingSecret, String botToken, String methodsUrlPrefix, Locale defaultLocale) {
            this(signingSecret, botToken, methodsUrlPrefix, defaultLocale, null);
        }
    }

    private final IncidentService incidents;
    private final PostmortemService postmortems;
    private final TaskQueue tasks;
    private final LocaleResolver locales;
    private final IncidentCommands commands;
    private final App app;

    public HikeshiSlackApp(Settings settings, IncidentService incidents, PostmortemService postmortems, Storage store,
                           TaskQueue tasks, Clock clock) {
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.tasks = tasks;
        this.locales = new LocaleResolver(settings.defaultLocale() == null ? Locale.ENGLISH : settings.defaultLocale());
        this.commands = new IncidentCommands(incidents, postmortems, settings.exportBaseUrl());
        SlackConfig slackConfig = new SlackConfig();
        if (settings.methodsUrlPrefix() != null) {
            slackConfig.setMethodsEndpointUrlPrefix(settings.methodsUrlPrefix());
        }
        slackConfig.setPrettyResponseLoggingEnabled(false);
        this.app = new App(AppConfig.builder()
                .signingSecret(settings.signingSecret())
                .singleTeamBotToken(settings.botToken())
                .slack(Slack.getInstance(slackConfig))
                .build());
        app.use(new ReplayGuard(store, clock));
        register();
        registerPostmortem();
    }

    /** Enables {@code /incident web}: {@code issuer} turns a Slack user id into a signed, expiring URL. */
    public HikeshiSlackApp webLinks(java.util.function.Function<String, String> issuer) {
        commands.webLinks(issuer);
        return this;
    }

    public App app() {
        return app;
    }

    public SlackTaskRunner taskRunner() {
        return new SlackTaskRunner(incidents, app.client(), locales);
    }

    private void register() {
        app.command("/incident", (req, ctx) -> {
            var p = req.getPayload();
            Messages m = locales.messagesFor(p.getUserId(), ctx.client());
            Reply reply = guarded(m, () -> commands.run(new IncidentCommands.Invocation(p.getText(), p.getUserId(),
                    p.getChannelId(), p.getTriggerId()), ctx.client(), m));
            if (reply.isEmpty()) {
                return ctx.ack();
            }
            return ctx.ack(r -> r.responseType(reply.inChannel() ? "in_channel" : "ephemeral").text(reply.text())
                    .blocks(reply.blocks()));
        });
        app.blockAction(Action.ACKNOWLEDGE.id(), (req, ctx) -> onCard(req, ctx, (id, user) -> incidents.acknowledge(id, user)));
        app.blockAction(Action.TAKE_COMMAND.id(), (req, ctx) -> onCard(req, ctx, (id, user) -> incidents.assignCommander(id, user, user)));
        app.blockAction(Action.CHANGE_SEVERITY.id(), (req, ctx) -> {
            String[] value = req.getPayload().getActions().get(0).getSelectedOption().getValue().split("\\|");
            Severity severity = Severity.parse(value[1]);
            return onCard(req, ctx, IncidentId.parse(value[0]), (id, user) -> incidents.changeSeverity(id, severity, user));
        });
        app.blockAction(Action.STATUS_UPDATE.id(), (req, ctx) -> openFromCard(req, ctx, "status"));
        app.blockAction(Action.RESOLVE.id(), (req, ctx) -> openFromCard(req, ctx, "resolve"));
        app.blockAction(Pattern.compile("^" + Action.PICK_INCIDENT.id() + ":.*"), this::onPick);
        app.viewSubmission(SlackIds.View.DECLARE.id(), (req, ctx) -> {
            View view = req.getPayload().getView();
            String user = req.getPayload().getUser().getId();
            Messages m = locales.messagesFor(user, ctx.client());
            Map<String, String> errors = new HashMap<>();
            String title = text(view, Input.TITLE);
            String service = text(view, Input.SERVICE);
            String description = text(view, Input.DESCRIPTION);
            if (title == null || title.isBlank()) {
                errors.put(Input.TITLE.id(), m.get("error.title.required"));
            } else if (title.length() > IncidentViews.MAX_TITLE) {
                errors.put(Input.TITLE.id(), m.get("error.title.long", IncidentViews.MAX_TITLE));
            }
            if (service == null || !SERVICE.matcher(service.strip()).matches()) {
                errors.put(Input.SERVICE.id(), m.get("error.service.invalid"));
            }
            if (description != null && description.length() > IncidentViews.MAX_TEXT) {
                errors.put(Input.DESCRIPTION.id(), m.get("error.text.long", IncidentViews.MAX_TEXT));
            }
            Severity severity = parseSeverity(selected(view, Input.SEVERITY));
            if (severity == null) {
                errors.put(Input.SEVERITY.id(), m.get("usage.severity"));
            }
            if (!errors.isEmpty()) {
                return ctx.ackWithErrors(errors);
            }
            // The view id identifies this submission: a repeat declares nothing twice.
            incidents.declare(title.strip(), severity, service.strip(), description, user, "slack-view:" + view.getId())
                    .ifPresent(incident -> tasks.submit(new SlackTask(SlackTask.Kind.ANNOUNCE, user, view.getPrivateMetadata(),
                            null, incident.id().toString(), m.get("declared", incident.id().toString(), user,
                            IncidentViews.escape(incident.title()), incident.severity().name(), incident.service()),
                            m.locale().toLanguageTag()).toJson()));
            return ctx.ack();
        });
        app.viewSubmission(SlackIds.View.STATUS_UPDATE.id(), (req, ctx) -> onUpdateSubmission(req, ctx, Input.SUMMARY,
                view -> parseStatus(selected(view, Input.STATUS)),
                (id, status, summary, user, m) -> m.get("status.updated", id.toString(), IncidentViews.statusName(m, status),
                        summary, user)));
        app.viewSubmission(SlackIds.View.RESOLVE.id(), (req, ctx) -> onUpdateSubmission(req, ctx, Input.RESOLUTION,
                view -> Status.RESOLVED,
                (id, status, summary, user, m) -> m.get("resolved", id.toString(), user, summary)));
        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent event = payload.getEvent();
            if ("pushpin".equals(event.getReaction()) && event.getItem() != null && "message".equals(event.getItem().getType())) {
                tasks.submit(new SlackTask(SlackTask.Kind.RECORD_PIN, event.getUser(), event.getItem().getChannel(),
                        event.getItem().getTs(), null, null, null).toJson());
            }
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            if ("home".equals(payload.getEvent().getTab())) {
                tasks.submit(new SlackTask(SlackTask.Kind.PUBLISH_HOME, payload.getEvent().getUser(), null, null, null, null,
                        null).toJson());
            }
            return ctx.ack();
        });
    }

    /** The postmortem's checklist buttons and edit modals. */
    private void registerPostmortem() {
        app.blockAction(PostmortemViews.EDIT_SECTION, (req, ctx) -> {
            String[] value = req.getPayload().getActions().get(0).getSelectedOption().getValue().split("\\|");
            Messages m = locales.messagesFor(req.getPayload().getUser().getId(), ctx.client());
            Postmortem pm = postmortems.get(IncidentId.parse(value[0]));
            ctx.client().viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                    .view(PostmortemViews.sectionModal(m, pm, Postmortem.Section.valueOf(value[1]))));
            return ctx.ack();
        });
        app.blockAction(PostmortemViews.ADD_ACTION, (req, ctx) -> {
            Messages m = locales.messagesFor(req.getPayload().getUser().getId(), ctx.client());
            ctx.client().viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                    .view(PostmortemViews.actionItemModal(m, req.getPayload().getActions().get(0).getValue())));
            return ctx.ack();
        });
        app.blockAction(PostmortemViews.COMPLETE, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            String user = p.getUser().getId();
            Messages m = locales.messagesFor(user, ctx.client());
            IncidentId id = IncidentId.parse(p.getActions().get(0).getValue());
            String text;
            try {
                postmortems.complete(id, user);
                text = m.get("pm.completed", id.toString(), user);
            } catch (IncompletePostmortemException e) {
                text = m.get("pm.incomplete", id.toString(), PostmortemViews.missingText(m, e.missing()));
            }
            if (p.getChannel() != null) {
                tasks.submit(new SlackTask(SlackTask.Kind.EPHEMERAL, user, p.getChannel().getId(), null, id.toString(), text,
                        m.locale().toLanguageTag()).toJson());
            }
            return ctx.ack();
        });
        app.viewSubmission(PostmortemViews.SECTION_VIEW, (req, ctx) -> {
            View view = req.getPayload().getView();
            String user = req.getPayload().getUser().getId();
            String[] target = view.getPrivateMetadata().split("\\|");
            ViewState.Value text = ViewValues.value(view, PostmortemViews.TEXT);
            if (text == null) { // not this modal's state: refuse rather than erase the section
                Messages m = locales.messagesFor(user, ctx.client());
                return ctx.ackWithErrors(Map.of(PostmortemViews.TEXT, m.get("error.form.outdated")));
            }
            return editPostmortem(ctx, locales.messagesFor(user, ctx.client()), PostmortemViews.TEXT, () -> postmortems.editSection(IncidentId.parse(target[0]),
                    Postmortem.Section.valueOf(target[1]), text.getValue(), user));
        });
        app.viewSubmission(PostmortemViews.ACTION_VIEW, (req, ctx) -> {
            View view = req.getPayload().getView();
            String user = req.getPayload().getUser().getId();
            PostmortemViews.ActionItemInput item = PostmortemViews.actionItem(view, locales.messagesFor(user, ctx.client()));
            if (!item.errors().isEmpty()) {
                return ctx.ackWithErrors(item.errors());
            }
            return editPostmortem(ctx, locales.messagesFor(user, ctx.client()), PostmortemViews.DESCRIPTION, () -> postmortems.addActionItem(
                    IncidentId.parse(view.getPrivateMetadata()), item.description(), item.type(), item.owner(), item.due(),
                    item.link(), user));
        });
    }

    /**
     * Applies a postmortem edit from a modal. The modal may have been open while someone completed
     * the postmortem: then it is the record, and the modal says why nothing changed.
     */
    private static Response editPostmortem(com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx, Messages m,
                                           String block, Runnable edit) {
        try {
            edit.run();
        } catch (Refusal e) {
            return ctx.ackWithErrors(Map.of(block, e.reason(m)));
        }
        return ctx.ack();
    }

    private interface CardChange {
        void apply(IncidentId id, String user);
    }

    private Response onCard(BlockActionRequest req, ActionContext ctx, CardChange change) {
        return onCard(req, ctx, IncidentId.parse(req.getPayload().getActions().get(0).getValue()), change);
    }

    /** A card button: change the incident, then redraw the card (or say why not) after the answer. */
    private Response onCard(BlockActionRequest req, ActionContext ctx, IncidentId id, CardChange change) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId() : null;
        Messages m = locales.messagesFor(user, ctx.client());
        try {
            change.apply(id, user);
            if (channel != null && p.getContainer() != null && p.getContainer().getMessageTs() != null) {
                tasks.submit(new SlackTask(SlackTask.Kind.REFRESH_CARD, user, channel, p.getContainer().getMessageTs(),
                        id.toString(), null, m.locale().toLanguageTag()).toJson());
            }
        } catch (Refusal e) {
            if (channel != null) {
                tasks.submit(new SlackTask(SlackTask.Kind.EPHEMERAL, user, channel, null, id.toString(),
                        m.get("already", id.toString(), e.reason(m)), m.locale().toLanguageTag()).toJson());
            }
        }
        return ctx.ack();
    }

    private Response openFromCard(BlockActionRequest req, ActionContext ctx, String subcommand) {
        BlockActionPayload p = req.getPayload();
        String value = p.getActions().get(0).getValue();
        return runPicked(req, ctx, subcommand + " " + value);
    }

    /** "Which incident?" answered: run the command again, on the chosen incident. */
    private Response onPick(BlockActionRequest req, ActionContext ctx) {
        String[] value = req.getPayload().getActions().get(0).getValue().split("\\|", 2);
        return runPicked(req, ctx, value[1] + " " + value[0]);
    }

    private Response runPicked(BlockActionRequest req, ActionContext ctx, String commandText) {
        BlockActionPayload p = req.getPayload();
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId() : null;
        Messages m = locales.messagesFor(user, ctx.client());
        Reply reply = guarded(m, () -> commands.run(new IncidentCommands.Invocation(commandText, user, channel,
                p.getTriggerId()), ctx.client(), m));
        if (!reply.isEmpty() && channel != null) {
            tasks.submit(new SlackTask(reply.inChannel() ? SlackTask.Kind.POST : SlackTask.Kind.EPHEMERAL, user, channel,
                    null, null, reply.text(), m.locale().toLanguageTag()).toJson());
        }
        return ctx.ack();
    }

    private interface Announcement {
        String text(IncidentId id, Status status, String summary, String user, Messages m);
    }

    /**
     * The status-update and resolve modals: a summary is required, and a known status (null: none or
     * an unknown one was chosen); the change is a status update
     * for stakeholders, announced in the channel the modal was opened from.
     */
    private Response onUpdateSubmission(com.slack.api.bolt.request.builtin.ViewSubmissionRequest req,
                                        com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx, Input summaryBlock,
                                        java.util.function.Function<View, Status> target, Announcement announcement) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = locales.messagesFor(user, ctx.client());
        String summary = text(view, summaryBlock);
        Status status = target.apply(view);
        Map<String, String> errors = new HashMap<>(summaryErrors(m, summaryBlock, summary));
        if (status == null) {
            errors.put(Input.STATUS.id(), m.get("error.choose"));
        }
        if (!errors.isEmpty()) {
            return ctx.ackWithErrors(errors);
        }
        String[] origin = view.getPrivateMetadata().split("\\|", 2);
        IncidentId id = IncidentId.parse(origin[0]);
        try {
            incidents.postStatusUpdate(id, status, summary.strip(), user);
        } catch (Refusal e) {
            return ctx.ackWithErrors(Map.of(summaryBlock.id(), e.reason(m)));
        }
        return announce(ctx, m, user, origin, announcement.text(id, status, IncidentViews.escape(summary.strip()), user, m));
    }

    private Response announce(com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx, Messages m, String user,
                              String[] origin, String announcement) {
        if (origin.length > 1 && !origin[1].isBlank()) {
            tasks.submit(new SlackTask(SlackTask.Kind.POST, user, origin[1], null, origin[0], announcement,
                    m.locale().toLanguageTag()).toJson());
        }
        return ctx.ack();
    }

    private interface Command {
        Reply run() throws Exception;
    }

    /** Any failure becomes a polite private reply; the details go to the log. */
    private static Reply guarded(Messages m, Command command) {
        try {
            return command.run();
        } catch (Exception e) {
            System.out.println("{\"level\":\"ERROR\",\"message\":\"slack command failed\",\"error\":\""
                    + e.toString().replace("\"", "'") + "\"}");
            return Reply.privately(m.get("error.generic"));
        }
    }

    private static Map<String, String> summaryErrors(Messages m, Input block, String summary) {
        if (summary == null || summary.isBlank()) {
            return Map.of(block.id(), m.get("error.summary.required"));
        }
        if (summary.length() > IncidentViews.MAX_TEXT) {
            return Map.of(block.id(), m.get("error.text.long", IncidentViews.MAX_TEXT));
        }
        return Map.of();
    }

    private static String text(View view, Input block) {
        return ViewValues.text(view, block.id());
    }

    private static String selected(View view, Input block) {
        return ViewValues.selected(view, block.id());
    }

    private static Status parseStatus(String text) {
        try {
            return text == null ? null : Status.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Severity parseSeverity(String text) {
        try {
            return text == null ? null : Severity.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
