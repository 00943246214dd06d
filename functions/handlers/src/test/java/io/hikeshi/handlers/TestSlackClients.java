package io.hikeshi.handlers;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.hikeshi.slackstub.SlackApiStub;

/** The real Slack SDK client, pointed at the Slack-shaped stub. */
public final class TestSlackClients {

    private TestSlackClients() { }

    public static MethodsClient client(SlackApiStub stub) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
        return Slack.getInstance(config).methods("xoxb-test");
    }

    /** A client that gives up waiting for an answer after {@code readTimeoutMillis}. */
    public static MethodsClient impatientClient(SlackApiStub stub, int readTimeoutMillis) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
        config.setHttpClientReadTimeoutMillis(readTimeoutMillis);
        return Slack.getInstance(config).methods("xoxb-test");
    }
}
