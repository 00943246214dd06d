package io.hikeshi.aws.emulator;

import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Where the emulator tests ({@code *IT}) find an AWS emulator, in this order:
 * <ol>
 *   <li>{@value #ENDPOINT_ENV}, e.g. {@code http://127.0.0.1:4566} (a moto server: .ci/run starts one);</li>
 *   <li>a reachable Docker engine: LocalStack {@value #LOCALSTACK_IMAGE} started once per JVM through Testcontainers;</li>
 *   <li>neither: the calling test is skipped, with the reason in the report.</li>
 * </ol>
 * Call {@link #endpoint()} (or a client factory) from {@code @BeforeEach}: the assumption then skips each test with
 * the reason. (From {@code @BeforeAll}, Surefire/Failsafe report the class as "Tests run: 0" and drop the reason.)
 */
public final class Emulator {

    public static final String ENDPOINT_ENV = "HIKESHI_EMULATOR_ENDPOINT";
    public static final String LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";
    public static final Region REGION = Region.AP_NORTHEAST_1;
    public static final String SKIP_REASON = "no emulator: set " + ENDPOINT_ENV + " or start Docker";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static URI endpoint;
    private static boolean resolved;
    private static LocalStackContainer localStack;

    private Emulator() {
    }

    /** The emulator's endpoint; skips the calling test (JUnit assumption) when there is none. */
    public static synchronized URI endpoint() {
        if (!resolved) {
            endpoint = resolve();
            resolved = true;
            if (endpoint == null) {
                // Once per JVM, so the console says why the emulator tests are skipped.
                System.out.println("[emulator] emulator tests SKIPPED: " + SKIP_REASON);
            }
        }
        Assumptions.assumeTrue(endpoint != null, SKIP_REASON);
        return endpoint;
    }

    /** What is serving: "moto/… at URI" style description for logs. */
    public static synchronized String describe() {
        URI uri = endpoint();
        return (localStack != null ? "LocalStack " + LOCALSTACK_IMAGE : ENDPOINT_ENV) + " at " + uri;
    }

    public static EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SqsClient sqs() {
        return configure(SqsClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SnsClient sns() {
        return configure(SnsClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SsmClient ssm() {
        return configure(SsmClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Endpoint, region ap-northeast-1 and dummy credentials on any SDK v2 client builder. */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint()).region(REGION).credentialsProvider(CREDENTIALS);
    }

    private static URI resolve() {
        String env = System.getenv(ENDPOINT_ENV);
        if (env != null && !env.isBlank()) {
            return URI.create(env.strip());
        }
        if (!dockerAvailable()) {
            return null;
        }
        localStack = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices("events", "sqs", "sns", "scheduler", "ssm")
                .withEnv("AWS_DEFAULT_REGION", REGION.id());
        localStack.start();
        LocalStackContainer started = localStack;
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "localstack-stop"));
        return started.getEndpoint();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
