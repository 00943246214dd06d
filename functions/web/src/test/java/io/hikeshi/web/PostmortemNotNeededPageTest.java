package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.store.Storage;
import io.hikeshi.core.testkit.MovableClock;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A postmortem said not to be needed, on the incident page and in its Markdown export, in Japanese and English:
 * who said so, when and why (what they wrote shown as text), and left out of the completion figure.
 */
class PostmortemNotNeededPageTest {

    /** Noon in Tokyo on Tuesday 2026-11-24. */
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ReminderScheduler NO_REMINDERS = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };

    private final MovableClock clock = new MovableClock(T0);
    private Storage storage;
    private IncidentService incidents;
    private PostmortemService postmortems;
    private WebApp web;
    private String cookie;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "web-pmp-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        storage = DynamoDbStorage.on(dynamo, table, clock);
        incidents = new IncidentService(storage, clock);
        postmortems = new PostmortemService(storage, NO_REMINDERS, PostmortemPolicy.defaults(TOKYO), clock,
                Messages.of(Messages.JAPANESE));
        SignedLinks links = new SignedLinks("test-web-signing-key-123", clock);
        web = new WebApp(new IncidentBrowser(storage, clock, TOKYO), links);
        cookie = WebApp.COOKIE + "=" + links.issue("U0ALICE", Duration.ofHours(1));
    }

    private WebApp.Response get(String path, String lang) {
        return web.handle(new WebApp.Request("GET", path, Map.of("lang", lang), cookie));
    }

    /** A SEV2 resolved by U0ALICE, its postmortem said not to be needed by her at 12:30 JST. */
    private Incident skipped() {
        Incident incident = incidents.declare("Disk 81% on batch-01", Severity.SEV2, "batch", null, "U0ALICE", null)
                .orElseThrow();
        incidents.assignCommander(incident.id(), "U0ALICE", "U0ALICE");
        incidents.changeStatus(incident.id(), Status.RESOLVED, "U0ALICE");
        postmortems.draftOnResolve(incident.id(), "U0ALICE");
        clock.set(T0.plus(Duration.ofMinutes(30)));
        postmortems.notNeeded(incident.id(), "Known alarm <b>during</b> maintenance", "U0ALICE");
        return incident;
    }

    @Test
    void theIncidentPage_saysNotNeeded_withWhoWhenAndWhy_insteadOfTheChecklist_inEitherLanguage() {
        // GIVEN a postmortem said not to be needed, with markup in its reason
        Incident incident = skipped();

        // WHEN the incident's page is read in English and in Japanese
        String en = get("/incidents/" + incident.id(), "en").body();
        String ja = get("/incidents/" + incident.id(), "ja").body();

        // THEN each says who, when and why (the markup as text), instead of what the checklist lacks; the timeline names
        // the entry's kind, and the Markdown shows the status
        assertTrue(en.contains("<p>Not needed, said U0ALICE at 2026-11-24 12:30 JST: Known alarm &lt;b&gt;during&lt;/b&gt;"
                + " maintenance</p>"), en);
        assertFalse(en.contains("Checklist:"), en);
        assertTrue(en.contains("<b>postmortem not needed</b>"), en);
        assertTrue(en.contains("| **Status** | not needed |"), en);
        assertTrue(ja.contains("<p>不要（U0ALICE、2026-11-24 12:30 JST）: Known alarm &lt;b&gt;during&lt;/b&gt; maintenance</p>"), ja);
        assertTrue(ja.contains("<b>ポストモーテム不要</b>"), ja);
    }

    @Test
    void theMarkdownExport_saysNotNeeded_andTheCompletionFigure_leavesItOut() {
        // GIVEN a postmortem said not to be needed, and another that is complete
        Incident incident = skipped();
        Incident done = incidents.declare("Unlock fails", Severity.SEV2, "unlock", null, "U0ALICE", null).orElseThrow();
        incidents.changeStatus(done.id(), Status.RESOLVED, "U0ALICE");
        postmortems.draftOnResolve(done.id(), "U0ALICE");
        var complete = postmortems.get(done.id()).completed("U0ALICE", clock.instant());
        storage.postmortems().save(complete);

        // WHEN its Markdown is exported, and the metrics are read
        WebApp.Response markdown = get("/incidents/" + incident.id() + "/postmortem.md", "en");
        String metrics = get("/metrics", "en").body();

        // THEN the export says not needed, by whom and why; completion counts only the one that was to be written
        assertEquals(200, markdown.status());
        assertTrue(markdown.body().contains("> **Not needed.** Said by @U0ALICE at 2026-11-24 12:30:00 JST, because:"),
                markdown.body());
        assertTrue(markdown.body().contains("> Known alarm \\<b>during\\</b> maintenance"), markdown.body());
        assertTrue(metrics.contains("<span class=\"muted\">Postmortems complete</span><b>100% (1/1)</b>"), metrics);
    }
}
