package io.hikeshi.core.report;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.incident.IncidentRepository;
import io.hikeshi.core.incident.IncidentSearch;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.people.Names;
import io.hikeshi.core.people.PeopleService;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemRepository;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reading incidents, never changing them: the list with its filters, one incident with everything
 * recorded about it, and the figures of a period. What the web page shows comes from here, so the
 * page knows nothing of how incidents are stored. People are shown by the names Hikeshi learned from Slack when
 * they acted (read from the store, never from Slack), else by id.
 */
public final class IncidentBrowser {

    /** The whole record: a timeline longer than this is cut (the store reads it oldest first). */
    static final int TIMELINE_LIMIT = 2000;
    /** Incidents are read for the figures a page of this size at a time. */
    static final int METRICS_PAGE = 1000;
    /** Open and complete postmortems are each read up to this many for the figures. */
    static final int POSTMORTEM_LIMIT = 1000;
    /** The figures' period when none is given: the 90 days up to a day from now. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

    /** One incident with what was recorded about it, and the names of the people it shows. */
    public record IncidentRecord(Incident incident, List<TimelineEntry> timeline, Optional<WarRoom> warRoom,
                                 Optional<Postmortem> postmortem, Names names) {

        public IncidentRecord {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(names, "names");
            timeline = List.copyOf(timeline);
        }

        /** The ids of everyone it shows: the commander, the timeline's people, the postmortem's owners and authors. */
        public static Set<String> people(Incident incident, List<TimelineEntry> timeline, Optional<Postmortem> postmortem) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(incident.commander());
            timeline.forEach(entry -> ids.addAll(TimelineText.people(entry)));
            postmortem.ifPresent(pm -> {
                ids.add(pm.owner());
                ids.addAll(pm.authors());
                pm.actionItems().forEach(item -> ids.add(item.owner()));
            });
            ids.remove(null);
            return ids;
        }

        /** The war room, once its channel exists (a claimed room has a name but no channel yet). */
        public Optional<WarRoom> channel() {
            return warRoom.filter(room -> room.channelId() != null);
        }
    }

    /**
     * Who reads the page: a signed-in person, or anyone where no sign-in is configured (local mode on loopback). A
     * private incident is shown only to its commander and to whoever declared it: the web page has no Slack to ask who
     * is in its war room, and these two are the people the incident itself names.
     */
    public record Reader(String person) {
        public static final Reader ANYONE = new Reader(null);

        public static Reader person(String userId) {
            return new Reader(Objects.requireNonNull(userId, "userId"));
        }
    }

    /** The OPENED entry is among the first of a timeline (only the message it was declared from comes before it). */
    private static final int DECLARER_SCAN = 3;

    private final IncidentSearch search;
    private final IncidentRepository incidents;
    private final PostmortemRepository postmortems;
    private final WarRoomRepository warRooms;
    private final PeopleService people;
    private final Clock clock;
    private final ZoneId zone;

    /** @param zone the team's time zone: days and weeks begin in it */
    public IncidentBrowser(Storage storage, Clock clock, ZoneId zone) {
        this.search = storage.search();
        this.incidents = storage.incidents();
        this.postmortems = storage.postmortems();
        this.warRooms = storage.warRooms();
        this.people = new PeopleService(storage.people(), clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The team's time zone, in which every date is meant. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * A page of the incidents matching {@code query}, newest first.
     *
     * @throws IllegalArgumentException when the cursor is not one a page handed out
     */
    public IncidentQuery.Page<Incident> find(IncidentQuery query, String cursor, int pageSize) {
        return search.find(query, cursor, pageSize);
    }

    /**
     * As {@link #find(IncidentQuery, String, int)}, less the private incidents {@code reader} may not see (a page can
     * so hold fewer than {@code pageSize}; its cursor still goes on from where the search stopped).
     */
    public IncidentQuery.Page<Incident> find(IncidentQuery query, String cursor, int pageSize, Reader reader) {
        IncidentQuery.Page<Incident> page = find(query, cursor, pageSize);
        List<Incident> shown = page.items().stream().filter(incident -> mayRead(reader, incident)).toList();
        return shown.size() == page.items().size() ? page : new IncidentQuery.Page<>(shown, page.nextCursor());
    }

    /** As {@link #incident(IncidentId)}; empty also when {@code reader} may not see it (as if it did not exist). */
    public Optional<IncidentRecord> incident(IncidentId id, Reader reader) {
        return incident(id).filter(record -> mayRead(reader, record.incident()));
    }

    /** Whether {@code reader} may see {@code incident}: a public one always, a private one its commander and declarer. */
    public boolean mayRead(Reader reader, Incident incident) {
        if (!incident.isPrivate() || reader.person() == null) {
            return true;
        }
        return reader.person().equals(incident.commander()) || reader.person().equals(declarer(incident.id()));
    }

    private String declarer(IncidentId id) {
        return incidents.timeline(id, DECLARER_SCAN).stream().filter(e -> e.kind() == TimelineKind.OPENED)
                .map(TimelineEntry::actor).findFirst().orElse(null);
    }

    /** The incident with its whole timeline, its war room, its postmortem and the names of its people. */
    public Optional<IncidentRecord> incident(IncidentId id) {
        return incidents.find(id).map(incident -> {
            List<TimelineEntry> timeline = incidents.timeline(id, TIMELINE_LIMIT);
            Optional<Postmortem> postmortem = postmortems.find(id);
            return new IncidentRecord(incident, timeline, warRooms.find(id), postmortem,
                    people.names(IncidentRecord.people(incident, timeline, postmortem)));
        });
    }

    /** The names of these people (commanders of a page of incidents, owners of action items); nulls are nobody. */
    public Names names(Collection<String> userIds) {
        return people.names(userIds);
    }

    /** The names of the commanders of {@code incidents}. */
    public Names commanders(List<Incident> incidents) {
        return names(incidents.stream().map(Incident::commander).toList());
    }

    /** The names of the owners of {@code items}. */
    public Names owners(List<ActionItem> items) {
        return names(items.stream().map(ActionItem::owner).toList());
    }

    /**
     * The figures of the incidents detected from the start of {@code firstDay} to the end of
     * {@code lastDay}. Without a last day the period ends a day from now; without a first day it
     * starts 90 days before its end.
     */
    public IncidentMetrics metrics(LocalDate firstDay, LocalDate lastDay) {
        Instant to = lastDay == null ? clock.instant().plus(Duration.ofDays(1)) : startOf(lastDay.plusDays(1));
        Instant from = firstDay == null ? to.minus(DEFAULT_PERIOD) : startOf(firstDay);
        List<Postmortem> open = postmortems.open(POSTMORTEM_LIMIT);
        List<Postmortem> completed = postmortems.completed(POSTMORTEM_LIMIT);
        return IncidentMetrics.of(from, to, detectedBetween(from, to), Stream.concat(open.stream(), completed.stream()).toList(),
                LocalDate.now(clock.withZone(zone)), zone);
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Every incident of the period, read through the index page by page (never a scan). */
    private List<Incident> detectedBetween(Instant from, Instant to) {
        IncidentQuery period = new IncidentQuery(from, to, null, null, null, null);
        List<Incident> found = new ArrayList<>();
        String cursor = null;
        do {
            IncidentQuery.Page<Incident> page = search.find(period, cursor, METRICS_PAGE);
            found.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return found;
    }
}
