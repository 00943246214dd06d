package io.hikeshi.slackstub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds requests the way Slack sends them to the app: signed with the signing secret
 * ({@code v0=} + hex HMAC-SHA256 over {@code "v0:" + timestamp + ":" + body}), slash commands as a
 * form body, interactivity (block_actions, view_submission) as {@code payload=<url-encoded JSON>}.
 *
 * <p>Sign the exact bytes you send: the signature covers the raw body.
 */
public final class SlackSigner {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private SlackSigner() {}

    /** {@code X-Slack-Request-Timestamp} and {@code X-Slack-Signature} for this body, in that order. */
    public static Map<String, String> headers(String signingSecret, long epochSeconds, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, Long.toString(epochSeconds));
        headers.put(SIGNATURE_HEADER, signature(signingSecret, epochSeconds, body));
        return Collections.unmodifiableMap(headers);
    }

    /** {@code "v0=" + lowercase hex HMAC-SHA256(secret, "v0:" + ts + ":" + body)}. */
    public static String signature(String signingSecret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + epochSeconds + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * {@code a=1&b=2}, names and values URL-encoded as UTF-8 (space as {@code +}, like Slack), in the
     * map's iteration order: pass a {@link LinkedHashMap} to get Slack's field order.
     */
    public static String formBody(Map<String, String> params) {
        StringJoiner body = new StringJoiner("&");
        params.forEach((name, value) -> body.add(encode(name) + "=" + encode(value == null ? "" : value)));
        return body.toString();
    }

    /** {@code "payload=" + URL-encoded json}: how Slack posts block_actions and view_submission. */
    public static String payloadBody(String json) {
        return "payload=" + encode(json);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
