package io.hikeshi.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.aws.ssm.SsmSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * SsmSecrets over the SSM wire protocol against an emulator: SecureStrings read decrypted, a missing
 * parameter named in the error, and the five-minute cache (so a warm function does not call SSM per
 * request, yet picks up a rotated secret). The cache runs on a clock the test moves by hand, starting
 * at one fixed instant; the emulator's own clock plays no part.
 */
class SsmSecretsIT {

    /** Where every test's clock starts; only the adapter compares times, against this clock. */
    static final Instant START = Instant.parse("2026-11-24T03:12:45Z");

    /** What SsmSecrets' javadoc promises. */
    static final Duration CACHED_FOR = Duration.ofMinutes(5);

    @Test
    void secret_refusesAReferenceThatIsNotSsm_withoutCallingSsm() {
        SsmSecrets secrets = new SsmSecrets(null, new TestClock(START)); // never reaches SSM

        for (String reference : new String[] {"/hikeshi/integrations/grafana", "env:GRAFANA_SECRET", ""}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.secret(reference));
            assertTrue(e.getMessage().contains("'" + reference + "'") && e.getMessage().contains("ssm:/path/to/parameter"),
                    e.getMessage());
        }
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> secrets.secret(null));
        assertTrue(none.getMessage().contains("'null'"), none.getMessage());
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the adapter reads instants only");
        }
    }

    /** Against the emulator's Parameter Store. */
    @Nested
    class OnTheEmulator {

        private static SsmClient ssm;
        /** The GetParameter requests the adapter sent, in order. */
        private static final List<GetParameterRequest> GETS = Collections.synchronizedList(new ArrayList<>());

        private final List<String> created = new ArrayList<>();
        private TestClock clock;
        private SsmSecrets secrets;

        /** Per test, not in @BeforeAll: Surefire/Failsafe report a skip there as "Tests run: 0" without the reason. */
        @BeforeEach
        void emulator() {
            Emulator.endpoint(); // skips with the reason when there is no emulator
            if (ssm == null) {
                System.out.println("emulator: " + Emulator.describe());
                ssm = Emulator.configure(SsmClient.builder())
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                                if (context.request() instanceof GetParameterRequest get) {
                                    GETS.add(get);
                                }
                            }
                        }))
                        .build();
            }
            clock = new TestClock(START);
            secrets = new SsmSecrets(ssm, clock);
            GETS.clear();
        }

        @AfterEach
        void deleteParameters() {
            if (ssm != null) {
                created.forEach(name -> AwsFixtures.quietly(() -> ssm.deleteParameter(r -> r.name(name))));
            }
        }

        @AfterAll
        static void close() {
            if (ssm != null) {
                ssm.close();
            }
        }

        @Test
        void secret_readsTheSecureStringDecrypted() {
            // GIVEN a SecureString with characters that must survive the wire as they are
            String name = AwsFixtures.uniqueName("/hikeshi/integrations/alertmanager");
            String value = "whsec_3f9a+/= 火消しの鍵 🔥 \"quoted\" <&>";
            put(name, value);

            // WHEN the adapter reads it
            String secret = secrets.secret("ssm:" + name);

            // THEN it is the value as stored, asked for decrypted (the emulator, like SSM, otherwise
            // returns something else for a SecureString)
            assertEquals(value, secret);
            assertEquals(1, GETS.size());
            assertEquals(name, GETS.get(0).name());
            assertEquals(Boolean.TRUE, GETS.get(0).withDecryption());
        }

        @Test
        void secret_failsNamingTheParameter_whenItDoesNotExist() {
            // GIVEN no parameter of that name
            String name = AwsFixtures.uniqueName("/hikeshi/integrations/grafana");

            // WHEN the adapter looks for it
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.secret("ssm:" + name));

            // THEN the error names the parameter and says how to fix it, with SSM's answer as the cause
            assertEquals("SSM parameter " + name + " does not exist: create it (SecureString)", e.getMessage());
            assertInstanceOf(ParameterNotFoundException.class, e.getCause());
        }

        @Test
        void secret_findsAParameterCreatedAfterAFailedRead_withoutWaitingForTheCache() {
            // GIVEN a read that failed because the secret was not created yet
            String name = AwsFixtures.uniqueName("/hikeshi/integrations/datadog");
            assertThrows(IllegalStateException.class, () -> secrets.secret("ssm:" + name));

            // WHEN the operator creates it and the next request comes, at the same instant
            put(name, "created-late");

            // THEN the failure was not cached: SSM is asked again and the value found
            assertEquals("created-late", secrets.secret("ssm:" + name));
            assertEquals(2, GETS.size());
        }

        @Test
        void secret_isServedFromCacheForFiveMinutes_andReadAgainAfter_soARotatedSecretIsPickedUp() {
            // GIVEN a secret read once
            String name = AwsFixtures.uniqueName("/hikeshi/integrations/generic");
            String reference = "ssm:" + name;
            put(name, "before-rotation");
            assertEquals("before-rotation", secrets.secret(reference));

            // WHEN it is rotated in SSM
            put(name, "after-rotation");

            // THEN until five minutes have passed since the read, the cached value is served without calling SSM
            assertEquals("before-rotation", secrets.secret(reference));
            clock.advance(CACHED_FOR.minusNanos(1));
            assertEquals("before-rotation", secrets.secret(reference));
            assertEquals(1, GETS.size(), "one call to SSM so far");

            // AND from five minutes on, SSM is read again and the rotated value served
            clock.advance(Duration.ofNanos(1));
            assertEquals("after-rotation", secrets.secret(reference));
            assertEquals(2, GETS.size());

            // AND the new value is cached for five minutes from that read
            clock.advance(CACHED_FOR.minusNanos(1));
            assertEquals("after-rotation", secrets.secret(reference));
            assertEquals(2, GETS.size());
        }

        @Test
        void secret_cachesEachReferenceFromItsOwnRead() {
            // GIVEN two secrets read three minutes apart
            String first = AwsFixtures.uniqueName("/hikeshi/integrations/alertmanager");
            String second = AwsFixtures.uniqueName("/hikeshi/integrations/grafana");
            put(first, "first");
            put(second, "second");
            assertEquals("first", secrets.secret("ssm:" + first));
            clock.advance(Duration.ofMinutes(3));
            assertEquals("second", secrets.secret("ssm:" + second));
            GETS.clear();

            // WHEN five minutes have passed since the first read, but only two since the second
            clock.advance(Duration.ofMinutes(2));
            secrets.secret("ssm:" + first);
            secrets.secret("ssm:" + second);

            // THEN only the first is read again
            assertEquals(List.of(first), GETS.stream().map(GetParameterRequest::name).toList());
        }

        private void put(String name, String value) {
            ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
            if (!created.contains(name)) {
                created.add(name);
            }
        }
    }
}
