package io.hikeshi.core.secret;

/**
 * The port to where secrets live (SSM Parameter Store in AWS; fixed values in local mode and tests).
 * Secrets never come from plain environment variables or the repository in AWS.
 */
@FunctionalInterface
public interface Secrets {

    /**
     * @param reference where the secret is, e.g. {@code ssm:/hikeshi/integrations/alertmanager}
     * @return the secret's value
     * @throws IllegalStateException if it cannot be found
     */
    String secret(String reference);
}
