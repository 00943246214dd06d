package io.hikeshi.handlers.lambda;

import io.hikeshi.aws.ssm.SsmSecrets;
import io.hikeshi.core.secret.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets that SnapStart does not freeze: the cache is emptied before the snapshot and again after
 * each restore, so a restored environment reads every secret from SSM on first use instead of using
 * what was current when the version was published (a rotated signing secret or token would otherwise
 * keep failing until the next deploy). Restore hooks: https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html
 *
 * <p>Whoever uses the secrets holds this instance (the runtime's context keeps only a weak reference
 * to a registered resource).
 */
public final class SnapStartSecrets implements Secrets, org.crac.Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartSecrets.class);

    private final SsmSecrets ssm;

    SnapStartSecrets(SsmSecrets ssm) {
        this.ssm = ssm;
    }

    public static SnapStartSecrets register(SsmSecrets ssm) {
        SnapStartSecrets secrets = new SnapStartSecrets(ssm);
        org.crac.Core.getGlobalContext().register(secrets);
        return secrets;
    }

    @Override
    public String secret(String reference) {
        return ssm.secret(reference);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
        ssm.forgetAll();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
        ssm.forgetAll();
        LOG.info("secrets will be read again after the restore");
    }
}
