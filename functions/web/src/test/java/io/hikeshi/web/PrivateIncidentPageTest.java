package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.aws.dynamodb.DynamoDbStorage;
import io.hikeshi.aws.dynamodb.TestTables;
import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentService;
import io.hikeshi.core.incident.Severity;
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
 * A private incident on the web page: the list, both exports and its own page show it to whoever declared it and to its
 * commander only; to anyone else it is as if it did not exist (a 404 for its page).
 */
class PrivateIncidentPageTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final String SECRET_TITLE = "Leaked customer data";
    private static final String PUBLIC_TITLE = "Checkout slow";

    private final MovableClock clock = new MovableClock(T0);
    private WebApp web;
    private SignedLinks links;
    private Incident hidden;
    private Storage storage;

    @BeforeEach
    void setUp() {
        var dynamo = EmbeddedDynamoDb.shared().client();
        String table = "web-private-" + UUID.randomUUID();
        TestTables.createWithoutTtlSweeper(dynamo, table);
        storage = DynamoDbStorage.on(dynamo, table, clock);
        IncidentService incidents = new IncidentService(storage, clock);
        links = new SignedLinks("private-page-key", clock);
        web = new WebApp(new IncidentBrowser(storage, clock, ZoneId.of("Asia/Tokyo")), links);
        incidents.declare(PUBLIC_TITLE, Severity.SEV3, "checkout", null, "U0BOB", "v0");
        clock.advance(Duration.ofMinutes(1));
        hidden = incidents.declare(SECRET_TITLE, Severity.SEV2, "payment-api", null, "U0ALICE", "v1", null,
                Incident.Visibility.PRIVATE).orElseThrow();
        incidents.assignCommander(hidden.id(), "U0CAROL", "U0ALICE");
    }

    private WebApp.Response get(String path, String user) {
        String cookie = WebApp.COOKIE + "=" + links.issue(user, Duration.ofHours(1));
        return web.handle(new WebApp.Request("GET", path, Map.of(), cookie));
    }

    @Test
    void aNonMember_seesNeitherInTheListNorTheExports_norItsPage() {
        for (String path : new String[] {"/", "/export.csv", "/export.json"}) {
            String body = get(path, "U0BOB").body();
            assertTrue(body.contains(PUBLIC_TITLE), path);
            assertFalse(body.contains(SECRET_TITLE), path);
        }
        assertEquals(404, get("/incidents/" + hidden.id(), "U0BOB").status());
    }

    @Test
    void theDeclarerAndTheCommander_seeItEverywhere() {
        for (String user : new String[] {"U0ALICE", "U0CAROL"}) {
            for (String path : new String[] {"/", "/export.csv", "/export.json"}) {
                assertTrue(get(path, user).body().contains(SECRET_TITLE), user + " " + path);
            }
            assertEquals(200, get("/incidents/" + hidden.id(), user).status(), user);
        }
    }

    @Test
    void withoutSignIn_localModesLoopbackPage_showsEverything() {
        WebApp open = new WebApp(new IncidentBrowser(storage, clock, ZoneId.of("Asia/Tokyo")), null);

        assertTrue(open.handle(new WebApp.Request("GET", "/", Map.of(), null)).body().contains(SECRET_TITLE));
    }
}
