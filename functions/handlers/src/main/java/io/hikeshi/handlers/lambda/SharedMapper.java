package io.hikeshi.handlers.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper of an execution environment, for the entry points and the wiring alike: built when first
 * asked for (a mapper is about 55 ms of a cold start, and the alarm function never needs one), once. Never
 * configured after it is built, so sharing it between threads and parts is safe.
 */
public final class SharedMapper {

    private SharedMapper() { }

    public static ObjectMapper get() {
        return Holder.JSON;
    }

    private static final class Holder {
        static final ObjectMapper JSON = new ObjectMapper();
    }
}
