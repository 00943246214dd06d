package io.hikeshi.aws.ssm;

import io.hikeshi.core.secret.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Secrets from SSM Parameter Store SecureStrings ({@code ssm:/hikeshi/...}), cached for five
 * minutes so a warm function does not call SSM per request and a rotated secret is picked up.
 * Callers read a secret each time they use it (never keep the value), so a rotation reaches them
 * within {@link #CACHE}; after a SnapStart restore the function calls {@link #forgetAll()} so that
 * nothing frozen into the snapshot is used again.
 */
public final class SsmSecrets implements Secrets {

    static final Duration CACHE = Duration.ofMinutes(5);
    private static final String PREFIX = "ssm:";

    private record Cached(String value, Instant fetchedAt) { }

    private final SsmClient ssm;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SsmSecrets(SsmClient ssm, Clock clock) {
        this.ssm = ssm;
        this.clock = clock;
    }

    @Override
    public String secret(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            throw new IllegalStateException("secret reference '" + reference + "' must look like ssm:/path/to/parameter");
        }
        Cached cached = cache.get(reference);
        if (cached != null && cached.fetchedAt().plus(CACHE).isAfter(clock.instant())) {
            return cached.value();
        }
        String name = reference.substring(PREFIX.length());
        try {
            String value = ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
            cache.put(reference, new Cached(value, clock.instant()));
            return value;
        } catch (ParameterNotFoundException e) {
            throw new IllegalStateException("SSM parameter " + name + " does not exist: create it (SecureString)", e);
        }
    }

    /** Drops every cached value: the next read of each secret asks SSM again. */
    public void forgetAll() {
        cache.clear();
    }
}
