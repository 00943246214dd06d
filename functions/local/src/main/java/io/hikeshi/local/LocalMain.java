package io.hikeshi.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Hikeshi on one machine: DynamoDB Local embedded, the same core and handlers, one HTTP server.
 * No AWS account and no Slack workspace needed.
 */
public final class LocalMain {

    static final String USAGE = """
            usage: hikeshi-local [--port N] [--host ADDR] [--allow-host NAME]... [--data-dir DIR] [--auto-resolve]
                                 [--require-login] [--slack-log FILE]

              --port N        HTTP port (default 8080, or $HIKESHI_PORT; 0 picks a free one and prints it)
              --host ADDR     address to listen on (default 127.0.0.1, this machine only; any other
                              address lets other machines reach it, and a warning is printed)
              --allow-host NAME  a name the server answers to besides 127.0.0.1:PORT and localhost:PORT,
                              as NAME (any port) or NAME:PORT; repeatable. A tunnel's public name must be
                              given here (e.g. --allow-host abc123.example-tunnel.dev); requests naming
                              any other host get 421, against DNS rebinding
              --data-dir DIR  keep incidents in DIR between runs (default: in memory, gone on exit)
              --auto-resolve  an alarm returning to OK resolves its incident (default: mitigates it)
              --require-login the web page asks for a signed link, as in AWS (one is printed at start), and
                              so does every route but /alerts/* and /slack/events (which their senders
                              sign): /api/* and /aws/eventbridge answer 401 without the session cookie
                              (curl -b hikeshi_session=TOKEN, the token from the link)
              --slack-log FILE append one JSON line per Slack Web API call to FILE:
                              {"method": ..., "args": {...}, "ok": true|false, "error": ...}
                              (every argument; blocks and views as JSON; the Slack stub's calls, i.e.
                              without HIKESHI_SLACK_BOT_TOKEN)
            """;

    private LocalMain() { }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hikeshi-local: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        if (!options.listensOnThisMachineOnly()) {
            System.out.println("WARNING: listening on " + options.host + ": other machines can reach local mode, whose API"
                    + " and web page need no login unless --require-login is given. Only names given with --allow-host,"
                    + " 127.0.0.1 and localhost are answered.");
        }
        LocalHikeshi hikeshi = LocalHikeshi.start(options, System.getenv(), true, System.out);
        String loginLink = hikeshi.loginLink("local-user");
        if (loginLink != null) {
            System.out.println("web login link (12 h): " + loginLink);
        }
        System.out.printf("""
                Hikeshi is running (local mode) on http://%s:%d   ← open it: incidents, metrics, postmortems
                  try:  bin/fire events/alarm-metric-alarm.json        (a sample alarm, as if it fired now)
                        curl localhost:%d/api/incidents
                  webhooks: POST /alerts/{alertmanager,grafana,datadog,generic}, secret '%s' (bin/fire signs them)
                  slack:    POST /slack/events, signing secret '%s'; %s
                            try:  bin/slack-send command "/incident help"
                  stop: Ctrl-C
                """, options.linkHost(), hikeshi.port(), hikeshi.port(), hikeshi.webhookSecret(), hikeshi.signingSecret(),
                hikeshi.slackDescription());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hikeshi.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    static final class Options {
        int port = Integer.parseInt(System.getenv().getOrDefault("HIKESHI_PORT", "8080"));
        String host = "127.0.0.1";
        List<String> allowedHosts = new ArrayList<>();
        Path dataDir;
        boolean autoResolve;
        boolean requireLogin;
        Path slackLog;
        boolean help;
        String table = "hikeshi-incidents";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> o.port = port(value(args, ++i, "--port"));
                    case "--host" -> o.host = value(args, ++i, "--host");
                    case "--allow-host" -> o.allowedHosts.add(hostName(value(args, ++i, "--allow-host")));
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, "--data-dir"));
                    case "--auto-resolve" -> o.autoResolve = true;
                    case "--require-login" -> o.requireLogin = true;
                    case "--slack-log" -> o.slackLog = Path.of(value(args, ++i, "--slack-log"));
                    case "-h", "--help" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }

        /** Whether the listening address is this machine's loopback (127.0.0.1, ::1, localhost). */
        boolean listensOnThisMachineOnly() {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /**
         * The names the server answers to besides 127.0.0.1 and localhost on its port: --allow-host, and the
         * address it listens on when that is another one (on any port: the person chose that address).
         */
        List<String> extraHosts() {
            List<String> hosts = new ArrayList<>(allowedHosts);
            if (!listensOnAnyAddress() && !List.of("127.0.0.1", "localhost").contains(host)) {
                hosts.add(linkHost());
            }
            return hosts;
        }

        /** The host for links printed and handed out: the listening address, or 127.0.0.1 when that is every address. */
        String linkHost() {
            if (listensOnAnyAddress()) {
                return "127.0.0.1";
            }
            return host.contains(":") ? "[" + host + "]" : host;
        }

        private boolean listensOnAnyAddress() {
            try {
                return InetAddress.getByName(host).isAnyLocalAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /** A Host header's name, with an optional port: no scheme, path or blanks, which no Host header carries. */
        private static String hostName(String text) {
            if (!text.matches("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d{1,5})?")) {
                throw new IllegalArgumentException("--allow-host takes a host name as a Host header carries it (NAME or"
                        + " NAME:PORT, no scheme or path), was " + text);
            }
            return text;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number from 0 to 65535, was " + text);
            }
        }
    }
}
