package io.hikeshi.core.warroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.postmortem.ReminderScheduler.Reminder;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryChat;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.testkit.InMemoryServiceDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A private incident: declared so, stored so, and told in its own private room only. */
class PrivateIncidentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:12:47Z"), ZoneOffset.UTC);
    private static final ServiceDirectory SERVICES = InMemoryServiceDirectory.of("payment-api");

    private final Storage store = InMemoryStorage.create().ports();
    private final IncidentService incidents = new IncidentService(store, CLOCK, Duration.ofHours(72));
    private final InMemoryChat chat = new InMemoryChat();
    private final List<Map<String, String>> notifications = new ArrayList<>();
    private final WarRoomService warRoom = new WarRoomService(store, SERVICES, chat,
            (subject, message, attributes) -> notifications.add(attributes),
            new WarRoomService.Settings("inc-{number}-{slug}", "C0INCIDENTS", null, ZoneId.of("Asia/Tokyo")),
            Messages.of(Messages.ENGLISH));

    private Incident declare(Incident.Visibility visibility) {
        return incidents.declare("Leaked customer data", Severity.SEV2, "payment-api", null, "U0BOB", "view-" + visibility,
                null, visibility).orElseThrow();
    }

    private void relay() {
        List<DomainEvent> events = store.outbox().pending(100);
        store.outbox().relayed(events);
        events.forEach(warRoom::on);
    }

    @Test
    void declaredPrivate_isStoredPrivate_andEveryEventSaysSo() {
        Incident incident = declare(Incident.Visibility.PRIVATE);

        assertTrue(store.incidents().find(incident.id()).orElseThrow().isPrivate());
        assertTrue(store.outbox().pending(10).stream().allMatch(e -> "true".equals(e.attribute("private"))));
    }

    @Test
    void declaredWithoutSayingSo_isPublic_asAnAlertsIncidentAlwaysIs() {
        Incident incident = incidents.declare("Checkout slow", Severity.SEV3, "payment-api", null, "U0BOB", null).orElseThrow();

        assertFalse(store.incidents().find(incident.id()).orElseThrow().isPrivate());
        assertEquals(Incident.Visibility.PUBLIC, Incident.open(incident.id(), "x", Severity.SEV3, "payment-api",
                "arn:aws:cloudwatch:alarm", null, CLOCK.instant()).visibility());
    }

    @Test
    void aPrivateIncidentsRoomIsPrivate_andItsWholeLifeIsToldThereOnly() {
        // GIVEN a private incident whose room is built
        Incident incident = declare(Incident.Visibility.PRIVATE);
        relay();
        assertTrue(chat.isPrivate(chat.channelNames().get(0)));

        // WHEN it goes through every change stakeholders would otherwise hear of
        incidents.changeSeverity(incident.id(), Severity.SEV1, "U0BOB");
        incidents.postStatusUpdate(incident.id(), Status.INVESTIGATING, "Looking at the logs", "U0BOB");
        incidents.changeStatus(incident.id(), Status.MITIGATED, "U0BOB");
        incidents.changeStatus(incident.id(), Status.INVESTIGATING, "U0BOB");
        incidents.changeStatus(incident.id(), Status.RESOLVED, "U0BOB");
        incidents.reopen(incident.id(), "It came back", "U0BOB");
        relay();

        // THEN nothing was broadcast or notified, and each change has its line in the room
        assertEquals(0, chat.calls("broadcast"));
        assertEquals(List.of(), notifications);
        assertEquals(6, chat.posts("line").size());
        assertTrue(chat.posts("line").stream().allMatch(p -> p.channel().equals(store.warRooms().find(incident.id())
                .orElseThrow().channelId())));
    }

    @Test
    void aPublicIncidentsRoomIsPublic_andAnnounced() {
        declare(Incident.Visibility.PUBLIC);
        relay();

        assertFalse(chat.isPrivate(chat.channelNames().get(0)));
        assertEquals(1, chat.calls("broadcast"));
        assertEquals(1, notifications.size());
    }

    @Test
    void theDigestsPostmortemsLeaveOutThoseOfPrivateIncidents() {
        Incident hidden = declare(Incident.Visibility.PRIVATE);
        Incident shown = declare(Incident.Visibility.PUBLIC);
        ReminderScheduler noReminders = new ReminderScheduler() {
            @Override
            public void schedule(Reminder reminder) { }

            @Override
            public void cancel(String reminderId) { }
        };
        PostmortemService postmortems = new PostmortemService(store, noReminders, PostmortemPolicy.defaults(ZoneId.of("Asia/Tokyo")),
                CLOCK, Messages.of(Messages.ENGLISH));
        for (Incident incident : List.of(hidden, shown)) {
            incidents.changeStatus(incident.id(), Status.RESOLVED, "U0BOB");
            postmortems.draft(incident.id(), "U0BOB");
        }

        assertEquals(List.of(shown.id()), postmortems.ofPublicIncidents(postmortems.open()).stream()
                .map(p -> p.incident()).toList());
    }
}
