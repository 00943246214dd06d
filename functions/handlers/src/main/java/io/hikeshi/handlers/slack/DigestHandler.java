package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.slack.postmortem.PostmortemNotices;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly EventBridge schedule: overdue postmortems and open action items, to the broadcast channel.
 * Its event says only that the time has come, so it is not read. (Not aws-lambda-java-events'
 * ScheduledEvent: EventBridge Scheduler sends {@code "detail": "{}"}, a string, which that class's
 * map cannot take, so Lambda's runtime would fail the invocation before it starts.)
 */
public final class DigestHandler extends StreamHandler<byte[], Map<String, String>> {

    private static final Logger LOG = LoggerFactory.getLogger(DigestHandler.class);

    private final PostmortemNotices notices;

    /** For the Lambda runtime: DynamoDB and the bot token from SSM; no Bolt app. */
    public DigestHandler() {
        this(SlackWiring.speakingInAws(Settings.fromEnvironment()).postmortemNoticesInAws());
    }

    public DigestHandler(PostmortemNotices notices) {
        this.notices = notices;
    }

    @Override
    protected byte[] read(byte[] event) {
        return event;
    }

    @Override
    protected Map<String, String> handle(byte[] scheduled) {
        String digest = notices.digest();
        LOG.info("weekly digest posted", kv("lines", digest.lines().count()));
        return Map.of("digest", digest);
    }
}
