package io.hikeshi.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.warroom.WarRoom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading incidents for the web page, through the ports only. */
class IncidentBrowserTest {

    /** Noon in Tokyo on Wednesday 2026-12-02: "now" for every test; other times are from it. */
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Storage storage = InMemoryStorage.create().ports();
    private final IncidentBrowser browser = new IncidentBrowser(storage, Clock.fixed(NOW, ZoneOffset.UTC), TOKYO);

    @Test
    void incident_comesWithItsTimelineWarRoomAndPostmortem() {
        // GIVEN an incident declared an hour ago, its war room with a channel, and its postmortem
        Incident incident = declareAt(NOW.minus(Duration.ofHours(1)), "Payment API returns 5xx");
        storage.warRooms().recordChannel(incident.id(), "inc-20261202-0001-payment", "C0WARROOM");
        storage.postmortems().save(postmortem(incident.id(), null));

        // WHEN it is read
        IncidentBrowser.IncidentRecord record = browser.incident(incident.id()).orElseThrow();

        // THEN everything recorded about it comes along
        assertEquals("Payment API returns 5xx", record.incident().title());
        assertEquals(1, record.timeline().size(), "its declaration");
        assertEquals(Optional.of("C0WARROOM"), record.channel().map(WarRoom::channelId));
        assertTrue(record.postmortem().isPresent());
    }

    @Test
    void incident_warRoomClaimedButWithoutAChannelYet_hasNoChannelToLinkTo() {
        // GIVEN an incident whose war room is claimed but whose channel is not created yet
        Incident incident = declareAt(NOW, "Unlock latency high");
        storage.warRooms().claim(incident.id(), "inc-20261202-0001-unlock");

        // WHEN it is read
        IncidentBrowser.IncidentRecord record = browser.incident(incident.id()).orElseThrow();

        // THEN the room is there, but no channel to link to
        assertTrue(record.warRoom().isPresent());
        assertTrue(record.channel().isEmpty());
    }

    @Test
    void incident_unknown_isEmpty() {
        // GIVEN no incidents
        // WHEN one is asked for
        // THEN there is none
        assertTrue(browser.incident(new IncidentId(42)).isEmpty());
    }

    @Test
    void metrics_withoutDays_coverTheNinetyDaysUpToADayFromNow() {
        // GIVEN an incident 100 days ago and one an hour ago
        declareAt(NOW.minus(Duration.ofDays(100)), "Old outage");
        declareAt(NOW.minus(Duration.ofHours(1)), "Recent outage");

        // WHEN the figures are asked for without a period
        IncidentMetrics metrics = browser.metrics(null, null);

        // THEN the period is now + 1 day back 90 days, which leaves the old one out
        assertEquals(NOW.plus(Duration.ofDays(1)), metrics.to());
        assertEquals(NOW.plus(Duration.ofDays(1)).minus(Duration.ofDays(90)), metrics.from());
        assertEquals(1, metrics.incidents());
    }

    @Test
    void metrics_forDays_coverThoseWholeDaysInTheTeamsTimeZone() {
        // GIVEN incidents at 23:59 Tokyo time on 30 November and at 00:00 on 1 and 2 December
        declareAt(Instant.parse("2026-11-30T14:59:00Z"), "before");
        declareAt(Instant.parse("2026-11-30T15:00:00Z"), "first day");
        declareAt(Instant.parse("2026-12-01T15:00:00Z"), "the day after");

        // WHEN the figures of 1 December alone are asked for
        IncidentMetrics metrics = browser.metrics(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1));

        // THEN the period is 1 December 00:00 to 2 December 00:00 in Tokyo, holding one incident
        assertEquals(Instant.parse("2026-11-30T15:00:00Z"), metrics.from());
        assertEquals(Instant.parse("2026-12-01T15:00:00Z"), metrics.to());
        assertEquals(1, metrics.incidents());
    }

    @Test
    void metrics_readEveryPageOfTheIndex_notOnlyTheFirst() {
        // GIVEN more incidents in the period than one page of the index holds
        int count = IncidentBrowser.METRICS_PAGE + 1;
        for (int i = 0; i < count; i++) {
            declareAt(NOW.minus(Duration.ofMinutes(i + 1)), "incident " + i);
        }

        // WHEN the figures are asked for
        // THEN every one is counted
        assertEquals(count, browser.metrics(null, null).incidents());
    }

    @Test
    void metrics_countOpenAndCompletePostmortems() {
        // GIVEN one postmortem complete and two open
        storage.postmortems().save(postmortem(declareAt(NOW, "a").id(), NOW));
        storage.postmortems().save(postmortem(declareAt(NOW, "b").id(), null));
        storage.postmortems().save(postmortem(declareAt(NOW, "c").id(), null));

        // WHEN the figures are asked for
        // THEN 1 of 3 is complete: 33%
        IncidentMetrics.Completion completion = browser.metrics(null, null).postmortems();
        assertEquals(new IncidentMetrics.Completion(1, 3), completion);
        assertEquals(Optional.of(33L), completion.percent());
    }

    @Test
    void find_pagesThroughTheListWithTheSearchsCursor() {
        // GIVEN three incidents
        declareAt(NOW.minus(Duration.ofMinutes(3)), "one");
        declareAt(NOW.minus(Duration.ofMinutes(2)), "two");
        declareAt(NOW.minus(Duration.ofMinutes(1)), "three");

        // WHEN read two at a time
        IncidentQuery.Page<Incident> first = browser.find(IncidentQuery.all(), null, 2);
        IncidentQuery.Page<Incident> second = browser.find(IncidentQuery.all(), first.nextCursor(), 2);

        // THEN newest first, and the second page is the last
        assertEquals(List.of("three", "two"), first.items().stream().map(Incident::title).toList());
        assertEquals(List.of("one"), second.items().stream().map(Incident::title).toList());
        assertNull(second.nextCursor());
    }

    private Incident declareAt(Instant at, String title) {
        return new IncidentService(storage, Clock.fixed(at, ZoneOffset.UTC))
                .declare(title, Severity.SEV2, "payment-api", null, "U0ALICE", null).orElseThrow();
    }

    private static Postmortem postmortem(IncidentId incident, Instant completedAt) {
        return new Postmortem(incident, "postmortem", LocalDate.of(2026, 12, 2), List.of(), "U0BOB",
                LocalDate.of(2026, 12, 9), null, null, null, null, null, null, List.of(), null, null, null,
                completedAt == null ? null : "U0BOB", completedAt, 0);
    }
}
