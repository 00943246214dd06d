package io.hikeshi.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.store.Storage;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The postmortem policy on DynamoDB Local: an optional draft and a "not needed, because …" read back whole, one said
 * not to be needed is in neither index list, a postmortem stored before there was a policy reads as required, and the
 * policy's "no postmortem" is one timeline row however often "resolved" arrives.
 */
class DynamoDbPostmortemPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private DynamoDbClient dynamo;
    private String table;
    private Storage store;
    private final List<String> cancelled = new ArrayList<>();
    private final List<ReminderScheduler.Reminder> scheduled = new ArrayList<>();

    @BeforeEach
    void createTable() {
        dynamo = EmbeddedDynamoDb.shared().client();
        table = "postmortems-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        store = DynamoDbStorage.on(dynamo, table, CLOCK);
    }

    private PostmortemService postmortems(String requirements) {
        ReminderScheduler scheduler = new ReminderScheduler() {
            @Override
            public void schedule(Reminder reminder) {
                scheduled.add(reminder);
            }

            @Override
            public void cancel(String reminderId) {
                cancelled.add(reminderId);
            }
        };
        return new PostmortemService(store, scheduler, PostmortemPolicy.defaults(TOKYO)
                .requiring(PostmortemPolicy.parseRequirements(requirements)), CLOCK, Messages.of(Messages.ENGLISH));
    }

    private IncidentId resolved(Severity severity) {
        IncidentService incidents = new IncidentService(store, CLOCK);
        Incident incident = incidents.declare("Disk 81% on batch-01", severity, "batch", null, "U0ALICE", null).orElseThrow();
        incidents.assignCommander(incident.id(), "U0ALICE", "U0ALICE");
        incidents.changeStatus(incident.id(), Status.RESOLVED, "U0BOB");
        return incident.id();
    }

    @Test
    void anOptionalDraft_andANotNeededDecision_readBackWhole_andLeaveTheOpenList() {
        // GIVEN an optional draft (SEV4) and a required one (SEV2)
        PostmortemService postmortems = postmortems(null);
        IncidentId optional = resolved(Severity.SEV4);
        IncidentId skipped = resolved(Severity.SEV2);
        Postmortem draft = postmortems.draftOnResolve(optional, "U0BOB").orElseThrow();
        postmortems.draftOnResolve(skipped, "U0BOB");

        // WHEN the required one is said not to be needed
        Postmortem saved = postmortems.notNeeded(skipped, "Known alarm during maintenance", "U0ALICE");

        // THEN each reads back as saved, the decision whole; only the optional one is open (for anyone to write), and
        // the skipped one is neither open nor complete; its reminders were cancelled
        assertEquals(PostmortemPolicy.Requirement.OPTIONAL, store.postmortems().find(optional).orElseThrow().requirement());
        assertEquals(draft, store.postmortems().find(optional).orElseThrow());
        Postmortem read = store.postmortems().find(skipped).orElseThrow();
        assertEquals(saved, read);
        assertEquals(new Postmortem.NotNeeded("Known alarm during maintenance", "U0ALICE", T0), read.notNeeded());
        assertEquals(List.of(optional), store.postmortems().open(10).stream().map(Postmortem::incident).toList());
        assertEquals(List.of(), store.postmortems().completed(10));
        assertEquals(5, cancelled.size(), cancelled.toString());
    }

    @Test
    void writingIt_afterwards_putsItBackInTheOpenList_withoutTheDecision() {
        // GIVEN a postmortem said not to be needed
        PostmortemService postmortems = postmortems(null);
        IncidentId id = resolved(Severity.SEV2);
        postmortems.draftOnResolve(id, "U0BOB");
        postmortems.notNeeded(id, "Known alarm", "U0ALICE");

        // WHEN someone writes its impact
        postmortems.editSection(id, Postmortem.Section.IMPACT, "Batch jobs ran 2 h late", "U0BOB");

        // THEN the stored item has no decision left, and the open list has it again
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Items.postmortemKey(id))).item();
        assertTrue(!item.containsKey("notNeededReason") && !item.containsKey("notNeededBy"), item.toString());
        assertEquals(List.of(id), store.postmortems().open(10).stream().map(Postmortem::incident).toList());
    }

    @Test
    void aPostmortemStoredBeforeThereWasAPolicy_readsAsRequired() {
        // GIVEN a postmortem item written without the requirement attribute
        PostmortemService postmortems = postmortems(null);
        IncidentId id = resolved(Severity.SEV2);
        postmortems.draftOnResolve(id, "U0BOB");
        dynamo.updateItem(r -> r.tableName(table).key(Items.postmortemKey(id)).updateExpression("REMOVE requirement"));

        // WHEN read
        // THEN it is required and reminded, as every postmortem was
        Postmortem read = store.postmortems().find(id).orElseThrow();
        assertEquals(PostmortemPolicy.Requirement.REQUIRED, read.requirement());
        assertTrue(read.isReminded());
    }

    @Test
    void noPostmortemByPolicy_isOneTimelineRow_howeverOftenResolvedArrives() {
        // GIVEN a team that needs no postmortem for SEV4, and a resolved SEV4
        PostmortemService postmortems = postmortems("SEV4=none");
        IncidentId id = resolved(Severity.SEV4);

        // WHEN both flows get "resolved", one of them twice
        postmortems.draftOnResolve(id, "U0BOB");
        postmortems.draft(id, "U0BOB");
        postmortems.draftOnResolve(id, "U0BOB");

        // THEN no postmortem item, no reminder, and one row of the new kind, readable in the reader's language
        assertTrue(store.postmortems().find(id).isEmpty());
        assertEquals(List.of(), scheduled);
        List<TimelineEntry> rows = store.incidents().timeline(id, 100).stream()
                .filter(e -> e.kind() == TimelineKind.POSTMORTEM_NOT_NEEDED).toList();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("No postmortem: the team's policy needs none for SEV4 incidents",
                TimelineText.render(rows.get(0), Messages.of(Messages.ENGLISH)));
    }
}
