package io.hikeshi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hikeshi.core.i18n.Messages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard's rules, request by request: which Host names are ours, which changes come from our own pages. */
class RequestGuardTest {

    private static final int PORT = 8080;
    private final RequestGuard guard = new RequestGuard(List.of("Tunnel.Example.NET", "lan.example:9000"));

    @ParameterizedTest(name = "Host {0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            127.0.0.1:8080                  | 0
            localhost:8080                  | 0
            LOCALHOST:8080                  | 0
            localhost.:8080                 | 0
            tunnel.example.net              | 0
            tunnel.example.net:443          | 0
            tunnel.example.net.             | 0
            lan.example:9000                | 0
            lan.example:9001                | 421
            lan.example                     | 421
            127.0.0.1:8081                  | 421
            127.0.0.1                       | 421
            localhost                       | 421
            evil.example:8080               | 421
            127.0.0.1.evil.example:8080     | 421
            tunnel.example.net.evil.example | 421
            evil@127.0.0.1:8080             | 421
            tunnel.example.net:x            | 421
            ''                              | 421
            NONE                            | 421
            """)
    void onlyOurNames_areAnswered(String host, int status) {
        // GIVEN a GET naming this host
        // WHEN the guard reads it
        Optional<RequestGuard.Refusal> refusal = guard.check(new RequestGuard.Request("GET", host, null, null, PORT));

        // THEN only the loopback names on our port and the names given are answered; anything else is 421
        assertEquals(status, refusal.map(RequestGuard.Refusal::status).orElse(0), String.valueOf(host));
    }

    @ParameterizedTest(name = "{0} Origin {1}, Sec-Fetch-Site {2} → {3}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            POST   | NONE                         | NONE        | 0
            POST   | http://127.0.0.1:8080        | NONE        | 0
            POST   | http://127.0.0.1:8080        | same-origin | 0
            POST   | NONE                         | none        | 0
            DELETE | http://127.0.0.1:8080        | same-origin | 0
            GET    | http://evil.example          | cross-site  | 0
            HEAD   | http://evil.example          | cross-site  | 0
            POST   | http://evil.example          | NONE        | 403
            POST   | http://evil.example          | cross-site  | 403
            POST   | NONE                         | cross-site  | 403
            POST   | NONE                         | same-site   | 403
            POST   | http://127.0.0.1:8080        | cross-site  | 403
            POST   | null                         | NONE        | 403
            POST   | http://localhost:8080        | NONE        | 403
            POST   | http://127.0.0.1:9999        | NONE        | 403
            POST   | http://127.0.0.1             | NONE        | 403
            POST   | file://                      | NONE        | 403
            POST   | javascript:alert(1)          | NONE        | 403
            POST   | ' '                          | NONE        | 403
            PUT    | http://evil.example          | NONE        | 403
            DELETE | http://evil.example          | NONE        | 403
            PATCH  | http://evil.example          | NONE        | 403
            """)
    void changes_comeOnlyFromOurOwnPages(String method, String origin, String fetchSite, int status) {
        // GIVEN a request to 127.0.0.1:8080 with this Origin and Sec-Fetch-Site (NONE: not sent, as by curl)
        // WHEN the guard reads it
        Optional<RequestGuard.Refusal> refusal = guard.check(
                new RequestGuard.Request(method, "127.0.0.1:8080", origin, fetchSite, PORT));

        // THEN reads pass; a change passes only from this origin, or from a program that sends neither header
        assertEquals(status, refusal.map(RequestGuard.Refusal::status).orElse(0));
    }

    @Test
    void aTunnelsPages_mayPostThroughTheTunnel() {
        // GIVEN the page served through the tunnel (TLS at the tunnel, plain HTTP to this machine)
        // WHEN it posts
        // THEN its https Origin matches the Host the tunnel forwards
        assertEquals(Optional.empty(), guard.check(new RequestGuard.Request("POST", "tunnel.example.net",
                "https://tunnel.example.net", "same-origin", PORT)));
    }

    @Test
    void aRefusal_namesTheHostAndTheWayToAllowIt_inBothLanguages() {
        // GIVEN a request naming another host
        RequestGuard.Refusal refusal = guard.check(new RequestGuard.Request("GET", "evil.example", null, null, PORT))
                .orElseThrow();

        // WHEN its reason is read in English and in Japanese
        String english = refusal.reason().render(Messages.of(Messages.ENGLISH));
        String japanese = refusal.reason().render(Messages.of(Messages.JAPANESE));

        // THEN both name the host refused, the names answered and the option
        for (String text : List.of(english, japanese)) {
            assertTrue(text.contains("evil.example") && text.contains("127.0.0.1:8080, localhost:8080, tunnel.example.net")
                    && text.contains("--allow-host"), text);
        }
    }
}
