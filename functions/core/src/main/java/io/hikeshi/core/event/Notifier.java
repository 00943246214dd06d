package io.hikeshi.core.event;

import java.util.Map;

/**
 * The port to stakeholders outside Slack (an SNS topic they subscribe to by email, SMS or chat,
 * filtering on the attributes).
 */
public interface Notifier {

    /**
     * @param subject    one line
     * @param message    the text
     * @param attributes filterable: {@code severity}, {@code service}, {@code status}, {@code event}
     */
    void notify(String subject, String message, Map<String, String> attributes);
}
