package io.hikeshi.aws.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fault tests rely on these three properties of the proxy; each is checked here on a plain echo server. */
class CuttableProxyTest {

    @Test
    void bytes_passUnchanged_untilACut_refusesConnectsAndBreaksOpenOnes_andRestoreServesTheSamePortAgain() throws Exception {
        // GIVEN an echo server behind the proxy, and a connection through it that works
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CuttableProxy proxy = CuttableProxy.to(URI.create("http://127.0.0.1:" + echo.getLocalPort()))) {
            Thread.ofPlatform().daemon().start(() -> serveEcho(echo));
            URI endpoint = proxy.endpoint();
            Socket open = new Socket(endpoint.getHost(), endpoint.getPort());
            assertEquals("ping", roundTrip(open, "ping"));

            // WHEN it is cut
            proxy.cut();

            // THEN the open connection is broken and a new one is refused
            open.setSoTimeout(2_000);
            assertEquals(-1, readOrEnd(open.getInputStream()), "the open connection was closed by the cut");
            assertThrows(ConnectException.class, () -> new Socket(endpoint.getHost(), endpoint.getPort()).close());
            assertTrue(proxy.isCut());
            assertEquals(1, proxy.connectionsSevered());

            // WHEN restored, THEN the same endpoint works again
            proxy.restore();
            try (Socket again = new Socket(endpoint.getHost(), endpoint.getPort())) {
                assertEquals("pong", roundTrip(again, "pong"));
            }
            open.close();
        }
    }

    @Test
    void cut_refusesEveryConnect_overAThousandCutAndRestoreCycles() throws Exception {
        // GIVEN a proxy in front of an echo server
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CuttableProxy proxy = CuttableProxy.to(URI.create("http://127.0.0.1:" + echo.getLocalPort()))) {
            Thread.ofPlatform().daemon().start(() -> serveEcho(echo));
            URI endpoint = proxy.endpoint();
            int connectedWhileCut = 0;
            // WHEN it is cut and restored a thousand times, with a connect attempt right after each cut
            for (int cycle = 0; cycle < 1_000; cycle++) {
                proxy.cut();
                try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
                    connectedWhileCut++;
                } catch (ConnectException refused) {
                    // what a cut promises
                }
                proxy.restore(); // THEN restoring never meets "address in use" either
            }
            // THEN no connect ever got through a cut, and the restored port still serves
            assertEquals(0, connectedWhileCut);
            try (Socket again = new Socket(endpoint.getHost(), endpoint.getPort())) {
                assertEquals("ok", roundTrip(again, "ok"));
            }
        }
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.setSoTimeout(2_000);
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] answer = socket.getInputStream().readNBytes(text.length());
        return new String(answer, StandardCharsets.US_ASCII);
    }

    /** The next byte, or -1 when the peer closed; a reset counts as closed. */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static void serveEcho(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofPlatform().daemon().start(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException ignored) {
                        // the proxy closed it
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }
}
