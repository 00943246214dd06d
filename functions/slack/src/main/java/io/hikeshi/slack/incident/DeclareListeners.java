package io.hikeshi.slack.incident;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.BlockSuggestionContext;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.Message;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.ServiceName;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.SourceMessage;
import io.hikeshi.slack.Cockpit;
import io.hikeshi.slack.Log;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.SlackIds.Input;
import io.hikeshi.slack.task.SlackTask;
import io.hikeshi.slack.task.SlackTaskRunner;
import io.hikeshi.slack.views.IncidentModals;
import io.hikeshi.slack.views.IncidentViews;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.ServiceOptions;
import io.hikeshi.slack.views.SlackLimits;
import io.hikeshi.slack.views.ViewValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The declare form: opened from a message (its shortcut), its service options when there are too many for a static
 * select, and its submission. The service is one of the configured services; only when none is configured is it typed.
 */
public final class DeclareListeners {

    private final Cockpit cockpit;

    public DeclareListeners(Cockpit cockpit) {
        this.cockpit = cockpit;
    }

    public void register(App app) {
        app.messageShortcut(SlackIds.Shortcut.DECLARE_FROM_MESSAGE.id(), this::onShortcut);
        app.blockSuggestion(SlackIds.VALUE, this::onOptions);
        app.viewSubmission(SlackIds.View.DECLARE.id(), this::onDeclare);
    }

    /**
     * The shortcut on a message: the form, filled in from the message as the payload carries it (the channel may be
     * one the bot cannot read). views.open is the one Slack call here: the trigger id expires in 3 seconds.
     */
    private Response onShortcut(MessageShortcutRequest req, MessageShortcutContext ctx)
            throws java.io.IOException, com.slack.api.methods.SlackApiException {
        MessageShortcutPayload p = req.getPayload();
        String user = p.getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        Message message = p.getMessage();
        String ts = message != null && message.getTs() != null ? message.getTs() : p.getMessageTs();
        DeclareOrigin origin = DeclareOrigin.message(p.getChannel() == null ? null : p.getChannel().getId(),
                p.getChannel() == null ? null : p.getChannel().getName(), ts, message == null ? null : author(message));
        View form = IncidentModals.declare(m, origin == null ? "" : origin.toMetadata(), cockpit.services().services(),
                IncidentModals.Prefill.fromMessage(message == null ? null : message.getText()));
        var opened = ctx.client().viewsOpen(r -> r.triggerId(p.getTriggerId()).view(form));
        if (!opened.isOk()) {
            Log.warn("declare form from a message not opened", "error", String.valueOf(opened.getError()));
        }
        return ctx.ack();
    }

    /** The services matching what was typed in the form's service field (at most 100, as Slack takes). */
    private Response onOptions(BlockSuggestionRequest req, BlockSuggestionContext ctx) {
        var p = req.getPayload();
        boolean serviceField = Input.SERVICE.id().equals(p.getBlockId()) && p.getView() != null
                && SlackIds.View.DECLARE.id().equals(p.getView().getCallbackId());
        List<Option> options = serviceField
                ? ServiceOptions.matching(cockpit.services().services(), p.getValue()).stream()
                        .map(service -> new Option(plainText(service), service)).toList()
                : List.of();
        return ctx.ack(r -> r.options(options));
    }

    private Response onDeclare(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String user = req.getPayload().getUser().getId();
        Messages m = cockpit.messagesFor(user, ctx.client());
        String title = ViewValues.text(view, Input.TITLE.id());
        String service = serviceChosen(view);
        String description = ViewValues.text(view, Input.DESCRIPTION.id());
        Severity severity = parseSeverity(ViewValues.selected(view, Input.SEVERITY.id()));
        Map<String, String> errors = declareErrors(m, title, service, description, severity);
        if (!errors.isEmpty()) {
            return ctx.ackWithErrors(errors);
        }
        DeclareOrigin origin = DeclareOrigin.fromMetadata(view.getPrivateMetadata());
        SourceMessage source = origin.fromMessage() ? source(origin, ctx.client()) : null;
        Incident.Visibility visibility = ViewValues.checked(view, Input.VISIBILITY.id())
                ? Incident.Visibility.PRIVATE : Incident.Visibility.PUBLIC;
        // The view id identifies this submission: a repeat declares nothing twice.
        cockpit.incidents().declare(title.strip(), severity, service.strip(), description, user,
                        "slack-view:" + view.getId(), source, visibility)
                .filter(incident -> incident.isPrivate() || origin.announceIn() != null && !origin.announceIn().isBlank())
                .ifPresent(incident -> {
                    // A private incident is told to its declarer alone (a direct message), never in a shared channel.
                    String announceIn = incident.isPrivate() ? user : origin.announceIn();
                    cockpit.later(SlackTask.announce(user, announceIn, incident.id().toString(),
                            Mrkdwn.text(m, incident.isPrivate() ? "private.declared" : "declared", incident.id(), user,
                                    incident.title(), incident.severity().name(), incident.service()), m));
                    if (user.equals(announceIn)) { // told in a DM (the Home tab, or private): the tab shows it
                        cockpit.later(SlackTask.publishHome(user));
                    }
                });
        return ctx.ack();
    }

    /** The chosen option (a select), or what was typed (no services configured, or a form opened before they were). */
    private static String serviceChosen(View view) {
        String selected = ViewValues.selected(view, Input.SERVICE.id());
        return selected != null ? selected : ViewValues.text(view, Input.SERVICE.id());
    }

    private Map<String, String> declareErrors(Messages m, String title, String service, String description,
                                              Severity severity) {
        Map<String, String> errors = new HashMap<>();
        if (title == null || title.isBlank()) {
            errors.put(Input.TITLE.id(), m.get("error.title.required"));
        } else if (SlackLimits.length(title) > IncidentViews.MAX_TITLE) {
            errors.put(Input.TITLE.id(), m.get("error.title.long", IncidentViews.MAX_TITLE));
        }
        List<String> configured = cockpit.services().services();
        if (service == null || !ServiceName.isValid(service.strip())) {
            errors.put(Input.SERVICE.id(), m.get(configured.isEmpty() ? "error.service.invalid" : "decl.error.service.unknown"));
        } else if (!configured.isEmpty() && !configured.contains(service.strip())) {
            errors.put(Input.SERVICE.id(), m.get("decl.error.service.unknown"));
        }
        if (description != null && SlackLimits.length(description) > IncidentViews.MAX_TEXT) {
            errors.put(Input.DESCRIPTION.id(), m.get("error.text.long", IncidentViews.MAX_TEXT));
        }
        if (severity == null) {
            errors.put(Input.SEVERITY.id(), m.get("usage.severity"));
        }
        return errors;
    }

    /**
     * The message to link. Its permalink is asked of Slack here, the submission's one Slack call (it needs no scope
     * and reads no history); where Slack will not give it (a private conversation the bot is not in), the entry names
     * the channel and the message's ts instead of failing the declaration.
     */
    private static SourceMessage source(DeclareOrigin origin, MethodsClient client) {
        String permalink = null;
        try {
            var answer = client.chatGetPermalink(r -> r.channel(origin.channel()).messageTs(origin.ts()));
            if (answer.isOk()) {
                permalink = answer.getPermalink();
            } else {
                Log.warn("no permalink for the message an incident was declared from", "channel", origin.channel(),
                        "error", String.valueOf(answer.getError()));
            }
        } catch (Exception e) {
            Log.error("chat.getPermalink failed; the message is linked by channel and ts", e);
        }
        return new SourceMessage(origin.channel(), origin.channelName(), origin.ts(), SlackTaskRunner.timeOf(origin.ts()),
                origin.author(), permalink);
    }

    /** Who wrote a message: a person, else the bot or app that posted it. */
    private static String author(Message message) {
        return message.getUser() != null ? message.getUser() : message.getBotId();
    }

    private static Severity parseSeverity(String text) {
        try {
            return text == null ? null : Severity.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
