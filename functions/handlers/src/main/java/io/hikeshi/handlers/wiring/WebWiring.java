package io.hikeshi.handlers.wiring;

import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.secret.Secrets;
import io.hikeshi.handlers.lambda.Settings;
import io.hikeshi.handlers.lambda.SnapStartSecrets;
import io.hikeshi.web.WebApp;
import java.time.Clock;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The web function's wiring: the read-only page over the table. No Slack, no SNS or Scheduler. */
public final class WebWiring {

    private WebWiring() { }

    /** The page over the table, its links signed with the key in SSM ({@link Settings#webKeyParam()}). */
    public static WebApp inAws(Settings settings) {
        Secrets secrets = SnapStartSecrets.register(new SsmSecrets(AwsClients.build(SsmClient.builder()), Clock.systemUTC()));
        return over(Composition.inAws(settings, AwsClients.dynamoDb(settings), secrets, Composition.NOT_SCHEDULING));
    }

    /**
     * The page over {@code core}, its links checked with the key as {@code core}'s secrets have it now,
     * read per request: once a rotated key is picked up, links signed with the old one are refused.
     */
    public static WebApp over(Composition core) {
        Settings settings = core.settings();
        String keyParam = settings.webKeyParam() == null ? "/hikeshi/web/signing-key" : settings.webKeyParam();
        Secrets secrets = core.secrets();
        return new WebApp(new IncidentBrowser(core.storage(), core.clock(), settings.timeZone()),
                new SignedLinks(() -> secrets.secret("ssm:" + keyParam), core.clock()));
    }
}
