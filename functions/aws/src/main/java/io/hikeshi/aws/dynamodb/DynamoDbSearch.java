package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.n;
import static io.hikeshi.aws.dynamodb.Items.s;

import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentQuery;
import io.hikeshi.core.incident.IncidentSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** {@link IncidentSearch} on the table's index of incidents by detection time (gsi1, partition INCIDENTS). */
final class DynamoDbSearch implements IncidentSearch {

    private final Table table;

    DynamoDbSearch(Table table) {
        this.table = table;
    }

    @Override
    public List<Incident> recent(int limit) {
        return table.client().query(r -> r.tableName(table.name()).indexName(Items.GSI1)
                        .keyConditionExpression("gsi1pk = :all")
                        .expressionAttributeValues(Map.of(":all", s(Items.ALL_INCIDENTS)))
                        .scanIndexForward(false)
                        .limit(limit))
                .items().stream().map(Items::incident).toList();
    }

    @Override
    public IncidentQuery.Page<Incident> find(IncidentQuery q, String cursor, int pageSize) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":all", s(Items.ALL_INCIDENTS));
        values.put(":from", s(q.from() == null ? "0000" : Items.format(q.from())));
        values.put(":to", s(q.to() == null ? "9999" : Items.format(q.to())));
        List<String> filters = new ArrayList<>();
        if (q.status() != null) {
            names.put("#status", Items.STATUS);
            values.put(":status", s(q.status().name()));
            filters.add("#status = :status");
        }
        if (q.severity() != null) {
            values.put(":severity", s(q.severity().name()));
            filters.add("severity = :severity");
        }
        if (q.service() != null) {
            names.put("#service", "service");
            values.put(":service", s(q.service()));
            filters.add("#service = :service");
        }
        if (q.titleContains() != null && !q.titleContains().isBlank()) {
            values.put(":title", s(q.titleContains().toLowerCase(java.util.Locale.ROOT)));
            filters.add("contains(titleLower, :title)");
        }
        List<Incident> found = new ArrayList<>();
        Map<String, AttributeValue> start = decodeCursor(cursor, values.get(":from").s(), values.get(":to").s());
        Map<String, AttributeValue> lastReturned = null;
        boolean more;
        do {
            var request = QueryRequest.builder().tableName(table.name()).indexName(Items.GSI1)
                    .keyConditionExpression("gsi1pk = :all AND gsi1sk BETWEEN :from AND :to")
                    .expressionAttributeValues(values).scanIndexForward(false).limit(Math.max(pageSize, 50))
                    .exclusiveStartKey(start);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            QueryResponse page = table.client().query(request.build());
            for (var item : page.items()) {
                if (found.size() == pageSize) {
                    break;
                }
                found.add(Items.incident(item));
                lastReturned = item;
            }
            more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            start = more ? page.lastEvaluatedKey() : null;
        } while (more && found.size() < pageSize);
        String next = found.size() == pageSize && lastReturned != null ? encodeCursor(lastReturned) : null;
        return new IncidentQuery.Page<>(found, next);
    }

    /** The index position after an item: its table key and index key, as an opaque URL-safe string. */
    private static String encodeCursor(Map<String, AttributeValue> item) {
        String raw = String.join("\n", item.get(Items.PK).s(), item.get(Items.SK).s(), item.get(Items.GSI1_PK).s(),
                item.get(Items.GSI1_SK).s());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The index position a cursor names. DynamoDB refuses (as a fault, not the caller's error) a start key
     * with an empty part, outside the index partition or outside the query's range, so such a cursor is
     * refused here as not one of ours.
     */
    private static Map<String, AttributeValue> decodeCursor(String cursor, String from, String to) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid page cursor");
        }
        boolean ours = parts.length == 4 && java.util.Arrays.stream(parts).noneMatch(String::isEmpty)
                && parts[2].equals(Items.ALL_INCIDENTS) && parts[3].compareTo(from) >= 0 && parts[3].compareTo(to) <= 0;
        if (!ours) {
            throw new IllegalArgumentException("not a valid page cursor");
        }
        return Map.of(Items.PK, s(parts[0]), Items.SK, s(parts[1]), Items.GSI1_PK, s(parts[2]), Items.GSI1_SK, s(parts[3]));
    }
}
