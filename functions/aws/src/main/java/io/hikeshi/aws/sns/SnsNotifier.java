package io.hikeshi.aws.sns;

import io.hikeshi.core.event.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Stakeholder notifications on an SNS topic. Every attribute goes out as a String message attribute,
 * so subscriptions can filter on them (e.g. {@code {"severity":["SEV1","SEV2"]}}).
 */
public final class SnsNotifier implements Notifier {

    /** SNS limit on the Subject (used as the e-mail subject). */
    public static final int MAX_SUBJECT_LENGTH = 100;

    /** SNS limit on message attributes per message. */
    public static final int MAX_ATTRIBUTES = 10;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalArgumentException("SNS topic ARN is required");
        }
        this.topicArn = topicArn;
    }

    @Override
    public void notify(String subject, String message, Map<String, String> attributes) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("notification message is required");
        }
        String clipped = subject(subject);
        Map<String, MessageAttributeValue> messageAttributes = messageAttributes(attributes);
        sns.publish(r -> {
            r.topicArn(topicArn).message(message);
            if (clipped != null) {
                r.subject(clipped);
            }
            if (!messageAttributes.isEmpty()) {
                r.messageAttributes(messageAttributes);
            }
        });
    }

    /**
     * The Subject SNS accepts: one line (no line breaks or control characters), at most
     * {@value #MAX_SUBJECT_LENGTH} characters, clipped with an ellipsis; null when nothing is left.
     */
    static String subject(String subject) {
        if (subject == null) {
            return null;
        }
        String oneLine = subject.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (oneLine.isEmpty()) {
            return null;
        }
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX_SUBJECT_LENGTH) {
            return oneLine;
        }
        int end = oneLine.offsetByCodePoints(0, MAX_SUBJECT_LENGTH - 1);
        return oneLine.substring(0, end).stripTrailing() + "…";
    }

    /** Every non-blank attribute as DataType String; SNS allows at most 10, so more is an error. */
    static Map<String, MessageAttributeValue> messageAttributes(Map<String, String> attributes) {
        Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
        if (attributes == null) {
            return out;
        }
        attributes.forEach((name, value) -> {
            if (name != null && !name.isBlank() && value != null && !value.isBlank()) {
                out.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
            }
        });
        if (out.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("SNS allows at most " + MAX_ATTRIBUTES + " message attributes, got "
                    + out.size() + ": " + out.keySet());
        }
        return out;
    }
}
