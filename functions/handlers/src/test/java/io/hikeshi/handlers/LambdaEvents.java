package io.hikeshi.handlers;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.charset.StandardCharsets;

/** Lambda's own event types, read and written as Lambda's runtime does (its serialization library). */
public final class LambdaEvents {

    private LambdaEvents() { }

    public static <T> T read(Class<T> type, byte[] json) {
        return serializer(type).fromJson(new String(json, StandardCharsets.UTF_8));
    }

    public static <T> String write(T value, Class<T> type) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        serializer(type).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader());
    }
}
