package io.hikeshi.slackstub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which stub is which, and the catalogue a report prints: every rule enforced, each with its source. */
class StrictnessTest {

    @Test
    void start_isAsStrictAsSlack_lenientIsAskedFor_andTheDefaultIsOneConstant() {
        try (SlackApiStub byDefault = SlackApiStub.start(); SlackApiStub lenient = SlackApiStub.lenient()) {
            assertEquals(Strictness.SLACK, SlackApiStub.DEFAULT_STRICTNESS);
            assertEquals(SlackApiStub.DEFAULT_STRICTNESS, byDefault.strictness());
            assertEquals(Rules.ALL, byDefault.rules());
            assertEquals(Strictness.LENIENT, lenient.strictness());
            assertTrue(lenient.rules().isEmpty(), "a lenient stub enforces nothing");
        }
        try (SlackApiStub viaEnum = SlackApiStub.start(Strictness.SLACK); SlackApiStub lenient = SlackApiStub.lenient()) {
            assertEquals(Strictness.SLACK, viaEnum.strictness());
            assertEquals(Strictness.LENIENT, lenient.strictness());
        }
    }

    @Test
    void rules_eachHaveAUniqueId_methods_anError_andASlackPageWithTheSentenceThatStatesIt() {
        List<Rule> rules = Rules.ALL;
        Set<String> ids = new HashSet<>();
        for (Rule rule : rules) {
            assertTrue(ids.add(rule.id()), "unique id: " + rule.id());
            assertFalse(rule.methods().isEmpty(), rule.id());
            assertFalse(rule.error().isBlank(), rule.id());
            assertTrue(rule.source().matches("https://(docs\\.slack\\.dev|api\\.slack\\.com)/\\S+"), rule.source());
            assertFalse(rule.quote().isBlank(), rule.id());
            assertEquals(rule, Rules.byId(rule.id()));
        }
        // what a report of "N rules, each with its source" prints
        String report = rules.size() + " rules, each with its source:\n" + String.join("\n", rules.stream()
                .map(r -> r.id() + " | " + r.error() + " | " + r.source()).toList());
        assertTrue(report.startsWith(rules.size() + " rules"));
        assertEquals(rules.size(), report.lines().count() - 1);
    }

    @Test
    void disable_takesARuleOutOfTheListAndOutOfForce() throws Exception {
        try (SlackApiStub stub = SlackApiStub.builder().strictness(Strictness.SLACK)
                .disable("conversations.create.invalid_name_specials").start()) {
            assertFalse(stub.rules().contains(Rules.NAME_SPECIALS));
            assertEquals(Rules.ALL.size() - 1, stub.rules().size());
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(stub.methodsUrlPrefix());
            try (Slack slack = Slack.getInstance(config)) {
                assertTrue(slack.methods("xoxb-test").conversationsCreate(r -> r.name("INC 0042")).isOk());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SlackApiStub.builder().disable("no.such.rule"));
    }

    @Test
    void lenient_stillAcceptsWhatStrictRefuses_andModelsNoWorkspace() throws Exception {
        try (SlackApiStub lenient = SlackApiStub.lenient()) {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(lenient.methodsUrlPrefix());
            try (Slack slack = Slack.getInstance(config)) {
                MethodsClient client = slack.methods("xoxb-test");
                ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel("C0NOWHERE").text("")
                        .blocksAsString("[{\"type\":\"sectoin\"}]"));
                assertTrue(posted.isOk());
                assertTrue(client.conversationsCreate(r -> r.name("Not A Valid Name")).isOk());
                assertTrue(client.usersInfo(r -> r.user("U0GONE")).isOk());
                assertTrue(client.pinsAdd(r -> r.channel("C0WARROOM").timestamp("1.2")).isOk());
                for (int i = 0; i < 30; i++) {
                    assertTrue(client.conversationsCreate(r -> r.name("inc-" + System.nanoTime())).isOk());
                }
            }
            assertTrue(lenient.enforcements().isEmpty());
            assertTrue(lenient.throttled().isEmpty());
            assertThrows(IllegalStateException.class, () -> lenient.messages("C0WARROOM"));
        }
    }
}
