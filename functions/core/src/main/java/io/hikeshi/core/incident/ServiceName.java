package io.hikeshi.core.incident;

import java.util.regex.Pattern;

/**
 * What may name a service: lower-case letters, digits and '-', beginning with a letter or a digit, at most 63
 * characters (e.g. {@code payment-api}). One rule wherever a service is named: the declare form, webhooks, and the
 * service directory, where the name picks the owners and the response guide (a file name, so nothing else may reach
 * the file system).
 */
public final class ServiceName {

    public static final int MAX_LENGTH = 63;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_LENGTH - 1) + "}");

    private ServiceName() { }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
