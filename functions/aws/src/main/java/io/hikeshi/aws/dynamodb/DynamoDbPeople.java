package io.hikeshi.aws.dynamodb;

import io.hikeshi.core.people.PeopleDirectory;
import io.hikeshi.core.people.Person;
import io.hikeshi.core.store.Backoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link PeopleDirectory} on the table: one {@code PERSON#<user id>} item per person (name, learnedAt). Names are
 * read a page's worth at a time with BatchGetItem and written with a conditional put, so an unchanged name is not
 * rewritten and a name learned earlier never overwrites one learned later.
 */
final class DynamoDbPeople implements PeopleDirectory {

    /** BatchGetItem reads at most 100 items a call (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). */
    static final int BATCH = 100;
    /** Rounds of retrying the keys DynamoDB left unprocessed (throttling) before showing those ids as they are. */
    private static final int UNPROCESSED_RETRIES = 5;

    private final Table table;

    DynamoDbPeople(Table table) {
        this.table = table;
    }

    @Override
    public Map<String, String> names(Set<String> userIds) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = new ArrayList<>(userIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(Items::personKey).toList();
            read(keys).forEach(item -> names.put(item.get("userId").s(), item.get(Items.PERSON_NAME).s()));
        }
        return names;
    }

    /** The items at {@code keys}; what stays unprocessed after the retries is left out (those ids show as ids). */
    private List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table.name(), KeysAndAttributes.builder().keys(keys)
                .projectionExpression("userId, #name").expressionAttributeNames(Map.of("#name", Items.PERSON_NAME)).build());
        for (int attempt = 0; !request.isEmpty() && attempt <= UNPROCESSED_RETRIES; attempt++) {
            if (attempt > 0 && !Backoff.pause(attempt)) {
                break;
            }
            Map<String, KeysAndAttributes> asked = request;
            var response = table.client().batchGetItem(r -> r.requestItems(asked));
            items.addAll(response.responses().getOrDefault(table.name(), List.of()));
            request = response.unprocessedKeys();
        }
        return items;
    }

    @Override
    public boolean remember(Person person) {
        try {
            table.client().putItem(r -> r.tableName(table.name()).item(Items.personItem(person))
                    .conditionExpression("attribute_not_exists(pk) OR (#name <> :name AND #learnedAt <= :learnedAt)")
                    .expressionAttributeNames(Map.of("#name", Items.PERSON_NAME, "#learnedAt", Items.LEARNED_AT))
                    .expressionAttributeValues(Map.of(":name", Items.s(person.name()),
                            ":learnedAt", Items.s(Items.format(person.learnedAt())))));
            return true;
        } catch (ConditionalCheckFailedException unchangedOrOlder) {
            return false;
        }
    }
}
