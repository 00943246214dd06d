package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The weekly EventBridge schedule: overdue postmortems and open action items, to the broadcast channel. */
public final class DigestHandler implements RequestStreamHandler {

    private final PostmortemNotices notices;
    private final ObjectMapper json = new ObjectMapper();

    public DigestHandler() {
        this(SlackComposition.fromEnvironment().postmortemNotices());
    }

    public DigestHandler(PostmortemNotices notices) {
        this.notices = notices;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        String digest = notices.digest();
        Log.info("weekly digest posted", "lines", digest.lines().count());
        json.writeValue(output, Map.of("digest", digest));
    }
}
