package io.hikeshi.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.slackstub.SlackApiStub;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each person hears their own language: Slack's users.info locale, else the team's default. */
class LocaleResolverTest {

    private SlackApiStub slackApi;
    private Slack slack;
    private MethodsClient client;

    @BeforeEach
    void setUp() {
        slackApi = SlackApiStub.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slackApi.methodsUrlPrefix());
        slack = Slack.getInstance(config);
        client = slack.methods("xoxb-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        slack.close();
        slackApi.close();
    }

    private void slackSaysUser(String userJson) {
        slackApi.respond("users.info", "{\"ok\":true,\"user\":" + userJson + "}");
    }

    @Test
    void messagesFor_japaneseSlackUser_speaksJapanese_whateverTheTeamDefault() {
        // GIVEN a team defaulting to English and a person whose Slack locale is ja-JP (the stub's default)
        LocaleResolver resolver = new LocaleResolver(Locale.ENGLISH);

        // WHEN their messages are chosen
        Messages m = resolver.messagesFor("U0ALICE", client);

        // THEN Japanese, asked of Slack with the locale included
        assertEquals(Messages.JAPANESE, m.locale());
        // (the SDK sends booleans as 1/0; Slack also reads true/false)
        assertTrue(Set.of("1", "true").contains(slackApi.calls("users.info").get(0).param("include_locale")));
        assertEquals("U0ALICE", slackApi.calls("users.info").get(0).param("user"));
    }

    @Test
    void messagesFor_englishSlackUser_speaksEnglish_whateverTheTeamDefault() {
        // GIVEN a team defaulting to Japanese and a person whose Slack locale is en-US
        slackSaysUser("{\"id\":\"U0BOB\",\"name\":\"bob\",\"locale\":\"en-US\"}");
        LocaleResolver resolver = new LocaleResolver(Locale.JAPANESE);

        // WHEN their messages are chosen
        Messages m = resolver.messagesFor("U0BOB", client);

        // THEN English
        assertEquals(Messages.ENGLISH, m.locale());
    }

    @Test
    void messagesFor_slackUserInAnotherLanguage_speaksEnglish_notTheTeamDefault() {
        // GIVEN a Japanese team and a person whose Slack locale is French, which Hikeshi does not speak
        slackSaysUser("{\"id\":\"U0CLAIRE\",\"name\":\"claire\",\"locale\":\"fr-FR\"}");
        LocaleResolver resolver = new LocaleResolver(Locale.JAPANESE);

        // WHEN their messages are chosen
        Messages m = resolver.messagesFor("U0CLAIRE", client);

        // THEN English, the language they are likelier to read than Japanese
        assertEquals(Locale.FRANCE, resolver.localeOf("U0CLAIRE", client));
        assertEquals(Messages.ENGLISH, m.locale());
    }

    @Test
    void messagesFor_noUser_usesTheTeamDefault_withoutAskingSlack() {
        // GIVEN a Japanese team and a request that names no user
        LocaleResolver resolver = new LocaleResolver(Locale.JAPANESE);

        // WHEN messages are chosen for nobody
        Messages m = resolver.messagesFor(null, client);

        // THEN the team default, and Slack was not asked
        assertEquals(Messages.JAPANESE, m.locale());
        assertTrue(slackApi.calls("users.info").isEmpty());
    }

    @Test
    void localeOf_slackGivesNoLocale_usesTheTeamDefault() {
        // GIVEN Slack answers the user without a locale field
        slackSaysUser("{\"id\":\"U0DAN\",\"name\":\"dan\"}");
        LocaleResolver resolver = new LocaleResolver(Locale.JAPANESE);

        // WHEN the locale is resolved
        // THEN the team default
        assertEquals(Locale.JAPANESE, resolver.localeOf("U0DAN", client));
    }

    @Test
    void localeOf_slackAnswersAnError_usesTheTeamDefault() {
        // GIVEN Slack does not know the user
        slackApi.respond("users.info", "{\"ok\":false,\"error\":\"user_not_found\"}");
        LocaleResolver resolver = new LocaleResolver(Locale.JAPANESE);

        // WHEN the locale is resolved
        // THEN the team default
        assertEquals(Locale.JAPANESE, resolver.localeOf("U0GONE", client));
    }

    @Test
    void localeOf_slackAnswersOkWithoutAUser_usesTheTeamDefault() {
        // GIVEN Slack answers ok but leaves the user out
        slackApi.respond("users.info", "{\"ok\":true}");
        LocaleResolver resolver = new LocaleResolver(Locale.ENGLISH);

        // WHEN the locale is resolved
        // THEN the team default
        assertEquals(Locale.ENGLISH, resolver.localeOf("U0ALICE", client));
    }

    @Test
    void localeOf_slackFailsOverHttp_usesTheTeamDefault() {
        // GIVEN Slack answers HTTP 500
        slackApi.failNext("users.info", 1, 500, null);
        LocaleResolver resolver = new LocaleResolver(Locale.JAPANESE);

        // WHEN the locale is resolved
        // THEN the team default rather than an exception in the listener
        assertEquals(Locale.JAPANESE, resolver.localeOf("U0ALICE", client));
        assertEquals(1, slackApi.calls("users.info").size());
    }

    @Test
    void localeOf_slackUnreachable_usesTheTeamDefault() {
        // GIVEN nothing listens where Slack should be
        slackApi.close();
        LocaleResolver resolver = new LocaleResolver(Locale.ENGLISH);

        // WHEN the locale is resolved
        // THEN the team default
        assertEquals(Locale.ENGLISH, resolver.localeOf("U0ALICE", client));
    }

    @Test
    void localeOf_samePersonTwice_asksSlackOnce() {
        // GIVEN a person whose locale was resolved once
        LocaleResolver resolver = new LocaleResolver(Locale.ENGLISH);
        Locale first = resolver.localeOf("U0ALICE", client);

        // WHEN it is resolved again
        Locale second = resolver.localeOf("U0ALICE", client);

        // THEN the same answer from the cache: one users.info call (Tier 4, but within Slack's 3 seconds)
        assertEquals(Locale.JAPAN, first);
        assertEquals(first, second);
        assertEquals(1, slackApi.calls("users.info").size());
    }

    @Test
    void defaults_areTheTeamLanguage() {
        // GIVEN resolvers for a Japanese and an English team
        // WHEN their defaults are asked for
        // THEN each speaks its team's language
        assertEquals(Messages.JAPANESE, new LocaleResolver(Locale.JAPANESE).defaults().locale());
        assertEquals(Messages.ENGLISH, new LocaleResolver(Locale.ENGLISH).defaults().locale());
    }

    @Test
    void parseLocale_readsSlackTagsAndConfigValues() {
        // GIVEN Slack's tags (ja-JP, en-US), config values (ja, en_US) and nothing at all
        // WHEN parsed
        // THEN the language is kept, '_' is read as '-', and nothing means English
        assertEquals(Locale.JAPAN, Messages.parseLocale("ja-JP"));
        assertEquals(Locale.JAPANESE, Messages.parseLocale("ja"));
        assertEquals(Locale.US, Messages.parseLocale("en_US"));
        assertEquals(Messages.ENGLISH, Messages.parseLocale(null));
        assertEquals(Messages.ENGLISH, Messages.parseLocale("  "));
    }

    @Test
    void messagesOf_anyJapaneseLocale_isJapanese_everythingElseEnglish() {
        // GIVEN Japanese locales with and without a country, and other languages
        // WHEN messages are made for them
        // THEN ja* is Japanese, the rest English
        assertEquals(Messages.JAPANESE, Messages.of(Locale.JAPAN).locale());
        assertEquals(Messages.JAPANESE, Messages.of(Locale.JAPANESE).locale());
        assertEquals(Messages.ENGLISH, Messages.of(Locale.US).locale());
        assertEquals(Messages.ENGLISH, Messages.of(Locale.GERMAN).locale());
        assertEquals(Messages.ENGLISH, Messages.of(Locale.ROOT).locale());
    }
}
