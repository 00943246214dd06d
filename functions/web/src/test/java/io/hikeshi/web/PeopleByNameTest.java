package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.people.PeopleService;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.PostmortemPolicy;
import io.hikeshi.core.postmortem.PostmortemService;
import io.hikeshi.core.postmortem.ReminderScheduler;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.core.testkit.MovableClock;
import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wherever a person reads outside Slack (the incident page, the postmortem's Markdown, the metrics, the exports),
 * people are shown by the names Hikeshi learned from Slack, read from the table; someone whose name was never learned
 * by their id. Names are people's own words: escaped as HTML on the page, as Markdown in the export, as CSV cells.
 * On DynamoDB Local, as the web function reads it.
 */
class PeopleByNameTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Alice's name carries markup, Bob's a table cell's end: both are only text wherever they are shown. */
    private static final String ALICE = "Alice <b>A</b>";
    private static final String BOB = "Bob | Ops";

    private final MovableClock clock = new MovableClock(T0);
    private IncidentService incidents;
    private PostmortemService postmortems;
    private WebApp web;
    private Incident incident;

    @BeforeEach
    void anIncidentDeclaredByAlice_commandedByBob_withAnItemForCarol_whoseNameIsUnknown() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "names-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        var storage = DynamoDbStorage.on(dynamo, table, clock);
        incidents = new IncidentService(storage, clock);
        postmortems = new PostmortemService(storage, NO_REMINDERS, PostmortemPolicy.defaults(TOKYO), clock,
                Messages.of(Messages.ENGLISH));
        web = new WebApp(new IncidentBrowser(storage, clock, TOKYO), null);
        PeopleService people = new PeopleService(storage.people(), clock);
        people.learned("U0ALICE", ALICE);
        people.learned("U0BOB", BOB);

        incident = incidents.declare("Payment API returns 5xx", Severity.SEV2, "payment-api", null, "U0ALICE", null)
                .orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        incidents.assignCommander(incident.id(), "U0BOB", "U0ALICE");
        clock.advance(Duration.ofMinutes(1));
        incidents.changeStatus(incident.id(), Status.RESOLVED, "U0BOB");
        postmortems.draftOnResolve(incident.id(), "U0BOB");
        postmortems.addActionItem(incident.id(), "Rehearse the rollback", ActionItem.Type.PROCESS, "U0CAROL",
                LocalDate.of(2026, 11, 27), null, "U0BOB");
    }

    private String get(String path) {
        WebApp.Response response = web.handle(new WebApp.Request("GET", path, Map.of("lang", "en"), null));
        assertEquals(200, response.status(), response.body());
        return response.body();
    }

    @Test
    void theIncidentPage_namesItsPeople_asText_andShowsTheUnknownById() {
        // WHEN the incident's page is read
        String page = get("/incidents/" + incident.id());

        // THEN the commander, the timeline's actors and sentences, and the postmortem show names, escaped as HTML
        assertTrue(page.contains("<b>@Bob | Ops</b>"), "the commander's card: " + page);
        assertTrue(page.contains("Declared by Alice &lt;b&gt;A&lt;/b&gt;"), page);
        assertTrue(page.contains("Commander → Bob | Ops"), page);
        assertFalse(page.contains("<b>A</b>"), "a name's markup is never markup");
        assertFalse(page.contains("U0ALICE") || page.contains("U0BOB"), "no id where a name is known: " + page);
        // Carol never acted, so Hikeshi never learned her name: her id stands in
        assertTrue(page.contains("@U0CAROL"), page);
    }

    @Test
    void theMarkdownExport_namesPeople_withTheirMarkupAndPipesEscaped() {
        // WHEN the postmortem is exported as Markdown
        String markdown = get("/incidents/" + incident.id() + "/postmortem.md");

        // THEN the owner's cell keeps one cell (its | escaped), Alice's tag shows as text, Carol is her id
        assertTrue(markdown.contains("| **Owner** | @Bob \\| Ops |"), markdown);
        assertTrue(markdown.contains("Declared by Alice \\<b>A\\</b>"), markdown);
        assertTrue(markdown.contains("| @U0CAROL |"), markdown);
        assertFalse(markdown.contains("U0ALICE") || markdown.contains("U0BOB"), markdown);
    }

    @Test
    void theMetrics_nameTheOwnersOfOverdueItems() {
        // GIVEN Bob owns an item overdue since 2026-11-27, and Carol's too
        postmortems.addActionItem(incident.id(), "Alert within a minute", ActionItem.Type.PREVENT, "U0BOB",
                LocalDate.of(2026, 11, 27), null, "U0BOB");

        // WHEN the metrics are read on 2026-12-02
        clock.set(Instant.parse("2026-12-02T03:00:00Z"));
        String page = get("/metrics");

        // THEN Bob's item names him, Carol's shows her id
        assertTrue(page.contains("<td>@Bob | Ops</td>"), page);
        assertTrue(page.contains("<td>@U0CAROL</td>"), page);
    }

    @Test
    void theExports_giveTheCommandersId_andName() throws Exception {
        // GIVEN a second incident commanded by Carol, whose name is unknown
        clock.advance(Duration.ofMinutes(1));
        Incident carols = incidents.declare("Unlock fails", Severity.SEV3, "unlock", null, "U0ALICE", null).orElseThrow();
        incidents.assignCommander(carols.id(), "U0CAROL", "U0ALICE");

        // WHEN the list is exported as JSON and as CSV
        JsonNode json = JSON.readTree(get("/export.json")).path("incidents");
        List<List<String>> csv = CsvInjectionTest.Rfc4180.parse(get("/export.csv"));

        // THEN each gives the id and the name (the id where none is known)
        assertEquals(List.of("U0CAROL", "U0CAROL", "U0BOB", BOB), List.of(json.get(0).path("commander").asText(),
                json.get(0).path("commanderName").asText(), json.get(1).path("commander").asText(),
                json.get(1).path("commanderName").asText()));
        assertEquals(List.of("commander", "commander_name"), csv.get(0).subList(5, 7));
        assertEquals(List.of("U0CAROL", "U0CAROL"), csv.get(1).subList(5, 7));
        assertEquals(List.of("U0BOB", BOB), csv.get(2).subList(5, 7));
    }

    private static final ReminderScheduler NO_REMINDERS = new ReminderScheduler() {
        @Override
        public void schedule(Reminder reminder) { }

        @Override
        public void cancel(String reminderId) { }
    };
}
