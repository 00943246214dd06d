package io.hikeshi.bench;

import java.util.Arrays;

/** {@code bin/bench [alarm-storm|webhooks|slack-ack] [args…]}: runs one benchmark program, or all. */
public final class BenchMain {

    private BenchMain() { }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        String[] rest = args.length <= 1 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "alarm-storm" -> AlarmStormBench.main(rest);
            case "webhooks" -> WebhookBench.main(rest);
            case "slack-ack" -> SlackAckBench.main(rest);
            case "war-room" -> WarRoomBench.main(rest);
            case "web" -> WebBench.main(rest);
            case "cost" -> CostBench.main(rest);
            case "cold-start" -> ColdStartBench.main(rest);
            case "all" -> {
                run("alarm-storm");
                run("webhooks");
                run("slack-ack");
                run("war-room");
                run("web");
                run("cost");
                run("cold-start");
            }
            default -> {
                System.err.println("usage: bin/bench [alarm-storm [events] [concurrency] | webhooks [alerts] [senders] | slack-ack [requests] | war-room [incidents] [slack ms] | web [incidents] | cost | cold-start [runs]]");
                System.exit(2);
            }
        }
    }

    /** Each benchmark in its own JVM, so one's warm-up and heap do not flatter the other. */
    private static void run(String name) throws Exception {
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dhikeshi.logLevel=" + System.getProperty("hikeshi.logLevel", "WARN"), BenchMain.class.getName(), name)
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(name + " failed (exit " + p.exitValue() + ")");
        }
    }
}
