package io.hikeshi.handlers.slack;

import io.hikeshi.handlers.wiring.SlackWiring;
import static io.hikeshi.handlers.lambda.LambdaLog.kv;

import com.slack.api.bolt.response.Response;
import io.hikeshi.handlers.lambda.HttpApiEvent;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartPriming;
import io.hikeshi.handlers.lambda.StreamHandler;
import io.hikeshi.slack.SlackHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} behind the HTTP API: slash commands, interactivity and the Events API.
 * A thin adapter from payload format 2.0 to Bolt (Bolt's own Lambda handler expects the REST API's
 * format 1.0). Must answer within Slack's 3 seconds; slow work goes to the Slack task queue.
 */
public final class SlackHandler extends StreamHandler<HttpApiEvent, HttpApiEvent.Response> {

    private static final Logger LOG = LoggerFactory.getLogger(SlackHandler.class);

    private final SlackHttp slack;
    /** Held here: the runtime's context must not be the only holder of a registered resource. */
    private final SnapStartPriming priming;

    public SlackHandler() {
        this(new AtomicReference<>());
    }

    /** The API's own address comes from the requests: the web page is served by the same HTTP API. */
    private SlackHandler(AtomicReference<String> apiBaseUrl) {
        this(SlackWiring.boltInAws(Settings.fromEnvironment(), apiBaseUrl::get), apiBaseUrl, true);
    }

    public SlackHandler(SlackWiring slack) {
        this(slack, new AtomicReference<>(), false);
    }

    private SlackHandler(SlackWiring slack, AtomicReference<String> apiBaseUrl, boolean primeForSnapStart) {
        this.slack = slack.http();
        this.apiBaseUrl = apiBaseUrl;
        this.priming = primeForSnapStart ? SnapStartPriming.register("slack", this::prime) : null;
    }

    private final AtomicReference<String> apiBaseUrl;

    /**
     * Slack's 3-second limit makes this the hottest path: before SnapStart's snapshot, Slack's
     * request-URL check, signed with the current signing secret (read from SSM, which warms that
     * client; the value is forgotten again before the snapshot), goes through the adapter, the
     * signature check, Bolt's parsing and middleware. Nothing is written and Slack is not called.
     *
     * @return true when the challenge was answered, as it must be
     */
    public boolean prime() {
        return slack.prime();
    }

    @Override
    protected HttpApiEvent read(byte[] event) throws IOException {
        return HttpApiEvent.read(json().readTree(event));
    }

    @Override
    protected HttpApiEvent.Response handle(HttpApiEvent event) {
        if (event.baseUrl() != null) {
            apiBaseUrl.set(event.baseUrl());
        }
        Response response = slack.handle(event.path(), event.multiHeaders(),
                new String(event.body(), StandardCharsets.UTF_8), event.sourceIp());
        return HttpApiEvent.Response.of(response.getStatusCode(),
                response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType(), response.getBody());
    }

    /** At the edge, fail closed: a request that is not an HTTP API event gets a generic 400. */
    @Override
    protected HttpApiEvent.Response unreadable(Exception problem, int bytes) {
        LOG.error("unreadable API Gateway event", kv("cause", problem.getMessage()), kv("bytes", bytes));
        return HttpApiEvent.Response.of(400, "application/json", "{\"error\":\"unreadable request\"}");
    }
}
