package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.core.cadence.CadenceService;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import io.hikeshi.core.warroom.WarRoomService;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.StreamHandler;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Target of the custom bus's rule: one Hikeshi domain event per invocation → the war room.
 * A throw (Slack unavailable after polite retries) makes Lambda retry the event and finally park
 * it in the war-room DLQ; the incident itself is never touched here.
 */
public final class WarRoomHandler extends StreamHandler<DomainEvent, Map<String, String>> {

    private static final Logger LOG = LoggerFactory.getLogger(WarRoomHandler.class);

    private final WarRoomService warRoom;
    /** Tells the owner and the war room of the postmortem's draft; null: not this handler's job (some tests). */
    private final PostmortemNotices postmortems;
    /** Sets and stops the update cadence's nudges; null: not this handler's job (some tests). */
    private final CadenceService cadence;

    /** For the Lambda runtime: DynamoDB, the bot token from SSM, SNS, Scheduler (the nudges); no Bolt app. */
    public WarRoomHandler() {
        this(SlackWiring.speakingInAws(Settings.fromEnvironment()));
    }

    private WarRoomHandler(SlackWiring slack) {
        this(slack.warRoomInAws(), slack.postmortemNoticesInAws(), slack.cadence());
    }

    public WarRoomHandler(WarRoomService warRoom) {
        this(warRoom, null);
    }

    public WarRoomHandler(WarRoomService warRoom, PostmortemNotices postmortems) {
        this(warRoom, postmortems, null);
    }

    public WarRoomHandler(WarRoomService warRoom, PostmortemNotices postmortems, CadenceService cadence) {
        this.warRoom = warRoom;
        this.postmortems = postmortems;
        this.cadence = cadence;
    }

    @Override
    protected DomainEvent read(byte[] event) throws IOException {
        return DomainEventCodec.decode(json().readTree(event).path("detail"));
    }

    @Override
    protected Map<String, String> handle(DomainEvent event) {
        warRoom.on(event);
        if (postmortems != null && event.type() == DomainEvent.Type.INCIDENT_RESOLVED) {
            // The postmortem function drafts on the same event; whichever runs first writes the draft.
            postmortems.drafted(IncidentId.parse(event.incident()), event.attribute("actor"));
        }
        if (cadence != null) {
            cadence.on(event);
        }
        LOG.info("war room event handled", kv("event", event.type()), kv("incident", event.incident()), kv("eventId", event.id()));
        return Map.of("handled", event.id());
    }
}
