package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.eventbridge.DomainEventCodec;
import io.hikeshi.core.event.DomainEvent;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.core.postmortem.PostmortemService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** "Incident Resolved" on the bus → the postmortem draft and its reminders (idempotent). */
public final class PostmortemHandler implements RequestStreamHandler {

    private final PostmortemService postmortems;
    private final ObjectMapper json = new ObjectMapper();

    public PostmortemHandler() {
        this(Composition.fromEnvironment().postmortems());
    }

    public PostmortemHandler(PostmortemService postmortems) {
        this.postmortems = postmortems;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DomainEvent event = DomainEventCodec.decode(json.readTree(input).path("detail"));
        if (event.type() != DomainEvent.Type.INCIDENT_RESOLVED) {
            json.writeValue(output, Map.of("ignored", event.type().name()));
            return;
        }
        Postmortem pm = postmortems.draftOnResolve(IncidentId.parse(event.incident()), event.attribute("actor"));
        Log.info("postmortem drafted", "incident", event.incident(), "owner", pm.owner(), "due", pm.due());
        json.writeValue(output, Map.of("incident", event.incident(), "due", pm.due().toString()));
    }
}
