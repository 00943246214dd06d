package io.hikeshi.aws.dynamodb;

import static io.hikeshi.aws.dynamodb.Items.n;
import static io.hikeshi.aws.dynamodb.Items.s;

import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PostmortemRepository} on the table: one item per incident, open ones indexed by due date. */
final class DynamoDbPostmortems implements PostmortemRepository {

    private final Table table;

    DynamoDbPostmortems(Table table) {
        this.table = table;
    }

    @Override
    public Optional<Postmortem> find(IncidentId incident) {
        return table.get(Items.postmortemKey(incident)).map(Items::postmortem);
    }

    @Override
    public boolean save(Postmortem pm) {
        return table.putVersioned(Items.postmortemItem(pm, pm.version() + 1), pm.version());
    }

    @Override
    public List<Postmortem> open(int limit) {
        return table.client().query(r -> r.tableName(table.name()).indexName(Items.GSI1)
                        .keyConditionExpression("gsi1pk = :open")
                        .expressionAttributeValues(Map.of(":open", s(Items.OPEN_POSTMORTEMS)))
                        .limit(limit))
                .items().stream().map(Items::postmortem).toList();
    }

    /**
     * The open postmortems' index partition, filtered by DynamoDB to the person's, every page of it. The filter saves
     * the transfer, not the read: DynamoDB reads (and bills) the whole partition, which is bounded by the postmortems
     * not yet complete (reminders run until each is). Items saved before {@code assignees} existed come back whatever
     * they hold and are judged here, like the rest, by the postmortem itself.
     */
    @Override
    public List<Postmortem> openInvolving(String person) {
        var pages = table.client().queryPaginator(r -> r.tableName(table.name()).indexName(Items.GSI1)
                .keyConditionExpression("gsi1pk = :open")
                .filterExpression("#owner = :person OR contains(#assignees, :person) OR attribute_not_exists(#assignees)")
                .expressionAttributeNames(Map.of("#owner", "owner", "#assignees", Items.ASSIGNEES))
                .expressionAttributeValues(Map.of(":open", s(Items.OPEN_POSTMORTEMS), ":person", s(person))));
        return pages.items().stream().map(Items::postmortem).filter(pm -> pm.involves(person)).toList();
    }

    @Override
    public List<Postmortem> completed(int limit) {
        return table.client().query(r -> r.tableName(table.name()).indexName(Items.GSI1)
                        .keyConditionExpression("gsi1pk = :done")
                        .expressionAttributeValues(Map.of(":done", s("POSTMORTEM#DONE")))
                        .scanIndexForward(false).limit(limit))
                .items().stream().map(Items::postmortem).toList();
    }
}
