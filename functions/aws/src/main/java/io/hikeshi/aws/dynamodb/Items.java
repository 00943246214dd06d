package io.hikeshi.aws.dynamodb;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.people.Person;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single-table layout (docs/architecture.md has the full table of keys and access patterns)
 * and the mapping between items and domain values.
 */
final class Items {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI1 = "gsi1";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";
    static final String EXPIRES_AT = "expiresAt";
    static final String VERSION = "version";
    static final String OCCURRENCES = "occurrences";
    static final String STATUS = "status";

    static final String INCIDENT_SK = "INCIDENT";
    static final String TIMELINE_PREFIX = "TL#";
    static final String ALL_INCIDENTS = "INCIDENTS";

    /** Fixed width so that sort keys order by time (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Items() { }

    static Map<String, AttributeValue> incidentKey(IncidentId id) {
        return key("INC#" + id.number(), INCIDENT_SK);
    }

    static Map<String, AttributeValue> alertKey(String alertKey) {
        return key("ALERT#" + alertKey, "ALERT");
    }

    static Map<String, AttributeValue> counterKey() {
        return key("COUNTER#INCIDENT", "COUNTER");
    }

    static Map<String, AttributeValue> channelKey(String channelId) {
        return key("CHANNEL#" + channelId, "CHANNEL");
    }

    static Map<String, AttributeValue> deliveryKey(String deliveryId) {
        return key("DELIVERY#" + deliveryId, "DELIVERY");
    }

    static String incidentPartition(IncidentId id) {
        return "INC#" + id.number();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    // ---- incidents ----

    static Map<String, AttributeValue> incidentItem(Incident i, long version) {
        Map<String, AttributeValue> item = new HashMap<>(incidentKey(i.id()));
        item.putAll(incidentFields(i));
        item.put("number", n(i.id().number()));
        item.put("titleLower", s(i.title().toLowerCase(java.util.Locale.ROOT)));
        item.put("alertKey", i.alertKey() == null ? null : s(i.alertKey()));
        item.put("detectedAt", s(format(i.detectedAt())));
        item.put(GSI1_PK, s(ALL_INCIDENTS));
        item.put(GSI1_SK, s(format(i.detectedAt()) + "#" + i.id()));
        item.put(OCCURRENCES, n(i.occurrences()));
        item.put(VERSION, n(version));
        item.put("visibility", i.isPrivate() ? s(i.visibility().name()) : null); // absent: public, as rows before it
        item.values().removeIf(java.util.Objects::isNull);
        return item;
    }

    /** The fields a person can change; null values mean "remove". */
    static Map<String, AttributeValue> incidentFields(Incident i) {
        Map<String, AttributeValue> fields = new HashMap<>();
        fields.put("title", s(i.title()));
        fields.put("severity", s(i.severity().name()));
        fields.put(STATUS, s(i.status().name()));
        fields.put("service", s(i.service()));
        fields.put("commander", i.commander() == null ? null : s(i.commander()));
        fields.put("roles", i.roles().isEmpty() ? null : strings(i.roles()));
        fields.put("description", i.description() == null || i.description().isEmpty() ? null : s(i.description()));
        fields.put("acknowledgedAt", time(i.acknowledgedAt()));
        fields.put("mitigatedAt", time(i.mitigatedAt()));
        fields.put("resolvedAt", time(i.resolvedAt()));
        return fields;
    }

    static Incident incident(Map<String, AttributeValue> item) {
        return new Incident(new IncidentId(Long.parseLong(item.get("number").n())),
                str(item, "title"), Severity.valueOf(str(item, "severity")), Status.valueOf(str(item, STATUS)),
                str(item, "service"), str(item, "commander"), strings(item, "roles"), str(item, "alertKey"), str(item, "description"),
                instant(item, "detectedAt"), instant(item, "acknowledgedAt"), instant(item, "mitigatedAt"),
                instant(item, "resolvedAt"), num(item, OCCURRENCES), num(item, VERSION),
                item.containsKey("visibility") ? Incident.Visibility.valueOf(str(item, "visibility")) : Incident.Visibility.PUBLIC);
    }

    // ---- timeline ----

    static Map<String, AttributeValue> timelineItem(TimelineEntry e) {
        Map<String, AttributeValue> item = new HashMap<>(key(incidentPartition(e.incidentId()),
                TIMELINE_PREFIX + format(e.at()) + "#" + e.entryId()));
        item.put("entryId", s(e.entryId()));
        item.put("at", s(format(e.at())));
        item.put("kind", s(e.kind().name()));
        item.put("actor", s(e.actor()));
        item.put("params", strings(e.params()));
        item.put("text", s(e.text()));
        item.put("attributes", strings(e.attributes()));
        return item;
    }

    /**
     * An entry as stored. Rows written before entries had parameters have no {@code params}: their
     * {@code text} is the English sentence they were stored with, which is what they show.
     */
    static TimelineEntry timelineEntry(IncidentId id, Map<String, AttributeValue> item) {
        return new TimelineEntry(id, str(item, "entryId"), instant(item, "at"), TimelineKind.valueOf(str(item, "kind")),
                str(item, "actor"), strings(item, "params"), str(item, "text"), strings(item, "attributes"));
    }

    private static AttributeValue strings(Map<String, String> map) {
        return AttributeValue.fromM(map.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, x -> s(x.getValue()))));
    }

    private static Map<String, String> strings(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name)
                ? item.get(name).m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, x -> x.getValue().s()))
                : Map.of();
    }

    // ---- alerts ----

    static Map<String, AttributeValue> alertItem(AlertState a, long version) {
        Map<String, AttributeValue> item = new HashMap<>(alertKey(a.key()));
        item.put("alertKey", s(a.key()));
        item.put("signal", a.signal() == null ? null : s(a.signal()));
        item.put("signalAt", time(a.signalAt()));
        item.put("openIncident", a.openIncident() == null ? null : n(a.openIncident().number()));
        item.put("lastIncident", a.lastIncident() == null ? null : n(a.lastIncident().number()));
        item.put("lastOpenedAt", time(a.lastOpenedAt()));
        item.put("lastRecoveredAt", time(a.lastRecoveredAt()));
        item.put("lastClosedAt", time(a.lastClosedAt()));
        item.put(VERSION, n(version));
        item.values().removeIf(java.util.Objects::isNull);
        return item;
    }

    static AlertState alertState(Map<String, AttributeValue> item) {
        return new AlertState(str(item, "alertKey"), str(item, "signal"), instant(item, "signalAt"),
                incidentId(item, "openIncident"), incidentId(item, "lastIncident"), instant(item, "lastOpenedAt"),
                instant(item, "lastRecoveredAt"), instant(item, "lastClosedAt"), num(item, VERSION));
    }

    // ---- outbox, war rooms, done steps ----

    static final String OUTBOX = "OUTBOX";

    static Map<String, AttributeValue> outboxItem(io.hikeshi.core.event.DomainEvent e, long expiresAtEpochSecond) {
        Map<String, AttributeValue> item = new HashMap<>(key(OUTBOX + "#" + e.id(), OUTBOX));
        item.put("eventId", s(e.id()));
        item.put("type", s(e.type().name()));
        item.put("incident", s(e.incident()));
        item.put("at", s(format(e.at())));
        item.put("attributes", AttributeValue.fromM(e.attributes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, x -> s(x.getValue())))));
        item.put(GSI1_PK, s(OUTBOX));
        item.put(GSI1_SK, s(format(e.at()) + "#" + e.id()));
        item.put(EXPIRES_AT, n(expiresAtEpochSecond));
        return item;
    }

    /** Also reads the NewImage of a DynamoDB stream record (same attribute names). */
    static io.hikeshi.core.event.DomainEvent domainEvent(Map<String, AttributeValue> item) {
        Map<String, String> attributes = item.containsKey("attributes")
                ? item.get("attributes").m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, x -> x.getValue().s()))
                : Map.of();
        return new io.hikeshi.core.event.DomainEvent(str(item, "eventId"),
                io.hikeshi.core.event.DomainEvent.Type.valueOf(str(item, "type")), str(item, "incident"),
                instant(item, "at"), attributes);
    }

    static Map<String, AttributeValue> warRoomKey(IncidentId id) {
        return key("INC#" + id.number(), "WARROOM");
    }

    /** A war room as stored; its incident is the key's, since a room recorded piecemeal may lack any other attribute. */
    static io.hikeshi.core.warroom.WarRoom warRoom(Map<String, AttributeValue> item) {
        IncidentId incident = new IncidentId(Long.parseLong(str(item, PK).substring("INC#".length())));
        AttributeValue done = item.get("done");
        return new io.hikeshi.core.warroom.WarRoom(incident, str(item, "channelName"), str(item, "channelId"),
                str(item, "cardTs"), done == null ? java.util.Set.of() : java.util.Set.copyOf(done.ss()));
    }

    static Map<String, AttributeValue> postmortemKey(IncidentId id) {
        return key("INC#" + id.number(), "POSTMORTEM");
    }

    static final String OPEN_POSTMORTEMS = "POSTMORTEM#OPEN";
    static final String NOT_NEEDED_POSTMORTEMS = "POSTMORTEM#NOT_NEEDED";

    /**
     * Who holds an action item not done (a list, which unlike a set may be empty): what lets a query of the open
     * postmortems return only a person's, {@code contains(assignees, :person)}, since a filter cannot look inside the
     * action items' maps. Derived on every save; absent on items saved before it existed.
     */
    static final String ASSIGNEES = "assignees";

    private static List<String> assignees(io.hikeshi.core.postmortem.Postmortem pm) {
        return pm.actionItems().stream().filter(a -> !a.done() && a.owner() != null)
                .map(io.hikeshi.core.postmortem.ActionItem::owner).distinct().sorted().toList();
    }

    static Map<String, AttributeValue> postmortemItem(io.hikeshi.core.postmortem.Postmortem pm, long version) {
        Map<String, AttributeValue> item = new HashMap<>(postmortemKey(pm.incident()));
        item.put("number", n(pm.incident().number()));
        item.put("title", s(pm.title()));
        item.put("date", s(pm.date().toString()));
        item.put("authors", AttributeValue.fromL(pm.authors().stream().map(Items::s).toList()));
        item.put("owner", pm.owner() == null ? null : s(pm.owner()));
        item.put("due", s(pm.due().toString()));
        for (var section : io.hikeshi.core.postmortem.Postmortem.Section.values()) {
            String text = pm.section(section);
            item.put("section_" + section.name(), text == null ? null : s(text));
        }
        item.put("actionItems", AttributeValue.fromL(pm.actionItems().stream().map(Items::actionItem).toList()));
        item.put(ASSIGNEES, AttributeValue.fromL(assignees(pm).stream().map(Items::s).toList()));
        item.put("completedBy", pm.completedBy() == null ? null : s(pm.completedBy()));
        item.put("completedAt", time(pm.completedAt()));
        item.put("requirement", s(pm.requirement().name()));
        if (pm.isNotNeeded()) {
            item.put("notNeededReason", s(pm.notNeeded().reason()));
            item.put("notNeededBy", s(pm.notNeeded().by()));
            item.put("notNeededAt", time(pm.notNeeded().at()));
        }
        // Open postmortems are listed by due date on the GSI; a completed one leaves the list for the completed
        // ones, one said not to be needed for a partition of its own that neither list reads.
        item.put(GSI1_PK, s(pm.isComplete() ? "POSTMORTEM#DONE" : pm.isNotNeeded() ? NOT_NEEDED_POSTMORTEMS : OPEN_POSTMORTEMS));
        item.put(GSI1_SK, s(pm.due() + "#" + pm.incident()));
        item.put(VERSION, n(version));
        item.values().removeIf(java.util.Objects::isNull);
        return item;
    }

    private static AttributeValue actionItem(io.hikeshi.core.postmortem.ActionItem a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(a.id()));
        m.put("description", s(a.description()));
        m.put("type", s(a.type().name()));
        m.put("done", AttributeValue.fromBool(a.done()));
        if (a.owner() != null) {
            m.put("owner", s(a.owner()));
        }
        if (a.due() != null) {
            m.put("due", s(a.due().toString()));
        }
        if (a.trackingLink() != null) {
            m.put("trackingLink", s(a.trackingLink()));
        }
        return AttributeValue.fromM(m);
    }

    static io.hikeshi.core.postmortem.Postmortem postmortem(Map<String, AttributeValue> item) {
        var sections = new java.util.EnumMap<io.hikeshi.core.postmortem.Postmortem.Section, String>(
                io.hikeshi.core.postmortem.Postmortem.Section.class);
        for (var section : io.hikeshi.core.postmortem.Postmortem.Section.values()) {
            sections.put(section, str(item, "section_" + section.name()));
        }
        var items = item.containsKey("actionItems") ? item.get("actionItems").l().stream().map(v -> {
            Map<String, AttributeValue> m = v.m();
            return new io.hikeshi.core.postmortem.ActionItem(str(m, "id"), str(m, "description"),
                    io.hikeshi.core.postmortem.ActionItem.Type.valueOf(str(m, "type")), str(m, "owner"),
                    str(m, "due") == null ? null : java.time.LocalDate.parse(str(m, "due")), str(m, "trackingLink"),
                    m.containsKey("done") && m.get("done").bool());
        }).toList() : List.<io.hikeshi.core.postmortem.ActionItem>of();
        return new io.hikeshi.core.postmortem.Postmortem(new IncidentId(num(item, "number")), str(item, "title"),
                java.time.LocalDate.parse(str(item, "date")),
                item.containsKey("authors") ? item.get("authors").l().stream().map(AttributeValue::s).toList() : List.of(),
                str(item, "owner"), java.time.LocalDate.parse(str(item, "due")),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.SUMMARY),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.IMPACT),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.ROOT_CAUSES),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.TRIGGER),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.RESOLUTION),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.DETECTION), items,
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.WENT_WELL),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.WENT_WRONG),
                sections.get(io.hikeshi.core.postmortem.Postmortem.Section.GOT_LUCKY),
                str(item, "completedBy"), instant(item, "completedAt"), num(item, VERSION),
                // Stored before there was a policy: every postmortem was required.
                item.containsKey("requirement") ? io.hikeshi.core.postmortem.PostmortemPolicy.Requirement.valueOf(
                        str(item, "requirement")) : null,
                item.containsKey("notNeededReason") ? new io.hikeshi.core.postmortem.Postmortem.NotNeeded(
                        str(item, "notNeededReason"), str(item, "notNeededBy"), instant(item, "notNeededAt")) : null);
    }

    // ---- people ----

    static final String PERSON_NAME = "name";
    static final String LEARNED_AT = "learnedAt";

    static Map<String, AttributeValue> personKey(String userId) {
        return key("PERSON#" + userId, "PERSON");
    }

    static Map<String, AttributeValue> personItem(Person p) {
        Map<String, AttributeValue> item = new HashMap<>(personKey(p.userId()));
        item.put("userId", s(p.userId()));
        item.put(PERSON_NAME, s(p.name()));
        item.put(LEARNED_AT, s(format(p.learnedAt())));
        return item;
    }

    static Map<String, AttributeValue> doneKey(String step) {
        return key("DONE#" + step, "DONE");
    }

    // ---- values ----

    static String format(Instant at) {
        return SORTABLE.format(at);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue time(Instant at) {
        return at == null ? null : s(format(at));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    private static IncidentId incidentId(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : new IncidentId(Long.parseLong(v.n()));
    }
}
