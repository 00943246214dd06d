package io.hikeshi.lambdaruntime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The project's AWS emulator (moto, bin/lib/aws_emulator.py in .tools/python) as a child process: it binds
 * a loopback port itself and prints its endpoint; it is stopped with this.
 */
final class AwsEmulatorProcess implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private AwsEmulatorProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** @param started told of the process as soon as it exists, so that it is stopped even if this never returns */
    static AwsEmulatorProcess start(Path python, Path script, Path log, java.util.function.Consumer<AutoCloseable> started) {
        Process process;
        try {
            process = new ProcessBuilder(python.toString(), script.toString())
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the AWS emulator (" + python + " " + script + "): " + e.getMessage(), e);
        }
        started.accept(() -> stop(process));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            // The first start imports every moto backend: up to two minutes on a busy machine.
            String line = firstLine.get(2, TimeUnit.MINUTES);
            if (line == null || !line.startsWith("http://")) {
                throw new IllegalStateException("the AWS emulator did not start; its log: " + log);
            }
            return new AwsEmulatorProcess(process, URI.create(line.strip()));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("the AWS emulator did not start in time; its log: " + log, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
