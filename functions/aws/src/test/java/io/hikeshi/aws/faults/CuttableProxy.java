package io.hikeshi.aws.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy that can make its upstream unreachable, for fault tests: put it between a
 * real SDK client and DynamoDB Local or an AWS emulator, then {@link #cut()} it.
 *
 * <p>While cut, nothing listens on the port (a connect is refused at once, as for a host that is
 * down) and every connection that was open has been closed in both directions, so a request in
 * flight loses its answer. {@link #restore()} listens on the same port again: clients keep their
 * endpoint, as they would when a real service comes back.
 *
 * <p>Bytes are copied unchanged (HTTP keep-alive included); each direction of each connection has
 * its own thread.
 */
public final class CuttableProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final int port;
    private final Object lock = new Object();
    private final Set<Socket> live = new HashSet<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger severed = new AtomicInteger();
    private ServerSocket listener;
    private Thread acceptor;
    private boolean closed;

    private CuttableProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        this.acceptor = acceptOn(listener);
    }

    /** Starts forwarding a free loopback port to {@code target}'s host and port (an http URI). */
    public static CuttableProxy to(URI target) {
        int targetPort = target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
        return new CuttableProxy(new InetSocketAddress(target.getHost(), targetPort));
    }

    /** The proxy's endpoint: {@code http://127.0.0.1:<port>}, to give the client instead of the target's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Stops listening and closes every open connection; connects are refused until {@link #restore()}.
     * Returns only once the port refuses: closing a listener while a thread is blocked in
     * {@code accept()} only marks it, and the JDK releases the port when that thread wakes, so the
     * accept thread is joined before returning.
     */
    public void cut() {
        Thread stopping;
        synchronized (lock) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            stopping = acceptor;
            acceptor = null;
            severed.addAndGet(live.size() / 2);
            live.forEach(CuttableProxy::closeQuietly);
            live.clear();
        }
        joinUninterruptibly(stopping);
    }

    /** Listens on the same port again. */
    public void restore() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("proxy is closed");
            }
            if (listener != null) {
                return;
            }
            listener = bind(port);
            acceptor = acceptOn(listener);
        }
    }

    public boolean isCut() {
        synchronized (lock) {
            return listener == null;
        }
    }

    /** Connections accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Connections that were open when a cut closed them. */
    public int connectionsSevered() {
        return severed.get();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        cut();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            // Rebinding the port a cut released must not wait for its old connections' TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private Thread acceptOn(ServerSocket server) {
        return Thread.ofPlatform().daemon().name("proxy-accept-" + port).start(() -> {
            while (true) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return; // this listener was cut (or closed)
                }
                accepted.incrementAndGet();
                Thread.ofPlatform().daemon().name("proxy-conn-" + port).start(() -> connect(server, client));
            }
        });
    }

    /** Opens the upstream side of one accepted connection and copies both ways until either side ends. */
    private void connect(ServerSocket acceptedBy, Socket client) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(upstream, 2_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        synchronized (lock) {
            if (listener != acceptedBy) {
                // A cut happened between accept and here: this connection belongs to the cut.
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            live.add(client);
            live.add(server);
        }
        Thread.ofPlatform().daemon().name("proxy-up-" + port).start(() -> pump(client, server));
        pump(server, client);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // closed by a cut or by the other side
        } catch (IOException e) {
            // the same, reported differently
        } finally {
            synchronized (lock) {
                live.remove(from);
                live.remove(to);
            }
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
