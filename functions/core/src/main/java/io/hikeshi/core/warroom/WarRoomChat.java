package io.hikeshi.core.warroom;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.warroom.ServiceDirectory.ResponseGuide;
import java.util.List;
import java.util.Set;

/**
 * The port to the chat workspace a war room lives in (Slack). The war-room flow says what to do with
 * domain data; the adapter owns the words, the layout and the platform's calls, and throws when the
 * platform stays unavailable (the event is retried later).
 *
 * <p>{@link #setTopic}, {@link #invite} and {@link #pin} are idempotent; posts are not (the platform
 * has no idempotency key), which is why the flow records them and, before posting again into a room
 * an earlier attempt may have posted in, asks {@link #earlierPosts}.
 */
public interface WarRoomChat {

    /** What creating a channel under a name gave. */
    sealed interface NewChannel {
        /** The channel was made now. */
        record Created(String id) implements NewChannel { }

        /** This app made a channel of that name before (an attempt that died before recording it). */
        record MadeEarlier(String id) implements NewChannel { }

        /** Someone else's channel has that name. */
        record NameTaken() implements NewChannel { }
    }

    /** A link pinned to the room's channel. */
    record Bookmark(Kind kind, String url) {
        public enum Kind { RUNBOOK, DASHBOARD, INCIDENT_PAGE }
    }

    /**
     * What this app already posted into a channel for an incident.
     *
     * @param cardTs the card's message, or null
     * @param guide  whether the response guide is there
     */
    record EarlierPosts(String cardTs, boolean guide) {
        public static final EarlierPosts NONE = new EarlierPosts(null, false);
    }

    /** News for everyone following incidents (the broadcast channel). */
    sealed interface Announcement {
        record Opened(Incident incident, String channel) implements Announcement { }

        record SeverityChanged(IncidentId incident, String title, Severity from, Severity to) implements Announcement { }

        record StatusUpdate(IncidentId incident, Status status, String summary) implements Announcement { }

        record Mitigated(IncidentId incident, String title) implements Announcement { }

        record Resolved(IncidentId incident, String title) implements Announcement { }

        /**
         * Back to investigating: from mitigated when the fix did not hold (no reason: the alarm fired again), or
         * a resolved incident reopened by someone, with their reason.
         */
        record Reopened(IncidentId incident, String title, String reason) implements Announcement { }
    }

    /**
     * One line in the war room for every change, saying what changed and who changed it.
     *
     * @param actor who did it: a chat user's id, or the name of the monitor that did
     */
    sealed interface Line {
        String actor();

        record StatusChanged(Status from, Status to, String actor) implements Line { }

        record SeverityChanged(Severity from, Severity to, String actor) implements Line { }

        /** @param acknowledged whether taking command acknowledged the incident too */
        record CommanderChanged(String commander, String actor, boolean acknowledged) implements Line { }

        /** {@code user} now fills {@code role} ({@link io.hikeshi.core.incident.Roles}). */
        record RoleChanged(String role, String user, String actor) implements Line { }

        /** A resolved incident opened again. */
        record Reopened(String reason, String actor) implements Line { }

        /** A status update, which may also have moved the status ({@code from} null when it did not). */
        record StatusUpdate(Status from, Status to, String summary, String actor) implements Line { }

        /**
         * The incident was declared from a chat message: a link back to it.
         *
         * @param channel      the message's channel id
         * @param channelShown the channel as people name it, where it cannot be mentioned
         * @param author       who wrote the message; null if unknown
         * @param permalink    the link to it; null when the chat gave none (the channel is named instead)
         */
        record SourceMessage(String channel, String channelShown, String author, String permalink, String actor)
                implements Line { }
    }

    /**
     * Creates a channel of this name: public, or for a private incident a private channel (only those invited see
     * it).
     */
    NewChannel createChannel(String name, Incident.Visibility visibility);

    /** The topic says the incident's severity, status, service, commander and the roles filled. */
    void setTopic(String channel, Incident incident);

    /** Invites these people and the members of these user groups; the app itself and who is in already are skipped. */
    void invite(String channel, Set<String> users, Set<String> userGroups);

    /** Posts the incident card (its state and buttons); returns the message's ts. */
    String postCard(String channel, Incident incident);

    /** Redraws the card in place from the incident as it is now. */
    void updateCard(String channel, String cardTs, Incident incident);

    void pin(String channel, String messageTs);

    void addBookmarks(String channel, IncidentId incident, List<Bookmark> bookmarks);

    /** Posts the incident's response guide as a checklist. */
    void postGuide(String channel, IncidentId incident, ResponseGuide guide);

    /** Looks in the channel for the card and guide this app posted there for the incident. */
    EarlierPosts earlierPosts(String channel, IncidentId incident);

    /** Posts the announcement to {@code channel}. */
    void broadcast(String channel, Announcement announcement);

    /** Posts one line about a change into the incident's war room. */
    void postLine(String channel, IncidentId incident, Line line);
}
