package io.hikeshi.handlers.events;

import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.handlers.wiring.AwsClients;
import io.hikeshi.handlers.wiring.Composition;
import io.hikeshi.handlers.wiring.ReminderSchedules;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Incident Resolved" on the bus → the postmortem draft and, where the team's policy requires it, its reminders
 * (idempotent); where the policy needs none, a line on the timeline instead.
 */
public final class PostmortemHandler extends StreamHandler<DomainEvent, Map<String, String>> {

    private static final Logger LOG = LoggerFactory.getLogger(PostmortemHandler.class);

    private final PostmortemService postmortems;

    /** For the Lambda runtime: DynamoDB and EventBridge Scheduler. */
    public PostmortemHandler() {
        this(inAws(Settings.fromEnvironment()));
    }

    public PostmortemHandler(PostmortemService postmortems) {
        this.postmortems = postmortems;
    }

    private static PostmortemService inAws(Settings settings) {
        return Composition.inAws(settings, AwsClients.dynamoDb(settings), Composition.NO_SECRETS,
                ReminderSchedules.inAws(settings)).postmortems();
    }

    @Override
    protected DomainEvent read(byte[] event) throws IOException {
        return DomainEventCodec.decode(json().readTree(event).path("detail"));
    }

    @Override
    protected Map<String, String> handle(DomainEvent event) {
        if (event.type() != DomainEvent.Type.INCIDENT_RESOLVED) {
            return Map.of("ignored", event.type().name());
        }
        Optional<Postmortem> drafted = postmortems.draftOnResolve(IncidentId.parse(event.incident()), event.attribute("actor"));
        if (drafted.isEmpty()) {
            LOG.info("no postmortem: the policy needs none", kv("incident", event.incident()));
            return Map.of("incident", event.incident(), "postmortem", "none");
        }
        Postmortem pm = drafted.get();
        LOG.info("postmortem drafted", kv("incident", event.incident()), kv("owner", pm.owner()), kv("due", pm.due()),
                kv("requirement", pm.requirement()));
        return Map.of("incident", event.incident(), "due", pm.due().toString());
    }
}
