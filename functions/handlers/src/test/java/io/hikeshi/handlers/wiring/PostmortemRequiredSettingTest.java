package io.hikeshi.handlers.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.PostmortemPolicy.Requirement;
import io.hikeshi.handlers.lambda.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code HIKESHI_POSTMORTEM_REQUIRED} from the environment to the postmortem policy the functions are wired with. */
class PostmortemRequiredSettingTest {

    @Test
    void unset_sev1ToSev3AreRequired_andSev4Optional() {
        // GIVEN no setting WHEN the functions are wired THEN the defaults hold
        var policy = Composition.postmortemPolicy(Settings.from(Map.of()));
        assertEquals(Map.of(Severity.SEV1, Requirement.REQUIRED, Severity.SEV2, Requirement.REQUIRED,
                Severity.SEV3, Requirement.REQUIRED, Severity.SEV4, Requirement.OPTIONAL), policy.requirements());
    }

    @Test
    void theSetting_reachesThePolicy_besideTheDueDays() {
        // GIVEN the template's form of the setting, and due days set too
        Settings settings = Settings.from(Map.of(Settings.POSTMORTEM_REQUIRED, "SEV1=required,SEV2=required,SEV3=optional,SEV4=none",
                Settings.POSTMORTEM_DUE_DAYS, "SEV1=3"));

        // WHEN wired
        var policy = Composition.postmortemPolicy(settings);

        // THEN both are in the policy
        assertEquals(Requirement.OPTIONAL, policy.requirement(Severity.SEV3));
        assertEquals(Requirement.NONE, policy.requirement(Severity.SEV4));
        assertEquals(3, policy.businessDays().get(Severity.SEV1));
    }

    @Test
    void aValueThatDoesNotParse_stopsTheFunctionAtStart_namingTheSettingAndThePart_withEveryOtherProblem() {
        // GIVEN a misspelt requirement, and a due-days value that is wrong too
        Map<String, String> env = Map.of(Settings.POSTMORTEM_REQUIRED, "SEV4=skip", Settings.POSTMORTEM_DUE_DAYS, "SEV1:five");

        // WHEN the settings are read
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Settings.from(env));

        // THEN one message names both settings, and what the requirement should look like
        assertTrue(refused.getMessage().contains(Settings.POSTMORTEM_REQUIRED + ": 'SEV4=skip' is not SEV<1-4>=required|optional|none"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(Settings.POSTMORTEM_DUE_DAYS), refused.getMessage());
    }
}
