package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.n;
import static io.hikeshi.aws.dynamodb.Items.s;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.warroom.WarRoom;
import io.hikeshi.core.warroom.WarRoomRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link WarRoomRepository} on the table: the room item beside its incident, and a channel → incident item. */
final class DynamoDbWarRooms implements WarRoomRepository {

    private final Table table;

    DynamoDbWarRooms(Table table) {
        this.table = table;
    }

    @Override
    public Optional<WarRoom> find(IncidentId incident) {
        return table.get(Items.warRoomKey(incident)).map(Items::warRoom);
    }

    @Override
    public boolean save(WarRoom room) {
        return table.putVersioned(Items.warRoomItem(room, room.version() + 1), room.version());
    }

    @Override
    public Optional<IncidentId> incidentForChannel(String channelId) {
        var item = table.client().getItem(r -> r.tableName(table.name()).key(Items.channelKey(channelId))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new IncidentId(Long.parseLong(item.get("incident").n())));
    }

    @Override
    public void linkChannel(String channelId, IncidentId incident) {
        Map<String, AttributeValue> item = new HashMap<>(Items.channelKey(channelId));
        item.put("incident", n(incident.number()));
        table.client().putItem(r -> r.tableName(table.name()).item(item));
    }
}
