package io.hikeshi.handlers.wiring;

import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.web.WebApp;
import java.time.Clock;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The web function's wiring: the read-only page over the table. No Slack, no SNS or Scheduler. */
public final class WebWiring {

    private WebWiring() { }

    /** The page over the table, its links signed with the key in SSM ({@link Settings#webKeyParam()}). */
    public static WebApp inAws(Settings settings) {
        SsmSecrets secrets = new SsmSecrets(AwsClients.build(SsmClient.builder()), Clock.systemUTC());
        Composition core = Composition.inAws(settings, AwsClients.dynamoDb(settings), secrets, Composition.NOT_SCHEDULING);
        String keyParam = settings.webKeyParam() == null ? "/hikeshi/web/signing-key" : settings.webKeyParam();
        return new WebApp(new IncidentBrowser(core.storage(), core.clock(), settings.timeZone()),
                new SignedLinks(secrets.secret("ssm:" + keyParam), Clock.systemUTC()));
    }
}
