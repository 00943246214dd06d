package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.n;
import static io.hikeshi.aws.dynamodb.Items.s;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link WarRoomRepository} on the table: the room item beside its incident, and a channel → incident
 * item. Every record is one UpdateItem that answers the item as stored, so building a room costs one
 * call per step: the claim is {@code if_not_exists} (the first name wins), channel and card are
 * conditioned on being the first (or the same), and steps are {@code ADD}ed to a string set, which
 * commutes, so concurrent records never lose one.
 */
final class DynamoDbWarRooms implements WarRoomRepository {

    private static final String FIRST_OR_SAME = "attribute_not_exists(%1$s) OR %1$s = :value";

    private final Table table;

    DynamoDbWarRooms(Table table) {
        this.table = table;
    }

    @Override
    public Optional<WarRoom> find(IncidentId incident) {
        return table.get(Items.warRoomKey(incident)).map(Items::warRoom);
    }

    @Override
    public Map<IncidentId, WarRoom> findAll(Collection<IncidentId> incidents) {
        return table.getAll(incidents.stream().distinct().map(Items::warRoomKey).toList()).stream().map(Items::warRoom)
                .collect(Collectors.toMap(WarRoom::incident, room -> room));
    }

    @Override
    public WarRoom claim(IncidentId incident, String channelName) {
        return update(incident, "SET channelName = if_not_exists(channelName, :name)", null, Map.of(":name", s(channelName)));
    }

    @Override
    public WarRoom recordChannel(IncidentId incident, String channelName, String channelId) {
        // The link first: a crash between the two leaves a link and no channel, which the retry
        // writes again; never a channel that commands typed in it cannot find.
        Map<String, AttributeValue> link = new HashMap<>(Items.channelKey(channelId));
        link.put("incident", n(incident.number()));
        table.client().putItem(r -> r.tableName(table.name()).item(link));
        return firstOrSame(incident, "channelId", "SET channelName = :name, channelId = :value",
                Map.of(":name", s(channelName), ":value", s(channelId)));
    }

    @Override
    public WarRoom recordCard(IncidentId incident, String cardTs) {
        return firstOrSame(incident, "cardTs", "SET cardTs = :value", Map.of(":value", s(cardTs)));
    }

    @Override
    public void recordDone(IncidentId incident, String step) {
        table.client().updateItem(r -> r.tableName(table.name()).key(Items.warRoomKey(incident))
                .updateExpression("ADD done :step")
                .expressionAttributeValues(Map.of(":step", AttributeValue.fromSs(java.util.List.of(step)))));
    }

    @Override
    public Optional<IncidentId> incidentForChannel(String channelId) {
        var item = table.client().getItem(r -> r.tableName(table.name()).key(Items.channelKey(channelId))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new IncidentId(Long.parseLong(item.get("incident").n())));
    }

    /** Sets {@code attribute} unless another value is there already; either way, the room as stored. */
    private WarRoom firstOrSame(IncidentId incident, String attribute, String expression, Map<String, AttributeValue> values) {
        try {
            return update(incident, expression, FIRST_OR_SAME.formatted(attribute), values);
        } catch (ConditionalCheckFailedException e) {
            return find(incident).orElseThrow();
        }
    }

    private WarRoom update(IncidentId incident, String expression, String condition, Map<String, AttributeValue> values) {
        var update = UpdateItemRequest.builder().tableName(table.name()).key(Items.warRoomKey(incident))
                .updateExpression(expression).expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW);
        if (condition != null) {
            update.conditionExpression(condition);
        }
        return Items.warRoom(table.client().updateItem(update.build()).attributes());
    }
}
