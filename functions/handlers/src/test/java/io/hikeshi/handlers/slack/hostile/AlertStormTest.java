package io.hikeshi.handlers.slack.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.slackstub.Enforcement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An alert storm against Slack's rate tiers: thirty alarms within one minute, each war room built as its "Incident
 * Opened" arrives. Slack's clock moves only by the time between alarms and by the Retry-After Hikeshi waits out.
 * Spread evenly over the minute, the tiers' bursts absorb thirty rooms; all at once, they meet 429s.
 */
class AlertStormTest {

    private static final int ALARMS = 30;

    @Test
    void thirtyAlarmsSpreadOverAMinute_buildThirtyWarRooms_noneLost_withinSlacksRateLimits() {
        storm(Duration.ofSeconds(2));
    }

    @Test
    void thirtyAlarmsAtOnce_meetSlacksRateLimits_waitThemOut_andBuildThirtyWarRooms() {
        StrictSlackRig rig = storm(Duration.ZERO);
        assertTrue(rig.slack.throttled().values().stream().mapToLong(Long::longValue).sum() > 0, "429s were met");
    }

    /** Thirty alarms, {@code betweenAlarms} apart; every room asserted whole. Returns the (closed) rig to inspect. */
    private static StrictSlackRig storm(Duration betweenAlarms) {
        // GIVEN a strict Slack, its rate tiers on, and Japanese alarms with emoji
        // (the storm grouping that would fold them into one incident after twenty is set past thirty)
        try (StrictSlackRig rig = new StrictSlackRig(HostileData.all()[0], Map.of(Settings.STORM_LIMIT, "100"))) {
            Instant first = rig.slackClock.instant();
            List<IncidentId> opened = new ArrayList<>();

            // WHEN thirty alarms fire within a minute, each room built as its event arrives
            for (int i = 0; i < ALARMS; i++) {
                Instant arrives = first.plus(betweenAlarms.multipliedBy(i));
                if (rig.slackClock.instant().isBefore(arrives)) {
                    rig.slackClock.advance(Duration.between(rig.slackClock.instant(), arrives));
                }
                opened.add(rig.withWarRoom(rig.openAlarm(rig.data.alarmName() + "-" + i)));
            }

            // THEN every incident has its whole room, in a channel of its own
            int bookmarks = rig.slack.bookmarks(rig.room(opened.get(0)).channelId()).size();
            assertTrue(bookmarks > 0);
            for (IncidentId id : opened) {
                WarRoom room = rig.room(id);
                assertTrue(rig.slack.pins(room.channelId()).contains(room.cardTs()), id + ": the card, pinned");
                assertFalse(rig.slack.topic(room.channelId()).isBlank(), id + ": a topic");
                assertEquals(bookmarks, rig.slack.bookmarks(room.channelId()).size(), id + ": every bookmark");
            }
            assertEquals(ALARMS, new HashSet<>(opened.stream().map(id -> rig.room(id).channelId()).toList()).size());
            assertEquals(ALARMS, rig.slack.calls("conversations.create").size() - rig.slack.throttled("conversations.create"),
                    "one channel each");
            assertEquals(ALARMS, rig.slack.messages(StrictSlackRig.BROADCAST).size(), "thirty announcements");
            // AND Slack answered nothing but 429s (waited out), so no call ever went past a limit
            List<Enforcement> refusals = rig.slack.refusals();
            assertTrue(refusals.stream().allMatch(e -> e.httpStatus() == 429), refusals.toString());
            return rig;
        }
    }
}
