package io.hikeshi.core.access;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.i18n.Text;
import io.hikeshi.core.incident.Incident;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what to an incident. Declaring, acknowledging and posting updates are open to anyone in the
 * workspace; resolving, lowering the severity and changing roles (the commander) belong, by default, to the
 * incident's commander and the people in its war room, because a stranger's click there changes what everyone
 * is told. Saying that an incident needs no postmortem belongs to its commander, falling back to the war room's
 * members when it has none: it silences every reminder, so it is the commander's call. Guests (Slack's restricted and single-channel users) may do nothing unless the team allows them.
 *
 * <p>Configured as {@code resolve=members,lower_severity=commander,change_roles=anyone} ({@link #parse}): an
 * action not named keeps its default. {@code members} always includes the commander. When the incident has no
 * commander, {@code commander} falls back to {@code members}; when it has neither a commander nor a war room
 * (the room is still being built), nobody holds it yet and anyone in the workspace may act, so an incident can
 * never be left that nobody may resolve.
 */
public final class ActionPolicy {

    /** What a person asks to do. */
    public enum Action {
        DECLARE, ACKNOWLEDGE, POST_UPDATE, RESOLVE, LOWER_SEVERITY, CHANGE_ROLES,
        /** Saying a resolved incident needs no postmortem: it stops the reminders and leaves the digest. */
        SKIP_POSTMORTEM;

        /** The name used in configuration, e.g. {@code lower_severity}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action's words in the catalogue, e.g. "resolve it". */
        Text words() {
            return Text.of(switch (this) {
                case DECLARE -> "access.action.declare";
                case ACKNOWLEDGE -> "access.action.acknowledge";
                case POST_UPDATE -> "access.action.post_update";
                case RESOLVE -> "access.action.resolve";
                case LOWER_SEVERITY -> "access.action.lower_severity";
                case CHANGE_ROLES -> "access.action.change_roles";
                case SKIP_POSTMORTEM -> "pmp.access.action.skip_postmortem";
            });
        }
    }

    /** Who may do an action. */
    public enum Who { ANYONE, MEMBERS, COMMANDER }

    /** The person asking, as the chat knows them. */
    public record Actor(String user, boolean guest) { }

    /** Whether a person is in an incident's war room. */
    @FunctionalInterface
    public interface RoomMembership {
        /** @return empty when the incident has no war room (yet) */
        Optional<Boolean> includes(Incident incident, String user);
    }

    private static final Map<Action, Who> DEFAULTS = Map.of(
            Action.DECLARE, Who.ANYONE, Action.ACKNOWLEDGE, Who.ANYONE, Action.POST_UPDATE, Who.ANYONE,
            Action.RESOLVE, Who.MEMBERS, Action.LOWER_SEVERITY, Who.MEMBERS, Action.CHANGE_ROLES, Who.MEMBERS,
            Action.SKIP_POSTMORTEM, Who.COMMANDER);

    private final Map<Action, Who> rules;
    private final boolean guestsAllowed;

    private ActionPolicy(Map<Action, Who> rules, boolean guestsAllowed) {
        this.rules = new EnumMap<>(rules);
        this.guestsAllowed = guestsAllowed;
    }

    /** Commander and war-room members for the weighty actions, anyone for the rest; no guests. */
    public static ActionPolicy defaults() {
        return new ActionPolicy(DEFAULTS, false);
    }

    /** Anyone in the workspace, guests included, may do anything (the behaviour before there was a policy). */
    public static ActionPolicy openToAll() {
        Map<Action, Who> all = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            all.put(a, Who.ANYONE);
        }
        return new ActionPolicy(all, true);
    }

    /**
     * @param spec e.g. {@code resolve=commander,change_roles=members}; null or blank: the defaults
     * @throws IllegalArgumentException naming the part that is not {@code <action>=commander|members|anyone}
     */
    public static ActionPolicy parse(String spec) {
        Map<Action, Who> rules = new EnumMap<>(DEFAULTS);
        if (spec == null || spec.isBlank()) {
            return new ActionPolicy(rules, false);
        }
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=", 2);
            try {
                if (kv.length != 2) {
                    throw new IllegalArgumentException(part);
                }
                rules.put(Action.valueOf(kv[0].strip().toUpperCase(Locale.ROOT)),
                        Who.valueOf(kv[1].strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not <action>=commander|members|anyone"
                        + " (actions: resolve, lower_severity, change_roles, skip_postmortem, declare, acknowledge,"
                        + " post_update)");
            }
        }
        return new ActionPolicy(rules, false);
    }

    /** The same rules, with guests allowed or not. */
    public ActionPolicy guestsAllowed(boolean allowed) {
        return new ActionPolicy(rules, allowed);
    }

    public boolean guestsAllowed() {
        return guestsAllowed;
    }

    public Who who(Action action) {
        return rules.get(action);
    }

    /** Refuses a guest when guests are not allowed; for what needs no incident (declaring, listing, the web page). */
    public void checkActor(Actor actor) {
        if (actor.guest() && !guestsAllowed) {
            throw new Refusal("access.guest");
        }
    }

    /**
     * @param incident the incident acted on (as read now)
     * @throws Refusal saying who may do it instead; nothing has been changed
     */
    public void check(Action action, Actor actor, Incident incident, RoomMembership room) {
        checkActor(actor);
        Who who = who(action);
        if (who == Who.ANYONE || actor.user().equals(incident.commander())) {
            return;
        }
        boolean hasCommander = incident.commander() != null;
        if (who == Who.COMMANDER && hasCommander) {
            throw new Refusal("access.commander.only", incident.id().toString(), action.words(), incident.commander());
        }
        Optional<Boolean> member = room.includes(incident, actor.user());
        if (member.orElse(!hasCommander)) {
            return;
        }
        throw new Refusal("access.members.only", incident.id().toString(), action.words());
    }
}
