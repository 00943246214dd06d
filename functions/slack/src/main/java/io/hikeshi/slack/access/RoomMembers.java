package io.hikeshi.slack.access;

import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.Refusal;
import io.hikeshi.slack.Log;
import java.util.Optional;

/** Whether someone is in a channel: conversations.members, paged, never cached (who just joined counts at once). */
final class RoomMembers {

    /** Members per page: "we recommend no more than 200 results at a time" (https://docs.slack.dev/reference/methods/conversations.members). */
    static final int MEMBERS_PAGE = 200;

    private RoomMembers() { }

    /**
     * @throws Refusal when Slack cannot say who is in the channel (rate limited, down, the channel gone): nothing is
     *                 changed and the person is asked to try again, rather than the request failing with a 500
     */
    static boolean contains(MethodsClient client, String channel, String user) {
        String cursor = null;
        do {
            String from = cursor;
            var page = membersPage(() -> client.conversationsMembers(r -> r.channel(channel).limit(MEMBERS_PAGE).cursor(from)));
            if (!page.isOk()) {
                Log.warn("conversations.members failed", "channel", channel, "error", page.getError());
                throw new Refusal("access.members.unknown");
            }
            if (page.getMembers() != null && page.getMembers().contains(user)) {
                return true;
            }
            cursor = Optional.ofNullable(page.getResponseMetadata()).map(m -> m.getNextCursor()).orElse(null);
        } while (cursor != null && !cursor.isEmpty());
        return false;
    }

    private static <T> T membersPage(SlackCall<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            Log.warn("conversations.members failed", "error", String.valueOf(e));
            throw new Refusal("access.members.unknown");
        }
    }

    interface SlackCall<T> {
        T run() throws Exception;
    }

    static <T> T call(SlackCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Slack could not answer", e);
        }
    }
}
