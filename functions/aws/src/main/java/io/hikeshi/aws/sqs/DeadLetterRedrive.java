package io.hikeshi.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Puts the events parked in a dead-letter queue back on the event bus, then deletes them from the
 * queue. Safe to run at any time and more than once: consumers are idempotent by event id, and a
 * message is deleted only after the bus accepted its event. Understands both kinds of message the
 * war-room DLQ receives: the event itself (EventBridge's DLQ) and Lambda's on-failure record (the
 * event in {@code requestPayload}).
 */
public final class DeadLetterRedrive {

    /** What a run did. */
    public record Result(int redriven, int skipped) { }

    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final ObjectMapper json = new ObjectMapper();

    public DeadLetterRedrive(SqsClient sqs, EventBridgeClient events) {
        this.sqs = sqs;
        this.events = events;
    }

    /**
     * @param dryRun show what would be redriven, change nothing (messages become visible again
     *               after the queue's visibility timeout)
     */
    public Result redrive(String queueUrl, String busName, boolean dryRun, java.util.function.Consumer<String> log) {
        int redriven = 0;
        int skipped = 0;
        List<String> peeked = new java.util.ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(30)).messages();
            if (batch.isEmpty()) {
                // A dry run or a skipped message must not stay hidden: make them visible again now.
                peeked.forEach(handle -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(handle)
                        .visibilityTimeout(0)));
                return new Result(redriven, skipped);
            }
            for (Message message : batch) {
                JsonNode event = event(message.body());
                String problem = problem(event);
                if (problem != null) {
                    log.accept("skipped " + message.messageId() + ": " + problem);
                    peeked.add(message.receiptHandle());
                    skipped++;
                    continue;
                }
                log.accept((dryRun ? "would redrive " : "redriving ") + event.path("detail-type").asText() + " "
                        + event.path("detail").path("incident").asText("") + " (" + event.path("detail").path("id").asText("") + ")");
                if (dryRun) {
                    peeked.add(message.receiptHandle());
                    redriven++;
                    continue;
                }
                PutEventsResponse put = events.putEvents(r -> r.entries(e -> e.eventBusName(busName)
                        .source(event.path("source").asText()).detailType(event.path("detail-type").asText())
                        .detail(event.path("detail").toString())));
                if (put.failedEntryCount() != null && put.failedEntryCount() > 0) {
                    log.accept("bus refused " + message.messageId() + ": " + put.entries().get(0).errorCode() + "; left in the queue");
                    peeked.add(message.receiptHandle());
                    skipped++;
                    continue;
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                redriven++;
            }
        }
    }

    private JsonNode event(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.has("requestPayload") ? node.get("requestPayload") : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String problem(JsonNode event) {
        if (!event.path("source").isTextual() || !event.path("detail-type").isTextual() || !event.path("detail").isObject()) {
            return "not an EventBridge event (no source, detail-type or detail)";
        }
        if (event.path("source").asText().startsWith("aws.")) {
            return "events from AWS services cannot be put back on a bus; invoke the function with it instead (README)";
        }
        return null;
    }
}
