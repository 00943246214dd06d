package io.hikeshi.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.i18n.Messages;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The roles a team configures, and their words in both languages. */
class RolesTest {

    @Test
    void unset_isTheCommunicationsLeadAndTheScribe() {
        assertEquals(List.of("comms", "scribe"), Roles.parse(null).names());
        assertEquals(Roles.DEFAULT, Roles.parse("  "));
    }

    @Test
    void aTeamsOwnRoles_areKeptInOrder_andMatchedWhateverTheCase() {
        Roles roles = Roles.parse(" comms , scribe,customer-liaison,sre2 ");

        assertEquals(List.of("comms", "scribe", "customer-liaison", "sre2"), roles.names());
        assertTrue(roles.contains("Customer-Liaison"));
        assertFalse(roles.contains("translator"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Comms", "comms,,scribe", "comms;scribe", "-comms", "comms-", "広報", "comms,comms",
            "a234567890123456789012345678901"})
    void aNameThatIsNotOne_isRefused_saying_whatARoleNameIs(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Roles.parse(spec));

        assertTrue(e.getMessage().contains("lowercase letters, digits and hyphens, at most 30")
                || e.getMessage().contains("names a role twice"), e.getMessage());
    }

    @Test
    void thirtyCharacters_isALongEnoughName() {
        assertEquals(List.of("a23456789012345678901234567890"), Roles.parse("a23456789012345678901234567890").names());
    }

    @Test
    void theBuiltInRoles_haveWordsInBothLanguages_andATeamsOwnIsShownAsWritten() {
        Messages en = Messages.of(Messages.ENGLISH);
        Messages ja = Messages.of(Locale.JAPANESE);

        assertEquals("communications lead", Roles.words("comms").render(en));
        assertEquals("広報担当", Roles.words("comms").render(ja));
        assertEquals("scribe", Roles.words("scribe").render(en));
        assertEquals("記録係", Roles.words("scribe").render(ja));
        assertEquals("customer-liaison", Roles.words("customer-liaison").render(ja));
    }
}
