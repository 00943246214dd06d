package io.hikeshi.slack.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.slack.api.model.block.element.ExternalSelectElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import io.hikeshi.core.i18n.Messages;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The declare form's service field: typed with no services, a static select up to Slack's 100, else searched. */
class ServiceOptionsTest {

    private static final Messages JA = Messages.of(Messages.JAPANESE);

    @Test
    void theField_isTypedWithoutServices_aStaticSelectUpTo100_andExternalPastThat() {
        assertInstanceOf(PlainTextInputElement.class, ServiceOptions.element(JA, List.of()));
        assertEquals(100, ((StaticSelectElement) ServiceOptions.element(JA, services(100))).getOptions().size());
        ExternalSelectElement external = (ExternalSelectElement) ServiceOptions.element(JA, services(101));
        assertEquals(1, external.getMinQueryLength());
        assertEquals("サービス名の一部を入力", external.getPlaceholder().getText());
    }

    @Test
    void matching_putsNamesThatBeginWithWhatWasTyped_first_andHoldsAtMost100() {
        List<String> services = List.of("search-api", "payment-api", "api-gateway", "checkout");
        assertEquals(List.of("api-gateway", "search-api", "payment-api"), ServiceOptions.matching(services, " API "));
        assertEquals(100, ServiceOptions.matching(services(150), "").size());
        assertEquals(List.of(), ServiceOptions.matching(services, "決済"));
    }

    @Test
    void aMessagesText_fillsTheTitleWithItsFirstLine_cutVisibly_andTheDescriptionWithAllOfIt_asPlainText() {
        IncidentModals.Prefill prefill = IncidentModals.Prefill.fromMessage("\n\n  " + "解".repeat(250) + "\nA &amp; B &lt;x&gt;");
        assertEquals("解".repeat(199) + "…", prefill.title());
        assertEquals("解".repeat(250) + "\nA & B <x>", prefill.description());
        assertNull(IncidentModals.Prefill.fromMessage("  ").title());
    }

    private static List<String> services(int n) {
        return IntStream.range(0, n).mapToObj(i -> "svc-" + i).toList();
    }
}
