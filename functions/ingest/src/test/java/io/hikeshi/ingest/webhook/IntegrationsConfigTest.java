package io.hikeshi.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook integrations: the file bundled from infrastructure/config, refused at start when it is wrong. */
class IntegrationsConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bundledIntegrations_eachMonitorWithItsFormatAuthAndSecretReference() {
        // GIVEN the integrations bundled with ingest (infrastructure/config/integrations.json)
        // WHEN they are loaded
        Map<String, Integration> integrations = IntegrationsConfig.load(JSON, null);

        // THEN every monitor Hikeshi reads is there, in file order, with a reference to its secret (never the secret)
        assertEquals(List.of("alertmanager", "grafana", "datadog", "generic"), List.copyOf(integrations.keySet()));
        assertEquals(new Integration("grafana", WebhookFormat.GRAFANA, Integration.Auth.HMAC, "ssm:/hikeshi/integrations/grafana",
                "X-Grafana-Alerting-Signature", "X-Grafana-Alerting-Signature-Timestamp"), integrations.get("grafana"));
        assertEquals(new Integration("datadog", WebhookFormat.DATADOG, Integration.Auth.BEARER, "ssm:/hikeshi/integrations/datadog",
                null, null), integrations.get("datadog"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"format\":\"generic\",\"auth\":\"bearer\",\"secret\":\"ssm:/x\"}|test integrations[0].name is missing",
            "{\"name\":\"a\",\"format\":\"nagios\",\"auth\":\"bearer\",\"secret\":\"ssm:/x\"}|test integrations[0]: unknown webhook format 'nagios'",
            "{\"name\":\"a\",\"format\":\"generic\",\"auth\":\"hmac\",\"secret\":\"ssm:/x\"}|test integrations[0]: integration a: hmac needs a signatureHeader",
            "{\"name\":\"A B\",\"format\":\"generic\",\"auth\":\"bearer\",\"secret\":\"ssm:/x\"}|test integrations[0]: integration name 'A B' must be"})
    void wrongIntegration_failsAtStart_namingWhereAndWhat(String caseText) throws Exception {
        // GIVEN a file with one integration that is wrong
        String[] parts = caseText.split("\\|");

        // WHEN it is read
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IntegrationsConfig.parse(JSON.readTree("{\"integrations\":[" + parts[0] + "]}"), "test"));

        // THEN the error says which one and why
        assertTrue(e.getMessage().startsWith(parts[1]), () -> "message was: " + e.getMessage());
    }

    @Test
    void twoIntegrationsOfOneName_failAtStart() throws Exception {
        // GIVEN two integrations both called "a" (one URL path cannot lead to two)
        String file = "{\"integrations\":[{\"name\":\"a\",\"format\":\"generic\",\"auth\":\"bearer\",\"secret\":\"ssm:/x\"},"
                + "{\"name\":\"a\",\"format\":\"datadog\",\"auth\":\"bearer\",\"secret\":\"ssm:/y\"}]}";

        // WHEN it is read
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> IntegrationsConfig.parse(JSON.readTree(file), "test"));

        // THEN the second is named
        assertEquals("test integrations[1]: duplicate name a", e.getMessage());
    }
}
