package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.warroom.WarRoomService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Target of the custom bus's rule: one Hikeshi domain event per invocation → the war room.
 * A throw (Slack unavailable after polite retries) makes Lambda retry the event and finally park
 * it in the war-room DLQ; the incident itself is never touched here.
 */
public final class WarRoomHandler implements RequestStreamHandler {

    private final WarRoomService warRoom;
    private final ObjectMapper json = new ObjectMapper();

    public WarRoomHandler() {
        this(SlackComposition.fromEnvironment().warRoom());
    }

    public WarRoomHandler(WarRoomService warRoom) {
        this.warRoom = warRoom;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = json.readTree(input);
        DomainEvent domainEvent = DomainEventCodec.decode(event.path("detail"));
        warRoom.on(domainEvent);
        Log.info("war room event handled", "event", domainEvent.type(), "incident", domainEvent.incident(),
                "eventId", domainEvent.id());
        json.writeValue(output, java.util.Map.of("handled", domainEvent.id()));
    }
}
