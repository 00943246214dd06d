package io.hikeshi.bench;

import io.hikeshi.bench.coldstart.ColdStartBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/bench [name [args…]]}: runs one benchmark program, or (no name) every one, each in its
 * own JVM, and then prints their headline figures as one table (also written to
 * {@code bench/target/bench-summary.md}).
 */
public final class BenchMain {

    private static final List<String> ALL = List.of("alarm-storm", "webhooks", "slack-ack", "war-room", "slack-storm", "web", "cost",
            "cold-start");
    private static final String USAGE = """
            usage: bin/bench [name [args…]]   (no name: every benchmark, then one table of their figures)
              alarm-storm [events] [concurrency]   default 10000 100
              webhooks [alerts] [senders]          default 5000 50
              slack-ack [requests]                 default 1000
              war-room [incidents] [slack ms]      default 200 100
              slack-storm [alarms] [seconds]       default 30 60
              web [incidents]                      default 10000
              cost
              cold-start [runs] [function…]        default 5, every function""";

    private BenchMain() { }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        String[] rest = args.length <= 1 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "alarm-storm" -> AlarmStormBench.main(rest);
            case "webhooks" -> WebhookBench.main(rest);
            case "slack-ack" -> SlackAckBench.main(rest);
            case "war-room" -> WarRoomBench.main(rest);
            case "slack-storm" -> SlackStormBench.main(rest);
            case "web" -> WebBench.main(rest);
            case "cost" -> CostBench.main(rest);
            case "cold-start" -> ColdStartBench.main(rest);
            case "all" -> all();
            case "-h", "--help", "help" -> System.out.println(USAGE);
            default -> {
                System.err.println("unknown benchmark '" + which + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void all() throws Exception {
        Path summary = Files.createTempFile("hikeshi-bench-summary", ".tsv");
        long start = System.nanoTime();
        for (int i = 0; i < ALL.size(); i++) {
            System.out.printf("%n=== [%d/%d] bin/bench %s%n", i + 1, ALL.size(), ALL.get(i));
            run(ALL.get(i), summary);
        }
        String table = Summary.markdown(Summary.read(summary));
        Path saved = Path.of("bench", "target", "bench-summary.md");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, table);
        System.out.printf("%n=== Hikeshi benchmarks (%s, %d cores, %.0f min; also in %s)%n%n%s",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                (System.nanoTime() - start) / 6e10, saved, table);
        Files.delete(summary);
    }

    /** Each benchmark in its own JVM, so one's warm-up and heap do not flatter the other. */
    private static void run(String name, Path summary) throws Exception {
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dhikeshi.logLevel=" + System.getProperty("hikeshi.logLevel", "WARN"),
                "-D" + Summary.FILE_PROPERTY + "=" + summary, BenchMain.class.getName(), name)
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(name + " failed (exit " + p.exitValue() + ")");
        }
    }
}
