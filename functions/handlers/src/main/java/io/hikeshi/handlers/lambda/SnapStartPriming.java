package io.hikeshi.handlers.lambda;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart: runs a function's hot path once before the snapshot, so restored environments do not
 * load classes and JIT on their first real event. A priming step must write nothing and call no one
 * outside AWS reads; a failed priming is logged and never fails the snapshot.
 *
 * <p>The handler keeps the returned instance in a field: the runtime's context must not be the only
 * holder of a resource.
 */
public final class SnapStartPriming implements org.crac.Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final String function;
    private final BooleanSupplier prime;

    private SnapStartPriming(String function, BooleanSupplier prime) {
        this.function = function;
        this.prime = prime;
    }

    public static SnapStartPriming register(String function, BooleanSupplier prime) {
        SnapStartPriming priming = new SnapStartPriming(function, prime);
        org.crac.Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        try {
            boolean complete = prime.getAsBoolean();
            LOG.info("primed before the snapshot", LambdaLog.kv("function", function), LambdaLog.kv("complete", complete));
        } catch (RuntimeException e) {
            LOG.warn("priming skipped", LambdaLog.kv("function", function), LambdaLog.kv("cause", e.toString()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        // nothing: clients re-resolve credentials and connections on first use
    }
}
