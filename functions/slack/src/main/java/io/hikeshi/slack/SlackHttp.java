package io.hikeshi.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.List;
import java.util.Map;

/**
 * Runs one HTTP request from Slack through the Bolt app, whatever carried it (API Gateway's
 * payload 2.0 in Lambda, local mode's server): the same code path either way.
 */
public final class SlackHttp {

    private final App app;
    private final SlackRequestParser parser;

    public SlackHttp(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    public Response handle(String path, Map<String, List<String>> headers, String body, String remoteAddress) {
        try {
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(path)
                    .headers(new RequestHeaders(headers))
                    .requestBody(body)
                    .remoteAddress(remoteAddress)
                    .build());
            if (request == null) {
                return Response.json(400, Map.of("error", "not a Slack request"));
            }
            return app.run(request);
        } catch (Exception e) {
            Log.error("slack request failed", e);
            return Response.json(400, Map.of("error", "malformed Slack request"));
        }
    }

    public App app() {
        return app;
    }
}
