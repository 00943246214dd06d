package io.hikeshi.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM on the Lambda artifact's class path: constructs a handler the way the Lambda
 * runtime does (no-arg constructor, configuration from the environment) and hands it one event.
 * Prints the handler's answer, then the milliseconds from the start of construction to the end of
 * the first event (JVM start excluded; without SnapStart). Imports nothing but the JDK and the
 * Lambda interface (and, for a handler of Lambda's event types, the runtime's serialization library), so it
 * loads nothing the function itself or Lambda's runtime would not.
 *
 * <p>Arguments: {@code handlerClass eventFile}.
 */
public final class ColdStartLauncher {

    private ColdStartLauncher() { }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        if (handler instanceof RequestStreamHandler stream) {
            stream.handleRequest(new ByteArrayInputStream(event), answer, null);
        } else {
            typed((RequestHandler<Object, Object>) handler, event, answer);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.println(answer.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.println(millis);
    }

    /**
     * A handler of one of Lambda's event types: the event decoded and the answer encoded by Lambda's own
     * serialization library, as the runtime does (it is the runtime's part, not the function's).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void typed(RequestHandler<Object, Object> handler, byte[] event, ByteArrayOutputStream answer) {
        // As the runtime does: the type of the handler's own handleRequest's event parameter.
        Class<?> type = Object.class;
        for (java.lang.reflect.Method m : handler.getClass().getDeclaredMethods()) {
            if (m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2) {
                type = m.getParameterTypes()[0];
            }
        }
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer in = LambdaEventSerializers.serializerFor(type, loader);
        Object result = handler.handleRequest(in.fromJson(new String(event, StandardCharsets.UTF_8)), null);
        PojoSerializer out = LambdaEventSerializers.serializerFor(result.getClass(), loader);
        out.toJson(result, answer);
    }
}
