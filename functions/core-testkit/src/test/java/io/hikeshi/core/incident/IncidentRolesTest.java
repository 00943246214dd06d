package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.Refusal;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.event.IncidentEvents;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.InMemoryChat;
import io.hikeshi.core.testkit.InMemoryStorage;
import io.hikeshi.core.warroom.ServiceDirectory;
import io.hikeshi.core.warroom.WarRoomChat.Line;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.core.testkit.InMemoryServiceDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles besides the commander: assigned, refused, recorded once, and heard once in the war room. */
class IncidentRolesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:12:47Z"), ZoneOffset.UTC);
    private static final String BOB = "U0BOB";
    private static final String CAROL = "U0CAROL";
    private static final ServiceDirectory SERVICES = InMemoryServiceDirectory.of("payment-api");

    private final Storage store = InMemoryStorage.create().ports();
    private final IncidentService incidents = new IncidentService(store, CLOCK, Duration.ofHours(72),
            Roles.parse("comms,scribe,customer-liaison"));
    private final InMemoryChat chat = new InMemoryChat();
    private final WarRoomService warRoom = new WarRoomService(store, SERVICES, chat, (subject, body, attributes) -> { },
            new WarRoomService.Settings("inc-{date}-{number}-{slug}", null, null, ZoneId.of("Asia/Tokyo")),
            Messages.of(Messages.ENGLISH));

    private Incident declare() {
        return incidents.declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, BOB, null).orElseThrow();
    }

    private List<DomainEvent> drainEvents() {
        List<DomainEvent> events = store.outbox().pending(100);
        store.outbox().relayed(events);
        return events;
    }

    private List<TimelineEntry> roleEntries(IncidentId id) {
        return store.incidents().timeline(id, 100).stream().filter(e -> e.kind() == TimelineKind.ROLE_CHANGED).toList();
    }

    @Test
    void assigningARole_storesIt_onTheTimeline_withOneEvent() {
        IncidentId id = declare().id();
        drainEvents();

        Incident after = incidents.assignRole(id, "comms", CAROL, BOB);

        assertEquals(Map.of("comms", CAROL), after.roles());
        assertEquals(Map.of("comms", CAROL), store.incidents().find(id).orElseThrow().roles());
        TimelineEntry entry = roleEntries(id).getFirst();
        assertEquals(BOB, entry.actor());
        assertEquals("Role: communications lead → U0CAROL", TimelineText.render(entry, Messages.of(Messages.ENGLISH)));
        assertEquals("役割：広報担当 → U0CAROL", TimelineText.render(entry, Messages.of(Locale.JAPANESE)));
        assertEquals(List.of(BOB, CAROL), List.copyOf(TimelineText.people(entry)));
        List<DomainEvent> events = drainEvents();
        assertEquals(List.of(DomainEvent.Type.ROLE_CHANGED), events.stream().map(DomainEvent::type).toList());
        assertEquals("comms", events.getFirst().attribute(IncidentEvents.ROLE));
        assertEquals(CAROL, events.getFirst().attribute(IncidentEvents.ROLE_USER));
        assertEquals(BOB, events.getFirst().attribute("actor"));
    }

    @Test
    void assigningTheSamePersonAgain_writesNothing_andHandingItOn_replacesThem() {
        IncidentId id = declare().id();
        long version = incidents.assignRole(id, "scribe", CAROL, BOB).version();
        drainEvents();

        Incident again = incidents.assignRole(id, "SCRIBE", CAROL, BOB);

        assertEquals(version, again.version());
        assertEquals(1, roleEntries(id).size());
        assertEquals(List.of(), drainEvents());

        Incident handedOn = incidents.assignRole(id, "scribe", BOB, BOB);
        assertEquals(Map.of("scribe", BOB), handedOn.roles());
        assertEquals(2, roleEntries(id).size());
    }

    @Test
    void aRoleTheTeamDoesNotHave_isRefused_sayingWhichItHas_andChangesNothing() {
        IncidentId id = declare().id();
        drainEvents();

        Refusal refusal = assertThrows(Refusal.class, () -> incidents.assignRole(id, "translator", CAROL, BOB));

        assertEquals("roles.refusal.unknown", refusal.reason().key());
        assertEquals("This team has no role \"translator\". The roles are: comms, scribe, customer-liaison.",
                refusal.reason(Messages.of(Messages.ENGLISH)));
        assertEquals(Map.of(), store.incidents().find(id).orElseThrow().roles());
        assertEquals(List.of(), drainEvents());
    }

    @Test
    void aResolvedIncident_keepsItsRoles() {
        IncidentId id = declare().id();
        incidents.changeStatus(id, Status.RESOLVED, BOB);

        Refusal refusal = assertThrows(Refusal.class, () -> incidents.assignRole(id, "comms", CAROL, BOB));

        assertEquals("roles.refusal.resolved", refusal.reason().key());
    }

    @Test
    void everyOtherChange_keepsTheRoles() {
        IncidentId id = declare().id();
        incidents.assignRole(id, "customer-liaison", CAROL, BOB);

        incidents.assignCommander(id, BOB, BOB);
        incidents.changeSeverity(id, Severity.SEV1, BOB);
        Incident resolved = incidents.changeStatus(id, Status.RESOLVED, BOB);

        assertEquals(Map.of("customer-liaison", CAROL), resolved.roles());
    }

    @Test
    void theWarRoom_redrawsCardAndTopic_invitesThePerson_andPostsOneLine_evenWhenTheEventComesTwice() {
        Incident incident = declare();
        drainEvents().forEach(warRoom::on);
        String channel = store.warRooms().find(incident.id()).orElseThrow().channelId();

        incidents.assignRole(incident.id(), "comms", CAROL, BOB);
        List<DomainEvent> events = drainEvents();
        events.forEach(warRoom::on);
        events.forEach(warRoom::on);

        List<Object> lines = chat.posts("line").stream().map(InMemoryChat.Post::content).toList();
        assertEquals(List.of(new Line.RoleChanged("comms", CAROL, BOB)), lines);
        assertTrue(chat.members(channel).contains(CAROL), chat.members(channel).toString());
        assertTrue(chat.topic(channel).contains("comms=U0CAROL"), chat.topic(channel));
        Incident onCard = (Incident) chat.posts("card").getFirst().content();
        assertEquals(Map.of("comms", CAROL), onCard.roles());
    }
}
