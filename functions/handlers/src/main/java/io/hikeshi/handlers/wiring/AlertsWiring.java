package io.hikeshi.handlers.wiring;

import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.alert.AlertIntakeService;
import io.hikeshi.core.alert.StormGuard;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.handlers.lambda.LambdaLog;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartSecrets;
import io.hikeshi.ingest.config.AlertRoutingConfig;
import io.hikeshi.ingest.webhook.IntegrationsConfig;
import io.hikeshi.ingest.webhook.WebhookAuthenticator;
import io.hikeshi.ingest.webhook.WebhookLog;
import io.hikeshi.ingest.webhook.WebhookService;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The alert functions' wiring (alarm ingest, webhooks): the alert rules over the store, and for
 * webhooks the integrations and their secrets. No Slack, no web page, no SNS or Scheduler.
 */
public final class AlertsWiring {

    private static final Logger WEBHOOK_LOG = LoggerFactory.getLogger(WebhookService.class);

    private final Composition core;
    private final AlertIntakeService intake;
    private final Supplier<WebhookService> webhooks;

    public AlertsWiring(Composition core) {
        this.core = core;
        Settings settings = core.settings();
        StormGuard guard = new StormGuard(core.storage().counters(), core.clock(), settings.stormLimit(), settings.stormWindow());
        this.intake = new AlertIntakeService(core.storage(), AlertRoutingConfig.load(settings.alarmRoutes()),
                settings.autoResolveOnOk(), guard);
        this.webhooks = Composition.once(() -> new WebhookService(IntegrationsConfig.load(core.json(), settings.integrations()),
                new WebhookAuthenticator(core.secrets(), core.clock()), intake, core.json(), core.clock(), LOG_SINK));
    }

    /** Alarm ingest in AWS: DynamoDB only. */
    public static AlertsWiring alarmsInAws(Settings settings) {
        return new AlertsWiring(Composition.inAws(settings, AwsClients.dynamoDb(settings), Composition.NO_SECRETS,
                Composition.NOT_SCHEDULING));
    }

    /** Webhooks in AWS: DynamoDB, and each integration's secret from SSM Parameter Store. */
    public static AlertsWiring webhooksInAws(Settings settings) {
        Secrets secrets = SnapStartSecrets.register(new SsmSecrets(AwsClients.build(SsmClient.builder()), Clock.systemUTC()));
        return new AlertsWiring(Composition.inAws(settings, AwsClients.dynamoDb(settings), secrets, Composition.NOT_SCHEDULING));
    }

    public AlertIntakeService intake() {
        return intake;
    }

    /** Built on first use: alarm ingest never loads the integrations. */
    public WebhookService webhooks() {
        return webhooks.get();
    }

    /** The webhook's lines go to the functions' log, with their fields. */
    private static final WebhookLog LOG_SINK = new WebhookLog() {
        @Override
        public void info(String message, Object... keyValues) {
            WEBHOOK_LOG.info(message, LambdaLog.kvs(keyValues));
        }

        @Override
        public void warn(String message, Object... keyValues) {
            WEBHOOK_LOG.warn(message, LambdaLog.kvs(keyValues));
        }
    };
}
