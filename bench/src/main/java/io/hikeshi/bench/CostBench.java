package io.hikeshi.bench;

import io.hikeshi.handlers.lambda.Settings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hikeshi.aws.dynamodb.IncidentTable;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.handlers.alerts.AlarmIngestHandler;
import io.hikeshi.handlers.wiring.AlertsWiring;
import io.hikeshi.handlers.wiring.Composition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * DynamoDB capacity per alarm event and per incident, measured with ReturnConsumedCapacity on
 * every call the real code makes, turned into a monthly on-demand cost for a reference
 * organisation (500 alarm events a day, 30 incidents a month). Prices: docs/performance.md.
 *
 * <p>Usage: {@code bin/bench cost}.
 */
public final class CostBench {

    /** On-demand, US East (N. Virginia), per million request units (docs/performance.md cites the source). */
    static final double USD_PER_MILLION_WRU = 0.625;
    static final double USD_PER_MILLION_RRU = 0.125;

    /** Asks every call for its consumed capacity and adds it up, reads and writes apart. */
    static final class Meter implements ExecutionInterceptor {
        final DoubleAdder reads = new DoubleAdder();
        final DoubleAdder writes = new DoubleAdder();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest r = context.request();
            if (r instanceof GetItemRequest g) {
                return g.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (r instanceof QueryRequest q) {
                return q.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (r instanceof PutItemRequest p) {
                return p.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (r instanceof UpdateItemRequest u) {
                return u.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (r instanceof TransactWriteItemsRequest t) {
                return t.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return r;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            Object response = context.response();
            if (response instanceof GetItemResponse g) {
                add(g.consumedCapacity(), reads);
            } else if (response instanceof QueryResponse q) {
                add(q.consumedCapacity(), reads);
            } else if (response instanceof PutItemResponse p) {
                add(p.consumedCapacity(), writes);
            } else if (response instanceof UpdateItemResponse u) {
                add(u.consumedCapacity(), writes);
            } else if (response instanceof TransactWriteItemsResponse t && t.hasConsumedCapacity()) {
                t.consumedCapacity().forEach(c -> add(c, writes));
            }
        }

        private static void add(ConsumedCapacity c, DoubleAdder into) {
            if (c != null && c.capacityUnits() != null) {
                into.add(c.capacityUnits());
            }
        }

        double[] snapshot() {
            return new double[] {reads.sum(), writes.sum()};
        }
    }

    public static void main(String[] args) throws Exception {
        Meter meter = new Meter();
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(null);
        var dynamo = db.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(meter)).build();
        String table = "cost-" + UUID.randomUUID();
        IncidentTable.createIfMissing(db.client(), table);
        Composition core = Composition.fromSettings(Map.of(Settings.TABLE, table, Settings.STORM_LIMIT, "100000"), dynamo,
                ref -> "x", NoReminders.INSTANCE);
        AlarmIngestHandler ingest = new AlarmIngestHandler(new AlertsWiring(core));
        ObjectMapper json = new ObjectMapper();
        ObjectNode alarm = (ObjectNode) json.readTree(Files.readAllBytes(Path.of("events", "alarm-metric-alarm.json")));

        // An incident's whole life: opened by an alarm, acknowledged, severity and commander set,
        // two status updates, a note, resolved, its postmortem drafted, edited and completed.
        double[] before = meter.snapshot();
        int incidents = 30;
        for (int i = 0; i < incidents; i++) {
            alarm.put("id", UUID.randomUUID().toString());
            alarm.putArray("resources").add("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:cost-" + i);
            ((ObjectNode) alarm.path("detail")).put("alarmName", "cost-" + i);
            IncidentId id = IncidentId.parse(ingest.handle(json.writeValueAsBytes(alarm)).get("incident"));
            var people = core.incidents();
            people.acknowledge(id, "U0BOB");
            people.changeSeverity(id, Severity.SEV1, "U0BOB");
            people.assignCommander(id, "U0BOB", "U0BOB");
            people.postStatusUpdate(id, Status.INVESTIGATING, "looking at the deploy", "U0BOB");
            people.postStatusUpdate(id, Status.MITIGATED, "rolled back", "U0BOB");
            people.addNote(id, "U0BOB", "5xx back to normal");
            people.postStatusUpdate(id, Status.RESOLVED, "fixed forward in v1.43", "U0BOB");
            core.postmortems().draftOnResolve(id, "U0BOB");
            core.postmortems().editSection(id, io.hikeshi.core.postmortem.Postmortem.Section.IMPACT, "checkout failed", "U0BOB");
            core.storage().outbox().pending(100); // the local relay's read; in AWS the stream is free of RRUs
        }
        double[] afterIncidents = meter.snapshot();
        double incidentReads = (afterIncidents[0] - before[0]) / incidents;
        double incidentWrites = (afterIncidents[1] - before[1]) / incidents;

        // Repeat firings of an open alarm: what most of the 500 events a day are. The alarm opens its
        // own incident first and stays open (the ones above are resolved, and a repeat of a resolved
        // incident's firing takes another path, depending on the clock).
        alarm.put("id", UUID.randomUUID().toString());
        alarm.putArray("resources").add("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:cost-open");
        ((ObjectNode) alarm.path("detail")).put("alarmName", "cost-open");
        ingest.handle(json.writeValueAsBytes(alarm));
        double[] beforeRepeats = meter.snapshot();
        int repeats = 500;
        for (int i = 0; i < repeats; i++) {
            alarm.put("id", UUID.randomUUID().toString());
            ingest.handle(json.writeValueAsBytes(alarm));
        }
        double[] afterRepeats = meter.snapshot();
        double alarmReads = (afterRepeats[0] - beforeRepeats[0]) / repeats;
        double alarmWrites = (afterRepeats[1] - beforeRepeats[1]) / repeats;

        double monthlyAlarms = 500 * 30;
        double monthlyRru = monthlyAlarms * alarmReads + 30 * incidentReads;
        double monthlyWru = monthlyAlarms * alarmWrites + 30 * incidentWrites;
        double usd = monthlyWru / 1e6 * USD_PER_MILLION_WRU + monthlyRru / 1e6 * USD_PER_MILLION_RRU;
        System.out.println("DynamoDB capacity consumed (ReturnConsumedCapacity, on the real code paths)");
        System.out.printf("%-28s %10s %10s%n", "", "RRU", "WRU");
        System.out.printf("%-28s %10.1f %10.1f%n", "per alarm event (repeat)", alarmReads, alarmWrites);
        System.out.printf("%-28s %10.1f %10.1f%n", "per incident (whole life)", incidentReads, incidentWrites);
        System.out.printf("%nreference organisation: %,.0f alarm events and 30 incidents a month%n", monthlyAlarms);
        System.out.printf("monthly request units:  %,.0f RRU, %,.0f WRU%n", monthlyRru, monthlyWru);
        System.out.printf("monthly DynamoDB cost:  $%.4f (on-demand, $%.3f/M WRU, $%.3f/M RRU; storage of a few MB within the free 25 GB)%n",
                usd, USD_PER_MILLION_WRU, USD_PER_MILLION_RRU);
        Summary.add("DynamoDB per alarm event (repeat)", "%.1f RRU, %.1f WRU".formatted(alarmReads, alarmWrites), "bin/bench cost");
        Summary.add("DynamoDB per incident (whole life)", "%.1f RRU, %.1f WRU".formatted(incidentReads, incidentWrites),
                "bin/bench cost");
        Summary.add("DynamoDB a month, 500 alarms/day + 30 incidents", "$%.2f (%,.0f RRU, %,.0f WRU)".formatted(usd,
                monthlyRru, monthlyWru), "bin/bench cost");
        db.close();
    }
}
