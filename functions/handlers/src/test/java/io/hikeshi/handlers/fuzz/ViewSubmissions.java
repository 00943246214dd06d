package io.hikeshi.handlers.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hikeshi.core.incident.IncidentId;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.incident.Status;
import io.hikeshi.core.postmortem.ActionItem;
import io.hikeshi.core.postmortem.Postmortem;
import io.hikeshi.slack.SlackIds;
import io.hikeshi.slack.views.IncidentViews;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * view_submission payloads made from fuzzer bytes, for each of Hikeshi's modals. The view state is
 * anything: blocks missing, values null, options unknown, dates malformed, texts too long. Known
 * good and near-miss values are offered beside arbitrary ones, so accepted submissions are reached too. The private
 * metadata is what Hikeshi itself put in the modal (Slack hands it back untouched), so it stays well
 * formed and names an incident that exists (whose postmortem may have been completed since).
 */
final class ViewSubmissions {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Option values a person can pick, plus near misses, so both accepted and refused paths are reached. */
    private static final String[] WORDS = Stream.of(
            Stream.of(Severity.values()).map(Enum::name), Stream.of(Status.values()).map(Enum::name),
            Stream.of(ActionItem.Type.values()).map(Enum::name), Stream.of("sev1", "4", "resolved", "", " "))
            .flatMap(s -> s).toArray(String[]::new);
    /** Texts that pass or just miss each field's check (a service name, a link, blank, one over the limit). */
    private static final String[] TEXTS = {"payment-api", "Payment API returns 5xx", "https://tracker.example.jp/PAY-881",
            "javascript:alert(1)", "", " ", "x".repeat(IncidentViews.MAX_TEXT + 1)};
    private static final String[] ELEMENT_TYPES = {"plain_text_input", "static_select", "datepicker", "users_select"};

    private ViewSubmissions() { }

    enum Modal {
        DECLARE(SlackIds.View.DECLARE.id(), "title", "severity", "service", "description"),
        STATUS_UPDATE(SlackIds.View.STATUS_UPDATE.id(), "status", "summary"),
        RESOLVE(SlackIds.View.RESOLVE.id(), "resolution"),
        POSTMORTEM_SECTION(SlackIds.View.POSTMORTEM_SECTION.id(), "text"),
        ACTION_ITEM(SlackIds.View.ACTION_ITEM.id(), "description", "type", "owner", "due", "link");

        private final String callbackId;
        private final List<String> blocks;

        Modal(String callbackId, String... blocks) {
            this.callbackId = callbackId;
            this.blocks = List.of(blocks);
        }

        Set<String> blocks() {
            return new LinkedHashSet<>(blocks);
        }
    }

    record Submission(Modal modal, String json) { }

    static Submission next(FuzzedDataProvider data, SlackRig rig) {
        Modal modal = data.pickValue(Modal.values());
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0HIKESHI")
                .put("trigger_id", "8095300129731.7721450312.fuzz");
        payload.putObject("team").put("id", "T0HIKESHI").put("domain", "hikeshi-demo");
        payload.putObject("user").put("id", SlackRig.USER).put("team_id", "T0HIKESHI");
        ObjectNode view = payload.putObject("view").put("id", "V0FUZZ").put("type", "modal")
                .put("callback_id", modal.callbackId).put("private_metadata", metadata(modal, data, rig));
        ObjectNode values = view.putObject("state").putObject("values");
        for (String block : modal.blocks) {
            if (data.consumeInt(0, 7) != 0) { // now and then a block is missing altogether
                values.putObject(block).set(SlackIds.VALUE, element(data, rig));
            }
        }
        return new Submission(modal, payload.toString());
    }

    /** What Hikeshi put in the modal when it opened it. */
    private static String metadata(Modal modal, FuzzedDataProvider data, SlackRig rig) {
        return switch (modal) {
            case DECLARE -> "C0GENERAL";
            case STATUS_UPDATE, RESOLVE -> (data.consumeBoolean() ? rig.openIncident() : rig.resolvedIncident()) + "|"
                    + (data.consumeBoolean() ? SlackRig.WAR_ROOM : "");
            case POSTMORTEM_SECTION -> {
                IncidentId id = postmortem(data, rig);
                yield id + "|" + data.pickValue(Postmortem.Section.values()).name() + "|"
                        + rig.core().postmortems().get(id).version();
            }
            case ACTION_ITEM -> postmortem(data, rig).toString();
        };
    }

    private static IncidentId postmortem(FuzzedDataProvider data, SlackRig rig) {
        return data.consumeBoolean() ? rig.resolvedIncident() : rig.recordedIncident();
    }

    /** One input element's state: each field absent, null or some value. */
    private static ObjectNode element(FuzzedDataProvider data, SlackRig rig) {
        ObjectNode element = JSON.createObjectNode().put("type", data.pickValue(ELEMENT_TYPES));
        field(data, element, "value", () -> TextNode.valueOf(text(data)));
        field(data, element, "selected_option", () -> JSON.createObjectNode().put("value", word(data)));
        field(data, element, "selected_date", () -> TextNode.valueOf(date(data, rig)));
        field(data, element, "selected_user", () -> TextNode.valueOf(data.consumeBoolean() ? SlackRig.USER : data.consumeString(12)));
        return element;
    }

    private static void field(FuzzedDataProvider data, ObjectNode element, String name, Supplier<JsonNode> value) {
        switch (data.consumeInt(0, 3)) {
            case 0 -> { } // absent
            case 1 -> element.putNull(name);
            default -> element.set(name, value.get());
        }
    }

    private static String text(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(TEXTS) : data.consumeString(80);
    }

    private static String word(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(WORDS) : data.consumeString(16);
    }

    /** A day of this year (by the rig's clock) or anything at all. */
    private static String date(FuzzedDataProvider data, SlackRig rig) {
        return data.consumeBoolean() ? LocalDate.of(rig.today().getYear(), data.consumeInt(1, 12), data.consumeInt(1, 28)).toString()
                : data.consumeString(12);
    }
}
