package io.hikeshi.handlers.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hikeshi.handlers.lambda.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code HIKESHI_ROLES} from the environment (and the template's parameter) to the incident service. */
class RolesSettingTest {

    @Test
    void unset_theCommunicationsLeadAndTheScribe() {
        assertEquals(List.of("comms", "scribe"), Settings.from(Map.of()).roles().names());
    }

    @Test
    void aTeamsOwnRoles_reachTheIncidentService() {
        Settings settings = Settings.from(Map.of(Settings.ROLES, "comms,scribe,customer-liaison"));

        assertEquals(List.of("comms", "scribe", "customer-liaison"), settings.roles().names());
    }

    @Test
    void aNameThatIsNotOne_stopsTheFunctionAtStart_sayingWhatARoleNameIs() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of(Settings.ROLES, "comms,Customer Liaison")));

        assertTrue(refused.getMessage().contains(Settings.ROLES + ": 'Customer Liaison' is not a role name: lowercase"
                + " letters, digits and hyphens, at most 30 characters"), refused.getMessage());
    }

    @Test
    void theTemplatesDefault_isTheDefault_andReachesEveryFunction() throws Exception {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());

        assertEquals("comms,scribe", template.at("/Parameters/IncidentRoles/Default").asText());
        assertEquals("IncidentRoles", template.at("/Globals/Function/Environment/Variables/HIKESHI_ROLES").asText());
    }
}
