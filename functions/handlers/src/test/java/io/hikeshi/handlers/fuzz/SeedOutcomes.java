package io.hikeshi.handlers.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.i18n.Messages;
import io.hikeshi.core.incident.Incident;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.incident.TimelineEntry;
import io.hikeshi.core.incident.TimelineKind;
import io.hikeshi.core.incident.TimelineText;
import io.hikeshi.core.postmortem.ActionItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the seeds whose names state an outcome must be answered when Jazzer replays them (regression
 * mode, every {@code mvn verify}). The fuzz targets check only that any answer is well formed, which a
 * known-good request that had stopped working would still pass. Against {@link SlackRig}'s fixture:
 * INC-0001 open in war room C0WARROOM, INC-0002 resolved with a postmortem draft, INC-0003 resolved
 * with its postmortem complete.
 */
final class SeedOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IncidentId NEW = new IncidentId(4);

    private SeedOutcomes() { }

    /** What replaying one named seed must produce: the answer, and what the function did. */
    @FunctionalInterface
    interface Outcome {
        void check(JsonNode answer, SlackRig rig);
    }

    /** {@code viewSubmissions} seeds. A name ending in "-accepted" means an empty ack (the modal closes). */
    static final Map<String, Outcome> VIEW_SUBMISSIONS = Map.of(
            "declare-accepted", accepted((answer, rig) -> {
                Incident declared = rig.core().storage().incidents().find(NEW).orElseThrow(() -> new AssertionError("nothing declared"));
                assertEquals(List.of("javascript:alert(1)", "SEV4", "payment-api", "TRIGGERED"), List.of(declared.title(),
                        declared.severity().name(), declared.service(), declared.status().name()), "the incident as typed");
                assertEquals(List.of("ANNOUNCE INC-0004 C0GENERAL U0ALICE"), tasks(rig), "announced after the ack");
            }),
            "status-update-accepted", accepted((answer, rig) -> {
                assertEquals(Status.MITIGATED, status(rig, rig.openIncident()));
                assertEquals("[mitigated] payment-api", TimelineText.render(last(rig, rig.openIncident(), TimelineKind.STATUS_UPDATE),
                        Messages.of(Messages.ENGLISH)));
            }),
            "resolve-again-refused", (answer, rig) -> {
                refused(Set.of("resolution"), "is already resolved").check(answer, rig);
                assertEquals(1, entries(rig, rig.resolvedIncident(), TimelineKind.STATUS_UPDATE).size(),
                        "the fixture's resolution only: resolving again records and announces nothing");
            },
            "action-item-accepted", accepted((answer, rig) -> {
                List<ActionItem> items = rig.core().postmortems().get(rig.resolvedIncident()).actionItems();
                assertEquals(1, items.size(), items.toString());
                assertEquals(List.of("javascript:alert(1)", "MITIGATE"), List.of(items.get(0).description(), items.get(0).type().name()));
                assertNull(items.get(0).owner());
                assertNull(items.get(0).due());
            }),
            "postmortem-section-emptied", accepted((answer, rig) ->
                    assertNull(rig.core().postmortems().get(rig.resolvedIncident()).impact(), "an emptied section is no section")),
            "declare-empty-state", refused(Set.of("title", "severity", "service"), "A title is needed."),
            "status-update-without-a-status", refused(Set.of("status"), "Choose one of the options."),
            "action-item-without-its-blocks", refused(Set.of("type", "description"), "Choose one of the options."),
            "completed-postmortem-section-edited", refused(Set.of("text"), "complete; it is the record now"),
            "completed-postmortem-section-without-its-block", refused(Set.of("text"), "out of date"));

    /** {@code slackRequests} seeds: the sample requests from events/, each as Slack sends it, with its answer. */
    static final Map<String, Outcome> SLACK_REQUESTS = Map.of(
            "url-verification", (answer, rig) -> {
                assertEquals(200, answer.path("statusCode").asInt());
                assertEquals("p7Xk2mQ9rT4vW8yZ1bC5dF0gH3jL6nR9sU2wY5aE8iO1uA4eI7", answer.path("body").asText(), "the challenge echoed");
            },
            "ssl-check", ack((answer, rig) -> { }),
            "command-declare", ack((answer, rig) -> {
                assertEquals(1, rig.slackCalls("views.open").size(), "the declare modal opened");
                assertTrue(rig.slackCalls("views.open").get(0).param("view").contains("\"callback_id\":\"declare_incident\""));
            }),
            "command-note-base64", (answer, rig) -> {
                assertEquals(200, answer.path("statusCode").asInt());
                assertEquals("INC-0001: note added to the timeline", json(answer).path("text").asText(), answer.toString());
                assertEquals("Rolled back payment-api", last(rig, rig.openIncident(), TimelineKind.NOTE).text());
            },
            "view-submission-declare", ack((answer, rig) -> {
                Incident declared = rig.core().storage().incidents().find(NEW).orElseThrow(() -> new AssertionError("nothing declared"));
                assertEquals(List.of("Payment API returns 5xx", Severity.SEV2, "payment-api"),
                        List.of(declared.title(), declared.severity(), declared.service()));
                assertEquals(List.of("ANNOUNCE INC-0004 C0GENERAL U0ALICE"), tasks(rig));
            }),
            "event-app-home-opened", ack((answer, rig) ->
                    assertEquals(List.of("PUBLISH_HOME U0ALICE"), tasks(rig))),
            "event-reaction-added-retry", ack((answer, rig) ->
                    assertEquals(List.of("RECORD_PIN C0WARROOM 1795403600.000200 U0ALICE"), tasks(rig),
                            "a retry of an event is taken, not refused as a replay")),
            // The click is on INC-0042's card, which the rig does not have: acked, and nothing changes.
            "block-actions-acknowledge", ack((answer, rig) ->
                    assertEquals(Status.TRIGGERED, status(rig, rig.openIncident()))));

    /** A modal submission taken: an empty 200 (Slack closes the modal), then {@code effect}. */
    private static Outcome accepted(Outcome effect) {
        return (answer, rig) -> {
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
            assertEquals("", answer.path("body").asText(), "an empty ack, not " + answer);
            effect.check(answer, rig);
        };
    }

    /** A request acknowledged with an empty 200, then {@code effect}. */
    private static Outcome ack(Outcome effect) {
        return accepted(effect);
    }

    /** Field errors on exactly {@code blocks}, one of them saying {@code says}. */
    private static Outcome refused(Set<String> blocks, String says) {
        return (answer, rig) -> {
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
            JsonNode body = json(answer);
            assertEquals("errors", body.path("response_action").asText(), answer.toString());
            List<String> errored = new ArrayList<>();
            body.path("errors").fieldNames().forEachRemaining(errored::add);
            assertEquals(blocks, Set.copyOf(errored), body.toString());
            assertTrue(body.path("errors").toString().contains(says), () -> "no error says '" + says + "': " + body);
        };
    }

    private static JsonNode json(JsonNode answer) {
        try {
            return JSON.readTree(answer.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Status status(SlackRig rig, IncidentId id) {
        return rig.core().storage().incidents().find(id).orElseThrow().status();
    }

    private static List<TimelineEntry> entries(SlackRig rig, IncidentId id, TimelineKind kind) {
        return rig.core().storage().incidents().timeline(id, 1000).stream().filter(e -> e.kind() == kind).toList();
    }

    private static TimelineEntry last(SlackRig rig, IncidentId id, TimelineKind kind) {
        List<TimelineEntry> found = entries(rig, id, kind);
        assertTrue(!found.isEmpty(), () -> "no " + kind + " on " + id + "'s timeline");
        return found.get(found.size() - 1);
    }

    /** The queued tasks, each as its kind followed by the fields it has: incident, channel, ts, user. */
    private static List<String> tasks(SlackRig rig) {
        return rig.queued().stream().map(t -> Stream.of(t.kind().name(), t.incident(), t.channel(), t.ts(), t.user())
                .filter(Objects::nonNull).collect(Collectors.joining(" "))).toList();
    }
}
