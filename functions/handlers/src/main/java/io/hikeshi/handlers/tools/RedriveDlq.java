package io.hikeshi.handlers.tools;

import io.hikeshi.aws.sqs.DeadLetterRedrive;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bin/redrive-dlq --queue-url URL --bus NAME [--dry-run] [--endpoint URL]}: puts the events
 * parked in a dead-letter queue (e.g. WarRoomDeadLetterQueueUrl) back on the event bus
 * (EventBusName). Uses the usual AWS credentials and region (AWS_PROFILE, AWS_REGION …).
 */
public final class RedriveDlq {

    private RedriveDlq() { }

    public static void main(String[] args) {
        String queueUrl = null;
        String bus = null;
        String endpoint = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--queue-url" -> queueUrl = args[++i];
                case "--bus" -> bus = args[++i];
                case "--endpoint" -> endpoint = args[++i];
                case "--dry-run" -> dryRun = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (queueUrl == null || bus == null) {
            usage("--queue-url and --bus are required");
        }
        var sqs = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        var events = EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            sqs.endpointOverride(URI.create(endpoint));
            events.endpointOverride(URI.create(endpoint));
        }
        DeadLetterRedrive.Result result;
        try {
            result = new DeadLetterRedrive(sqs.build(), events.build()).redrive(queueUrl, bus, dryRun, System.out::println);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            System.err.println("redrive-dlq: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.printf("%s %d event(s), skipped %d%n", dryRun ? "would redrive" : "redrove", result.redriven(), result.skipped());
        System.exit(result.skipped() == 0 ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("redrive-dlq: " + problem);
        System.err.println("usage: bin/redrive-dlq --queue-url URL --bus NAME [--dry-run] [--endpoint URL]");
        System.exit(2);
    }
}
