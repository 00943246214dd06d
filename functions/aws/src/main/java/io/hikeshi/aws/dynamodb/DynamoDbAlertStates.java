package io.hikeshi.aws.dynamodb;

import io.hikeshi.core.alert.AlertState;
import io.hikeshi.core.alert.AlertStates;
import java.util.Optional;

/** {@link AlertStates} on the table; states are written by {@link DynamoDbIncidents#commit}. */
final class DynamoDbAlertStates implements AlertStates {

    private final Table table;

    DynamoDbAlertStates(Table table) {
        this.table = table;
    }

    @Override
    public Optional<AlertState> find(String alertKey) {
        return table.get(Items.alertKey(alertKey)).map(Items::alertState);
    }
}
