package io.hikeshi.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
 * Lambda interface, so it loads nothing the function itself would not.
 *
 * <p>Arguments: {@code handlerClass eventFile}.
 */
public final class ColdStartLauncher {

    private ColdStartLauncher() { }

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        long start = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        handler.handleRequest(new ByteArrayInputStream(event), answer, null);
        double millis = (System.nanoTime() - start) / 1e6;
        System.out.println(answer.toString(StandardCharsets.UTF_8).replace('\n', ' '));
        System.out.println(millis);
    }
}
