package io.hikeshi.slack.incident;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.view.View;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.Refusal;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.Roles;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentNotFoundException;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoomChannels;
import io.hikeshi.core.access.ActionPolicy.Action;
import io.hikeshi.slack.Reply;
import io.hikeshi.slack.access.Permissions;
import io.hikeshi.slack.access.PrivateIncidents;
import io.hikeshi.slack.views.IncidentModals;
import io.hikeshi.slack.views.IncidentViews;
import io.hikeshi.slack.views.Mrkdwn;
import io.hikeshi.slack.views.PostmortemViews;
import io.hikeshi.slack.views.SlackLimits;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /incident <subcommand> …}. Every subcommand answers within Slack's 3 seconds: the quick
 * ones change the incident and reply; declare, status and resolve open a modal (views.open must
 * use the trigger id within those 3 seconds anyway).
 */
public final class IncidentCommands {

    private static final Pattern INCIDENT_ID = Pattern.compile("(?i)\\bINC-\\d{1,12}\\b");
    /** {@code /incident postmortem skip <reason>}: the word, then the reason. */
    private static final Pattern SKIP = Pattern.compile("(?i)skip(\\s+|$)");
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(\\|[^>]*)?>");
    static final int MAX_NOTE = IncidentViews.MAX_TEXT;

    private final IncidentService incidents;
    private final PostmortemService postmortems;
    private final WarRoomChannels warRooms;
    private final String exportBaseUrl;
    private final Permissions permissions;
    private final ServiceDirectory services;
    private final PrivateIncidents privateIncidents;
    private volatile Function<String, String> webLink = user -> null;

    /**
     * @param exportBaseUrl where {@code /api/incidents/INC-…/postmortem.md} is served, or null
     * @param services      the configured services the declare form picks from
     */
    public IncidentCommands(IncidentService incidents, PostmortemService postmortems, WarRoomChannels warRooms,
                            String exportBaseUrl, Permissions permissions, ServiceDirectory services) {
        this.incidents = incidents;
        this.services = services;
        this.permissions = permissions;
        this.postmortems = postmortems;
        this.warRooms = warRooms;
        this.exportBaseUrl = exportBaseUrl;
        this.privateIncidents = new PrivateIncidents(warRooms::channelOf);
    }

    /** How {@code /incident web} makes a personal, expiring link to the web page (null: none configured). */
    public IncidentCommands webLinks(Function<String, String> issuer) {
        this.webLink = issuer;
        return this;
    }

    /** Who typed what, where. {@code triggerId} lets a subcommand open a modal. */
    public record Invocation(String text, String user, String channel, String triggerId) { }

    public Reply run(Invocation call, MethodsClient client, Messages m) throws IOException, SlackApiException {
        String text = call.text() == null ? "" : call.text().strip();
        String[] words = text.split("\\s+", 2);
        String sub = words[0].toLowerCase(Locale.ROOT);
        String args = words.length > 1 ? words[1].strip() : "";
        return switch (sub) {
            case "", "help" -> Reply.privately(m.get("help"));
            case "declare", "new" -> openModal(client, call, IncidentModals.declare(m,
                    DeclareOrigin.channel(call.channel()).toMetadata(), services.services(), IncidentModals.Prefill.NONE));
            case "web" -> {
                String link = webLink.apply(call.user());
                yield Reply.privately(link == null ? m.get("web.none") : Mrkdwn.text(m, "web.link", link));
            }
            case "list" -> Reply.privately(m.get("list.header"), IncidentViews.list(m, openFor(call.user(), client)));
            case "status", "severity", "commander", "role", "resolve", "reopen", "note", "postmortem", "pm" -> onIncident(sub, args, call, client, m);
            default -> Reply.privately(Mrkdwn.text(m, "unknown.subcommand", SlackLimits.cut(sub, 40)));
        };
    }

    /** The open incidents this person may see: the private ones only if they are in the war room. */
    private List<Incident> openFor(String user, MethodsClient client) {
        return privateIncidents.visibleTo(user, incidents.openIncidents(200), client);
    }

    private Reply onIncident(String sub, String args, Invocation call, MethodsClient client, Messages m)
            throws IOException, SlackApiException {
        Matcher named = INCIDENT_ID.matcher(args);
        Optional<IncidentId> target = named.find() ? Optional.of(IncidentId.parse(named.group()))
                : warRooms.incidentOf(call.channel());
        String rest = INCIDENT_ID.matcher(args).replaceFirst("").strip();
        if (target.isEmpty() && sub.equals("reopen")) { // the open incidents are no choice here
            return Reply.privately(m.get("reopen.usage"));
        }
        if (target.isEmpty()) {
            List<Incident> open = openFor(call.user(), client);
            String command = (sub + " " + rest).strip();
            if (open.isEmpty()) {
                return Reply.privately(m.get("no.open.incidents"));
            }
            if (!IncidentViews.fitsAButton(command)) { // a long note cannot ride on a button: it is not cut, it is asked for again
                return Reply.privately(Mrkdwn.text(m, "pick.name", sub));
            }
            return Reply.privately(SlackLimits.cutMrkdwn(Mrkdwn.text(m, "pick.incident", sub), SlackLimits.MESSAGE_TEXT),
                    IncidentViews.pickIncident(m, command, open));
        }
        IncidentId id = target.get();
        try {
            return switch (sub) {
                case "status" -> openModal(client, call,
                        IncidentModals.statusUpdate(m, id, incidents.get(id).status(), call.channel()));
                case "resolve" -> {
                    permissions.check(Action.RESOLVE, call.user(), incidents.get(id), client);
                    yield openModal(client, call, IncidentModals.resolve(m, id, call.channel()));
                }
                case "severity" -> severity(id, rest, call, client, m);
                case "reopen" -> reopen(id, rest, call, client, m);
                case "commander" -> commander(id, rest, call, client, m);
                case "role" -> role(id, rest, call, client, m);
                case "postmortem", "pm" -> SKIP.matcher(rest).lookingAt()
                        ? skipPostmortem(id, SKIP.matcher(rest).replaceFirst(""), call, client, m) : postmortem(id, m);
                default -> note(id, rest, call, m);
            };
        } catch (IncidentNotFoundException e) {
            return Reply.privately(Mrkdwn.text(m, "no.such.incident", id));
        } catch (Refusal e) {
            return Reply.privately(Mrkdwn.text(m, "already", id, e.reason()));
        }
    }

    private Reply postmortem(IncidentId id, Messages m) {
        String export = exportBaseUrl == null ? null
                : exportBaseUrl.replaceAll("/+$", "") + "/incidents/" + id + "/postmortem.md";
        return postmortems.find(id)
                .map(pm -> Reply.privately(Mrkdwn.text(m, "pm.header", id, pm.title(), Mrkdwn.mention(pm.owner(), "—"),
                                pm.due().toString(), PostmortemViews.statusName(m, pm.status())),
                        PostmortemViews.checklist(m, pm, export)))
                .orElse(Reply.privately(Mrkdwn.text(m, "pm.none", id)));
    }

    /**
     * "Not needed, because …", typed: as the checklist's form, for whoever may say so (the commander, by default), with
     * a reason as long as the form takes.
     */
    private Reply skipPostmortem(IncidentId id, String reason, Invocation call, MethodsClient client, Messages m) {
        if (reason.isBlank() || SlackLimits.length(reason) > PostmortemViews.MAX_REASON) {
            return Reply.privately(Mrkdwn.text(m, "pmp.usage.skip", PostmortemViews.MAX_REASON));
        }
        permissions.check(Action.SKIP_POSTMORTEM, call.user(), incidents.get(id), client);
        Postmortem pm = postmortems.notNeeded(id, reason, call.user());
        return Reply.privately(Mrkdwn.text(m, "pmp.skipped", id, pm.notNeeded().reason()));
    }

    private Reply severity(IncidentId id, String rest, Invocation call, MethodsClient client, Messages m) {
        Severity severity;
        try {
            severity = Severity.parse(rest);
        } catch (IllegalArgumentException e) {
            return Reply.privately(m.get("usage.severity"));
        }
        Incident incident = incidents.get(id);
        if (lowers(incident, severity)) {
            permissions.check(Action.LOWER_SEVERITY, call.user(), incident, client);
        }
        incidents.changeSeverity(id, severity, call.user());
        // The war room hears of the change from the war-room flow, once; the caller is told it is done.
        return Reply.privately(Mrkdwn.text(m, "severity.changed", id, severity.name(), call.user()));
    }

    /** SEV1 is the worst: a higher ordinal is a lower severity. Raising it is everyone's right; lowering is not. */
    static boolean lowers(Incident incident, Severity target) {
        return target.compareTo(incident.severity()) > 0;
    }

    /**
     * A resolved incident opened again, within the configured window, with the reason it is not over. Whoever
     * may resolve it may reopen it.
     */
    private Reply reopen(IncidentId id, String reason, Invocation call, MethodsClient client, Messages m) {
        if (reason.isBlank() || SlackLimits.length(reason) > MAX_NOTE) {
            return Reply.privately(m.get("reopen.usage"));
        }
        permissions.check(Action.RESOLVE, call.user(), incidents.get(id), client);
        incidents.reopen(id, reason, call.user());
        return Reply.privately(Mrkdwn.text(m, "reopened", id));
    }

    /**
     * Takes command, or gives it to the person mentioned. A name typed as plain text ({@code @kenji}, which
     * Slack does not turn into a mention in a slash command unless escaping is on) is refused with a hint,
     * rather than making the caller commander by mistake.
     */
    private Reply commander(IncidentId id, String rest, Invocation call, MethodsClient client, Messages m) {
        Matcher mention = MENTION.matcher(rest);
        if (!mention.find() && !rest.isBlank()) {
            return Reply.privately(Mrkdwn.text(m, "commander.not.mention", rest.strip()));
        }
        String commander = mention.find(0) ? mention.group(1) : call.user();
        permissions.check(Action.CHANGE_ROLES, call.user(), incidents.get(id), client);
        incidents.assignCommander(id, commander, call.user());
        return Reply.privately(Mrkdwn.text(m, "commander.changed", id, commander));
    }

    /**
     * Gives the person mentioned a role besides the commander's: {@code comms @name}. As for the commander, a name typed
     * as plain text is refused with a hint; a role the team does not have is refused by the incident service.
     */
    private Reply role(IncidentId id, String rest, Invocation call, MethodsClient client, Messages m) {
        String[] words = rest.split("\\s+", 2);
        String role = words[0].toLowerCase(Locale.ROOT);
        String who = words.length > 1 ? words[1].strip() : "";
        if (role.isEmpty() || who.isEmpty()) {
            return Reply.privately(Mrkdwn.text(m, "roles.usage", String.join(", ", incidents.roles().names())));
        }
        Matcher mention = MENTION.matcher(who);
        if (!mention.find()) {
            return Reply.privately(Mrkdwn.text(m, "roles.not.mention", SlackLimits.cut(role, 40), who));
        }
        String user = mention.group(1);
        permissions.check(Action.CHANGE_ROLES, call.user(), incidents.get(id), client);
        incidents.assignRole(id, role, user, call.user());
        return Reply.privately(Mrkdwn.text(m, "roles.assigned", id, Mrkdwn.actor(user), Roles.words(role)));
    }

    private Reply note(IncidentId id, String text, Invocation call, Messages m) {
        if (text.isBlank()) {
            return Reply.privately(Mrkdwn.text(m, "usage.note", MAX_NOTE));
        }
        if (SlackLimits.length(text) > MAX_NOTE) {
            return Reply.privately(Mrkdwn.text(m, "too.long", SlackLimits.length(text), MAX_NOTE));
        }
        incidents.addNote(id, call.user(), text);
        return Reply.privately(Mrkdwn.text(m, "note.added", id));
    }

    private Reply openModal(MethodsClient client, Invocation call, View view) throws IOException, SlackApiException {
        var response = client.viewsOpen(r -> r.triggerId(call.triggerId()).view(view));
        if (!response.isOk()) {
            throw new IllegalStateException("views.open failed: " + response.getError());
        }
        return Reply.none();
    }
}
