package io.hikeshi.ingest.webhook;

/**
 * Where the webhook's log lines go: one structured line per request, with key/value pairs. The
 * carrier decides the sink (the functions' JSON log in AWS and local mode), so ingest needs no
 * logging library of its own.
 */
public interface WebhookLog {

    void info(String message, Object... keyValues);

    void warn(String message, Object... keyValues);
}
