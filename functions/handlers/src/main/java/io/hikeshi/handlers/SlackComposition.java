package io.hikeshi.handlers;

import io.hikeshi.aws.sqs.SqsTaskQueue;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.core.task.TaskQueue;
import io.hikeshi.slack.HikeshiSlackApp;
import io.hikeshi.slack.Messages;
import io.hikeshi.slack.SlackHttp;
import io.hikeshi.slack.SlackTaskRunner;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Slack side of the composition root: the Bolt app over the same core. Built only by the
 * Slack functions, once per execution environment; its secrets come from SSM Parameter Store.
 */
public final class SlackComposition {

    public static final String SIGNING_SECRET_PARAM = "HIKESHI_SLACK_SIGNING_SECRET_PARAM";
    public static final String BOT_TOKEN_PARAM = "HIKESHI_SLACK_BOT_TOKEN_PARAM";
    public static final String TASK_QUEUE_URL = "HIKESHI_SLACK_TASK_QUEUE_URL";
    public static final String LOCALE = "HIKESHI_LOCALE";

    private static SlackComposition fromEnvironment;

    private final HikeshiSlackApp slack;
    private final SlackHttp http;

    public SlackComposition(Composition core, HikeshiSlackApp.Settings settings, TaskQueue tasks) {
        this.slack = new HikeshiSlackApp(settings, core.incidents(), core.store(), tasks, Clock.systemUTC());
        this.http = new SlackHttp(slack.app());
    }

    /** Lambda: secrets from SSM (parameter names from the environment), tasks through SQS. */
    public static synchronized SlackComposition fromEnvironment() {
        if (fromEnvironment == null) {
            Map<String, String> env = System.getenv();
            Secrets secrets = Composition.ssmSecrets();
            HikeshiSlackApp.Settings settings = new HikeshiSlackApp.Settings(
                    secrets.secret("ssm:" + env.getOrDefault(SIGNING_SECRET_PARAM, "/hikeshi/slack/signing-secret")),
                    secrets.secret("ssm:" + env.getOrDefault(BOT_TOKEN_PARAM, "/hikeshi/slack/bot-token")),
                    null, Messages.parseLocale(env.getOrDefault(LOCALE, "ja")));
            String queueUrl = env.get(TASK_QUEUE_URL);
            if (queueUrl == null || queueUrl.isBlank()) {
                throw new IllegalStateException(TASK_QUEUE_URL + " is not set: it must name the Slack task queue");
            }
            SqsClient sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            fromEnvironment = new SlackComposition(Composition.fromEnvironment(), settings, new SqsTaskQueue(sqs, queueUrl));
        }
        return fromEnvironment;
    }

    public SlackHttp http() {
        return http;
    }

    public SlackTaskRunner taskRunner() {
        return slack.taskRunner();
    }
}
