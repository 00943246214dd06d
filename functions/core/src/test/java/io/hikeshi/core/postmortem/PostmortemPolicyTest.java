package io.hikeshi.core.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.calendar.BusinessCalendar;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.postmortem.PostmortemPolicy.Requirement;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which resolved incidents need a postmortem: the defaults, the setting's form, and what it refuses. */
class PostmortemPolicyTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void byDefault_sev1ToSev3AreRequired_andSev4Optional() {
        // GIVEN the default policy, and one read from an unset setting
        PostmortemPolicy policy = PostmortemPolicy.defaults(TOKYO);

        // WHEN asked per severity
        // THEN SEV1–SEV3 need one, SEV4 may have one; the unset setting means the same
        assertEquals(Requirement.REQUIRED, policy.requirement(Severity.SEV1));
        assertEquals(Requirement.REQUIRED, policy.requirement(Severity.SEV2));
        assertEquals(Requirement.REQUIRED, policy.requirement(Severity.SEV3));
        assertEquals(Requirement.OPTIONAL, policy.requirement(Severity.SEV4));
        assertEquals(policy.requirements(), PostmortemPolicy.parseRequirements(null));
        assertEquals(policy.requirements(), PostmortemPolicy.parseRequirements("  "));
    }

    @Test
    void theSetting_namesSomeSeverities_inAnyCase_andTheRestKeepTheirDefaults() {
        // GIVEN a setting naming two severities, loosely written
        // WHEN parsed
        Map<Severity, Requirement> parsed = PostmortemPolicy.parseRequirements(" sev3 = Optional , SEV4=none");

        // THEN those two are as named, the others as by default
        assertEquals(Map.of(Severity.SEV1, Requirement.REQUIRED, Severity.SEV2, Requirement.REQUIRED,
                Severity.SEV3, Requirement.OPTIONAL, Severity.SEV4, Requirement.NONE), parsed);
    }

    @Test
    void theExampleOfTheSetting_isTheDefault() {
        // GIVEN the example the configuration documents WHEN parsed THEN it is the default policy
        assertEquals(PostmortemPolicy.defaults(TOKYO).requirements(),
                PostmortemPolicy.parseRequirements("SEV1=required,SEV2=required,SEV3=required,SEV4=optional"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SEV4=skip", "SEV5=none", "SEV4", "SEV4=none=x", "=none", "SEV1=required,,SEV4=none"})
    void aPartThatIsNotSeverityEqualsRequirement_isRefused_namingIt(String spec) {
        // GIVEN a setting with a part that is not SEV<n>=required|optional|none
        // WHEN parsed
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PostmortemPolicy.parseRequirements(spec));

        // THEN the message names the part and the form it should take
        assertTrue(refused.getMessage().contains("is not SEV<1-4>=required|optional|none"), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("'"), refused.getMessage());
    }

    @Test
    void aPolicy_keepsItsRequirements_onAnotherCalendar_andMustNameEverySeverity() {
        // GIVEN a policy where SEV3 needs none
        PostmortemPolicy policy = PostmortemPolicy.defaults(TOKYO)
                .requiring(PostmortemPolicy.parseRequirements("SEV3=none"));

        // WHEN it moves to another calendar, and when a policy is made without SEV2's requirement
        PostmortemPolicy moved = policy.on(BusinessCalendar.weekdays());

        // THEN the requirement moves with it, and the incomplete one is refused
        assertEquals(Requirement.NONE, moved.requirement(Severity.SEV3));
        assertThrows(IllegalArgumentException.class, () -> PostmortemPolicy.defaults(TOKYO)
                .requiring(Map.of(Severity.SEV1, Requirement.REQUIRED)));
    }

    @Test
    void aStoredPostmortem_isRequiredUnlessSaidOptional_andNeverOfAnIncidentThatNeedsNone() {
        // GIVEN a postmortem made without a requirement (as before there was a policy)
        Postmortem old = new Postmortem(new io.hikeshi.core.incident.IncidentId(1), "t", java.time.LocalDate.of(2026, 11, 24),
                null, "U0ALICE", java.time.LocalDate.of(2026, 12, 1), null, null, null, null, null, null, null, null, null,
                null, null, null, 0);

        // WHEN read, and when made for an incident that needs none
        // THEN it is required, reminded and open; one that needs none cannot exist
        assertEquals(Requirement.REQUIRED, old.requirement());
        assertTrue(old.isReminded());
        assertThrows(IllegalArgumentException.class, () -> old.withRequirement(Requirement.NONE));
    }
}
