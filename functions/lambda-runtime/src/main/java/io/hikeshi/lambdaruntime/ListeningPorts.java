package io.hikeshi.lambdaruntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP ports a process listens on, read from Linux's /proc: the inodes of its sockets
 * (/proc/PID/fd/* → {@code socket:[inode]}) matched with the listening sockets of its network namespace
 * (/proc/PID/net/tcp and tcp6, state 0A). How the port a process bound on port 0 is learnt when it does
 * not print it. RIE runs on Linux only, so this does too.
 */
final class ListeningPorts {

    private static final String LISTEN = "0A";

    private ListeningPorts() { }

    static Set<Integer> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        } catch (IOException gone) {
            return new TreeSet<>();
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                ports.addAll(listening(Files.readAllLines(proc.resolve(table)), sockets));
            } catch (IOException noSuchTable) {
                // no IPv6 here
            }
        }
        return ports;
    }

    /** The local ports of the LISTEN rows of a /proc/net/tcp table whose inode is one of {@code sockets}. */
    static Set<Integer> listening(List<String> table, Set<String> sockets) {
        Set<Integer> ports = new TreeSet<>();
        for (String row : table.subList(Math.min(1, table.size()), table.size())) {
            String[] f = row.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
            if (f.length > 9 && f[3].equals(LISTEN) && sockets.contains(f[9])) {
                ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
            }
        }
        return ports;
    }
}
