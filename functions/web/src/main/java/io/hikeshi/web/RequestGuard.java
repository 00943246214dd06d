package io.hikeshi.web;

import io.hikeshi.core.i18n.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a browser-reachable server on a person's machine checks before it routes a request, whoever
 * the route is for:
 * <ul>
 *   <li><b>The Host is one of ours</b> ({@code 127.0.0.1:<port>}, {@code localhost:<port>} and the names
 *   given to it), else 421. A page on an attacker's domain that re-points its name at 127.0.0.1 (DNS
 *   rebinding) is same-origin with this server as far as the browser knows, but its requests still
 *   carry the attacker's name in Host.</li>
 *   <li><b>A request that changes something comes from our own pages</b>, else 403: its {@code Origin},
 *   when a browser sent one, names the Host it was sent to, and its {@code Sec-Fetch-Site}, when sent,
 *   is {@code same-origin} or {@code none}. Browsers send Origin on every POST; programs (curl, monitors,
 *   Slack) send neither header, and are answered by the route's own authentication.</li>
 * </ul>
 * The deployed web function needs neither: API Gateway answers only to the API's own domain, over TLS,
 * and the function serves GET alone.
 */
public final class RequestGuard {

    /**
     * What the guard reads of a request: its method, its {@code Host}, {@code Origin} and
     * {@code Sec-Fetch-Site} headers (null when absent), and the port it arrived on.
     */
    public record Request(String method, String host, String origin, String fetchSite, int port) { }

    /** Why a request is not served: the HTTP status and the words for the person who sent it. */
    public record Refusal(int status, Text reason) { }

    /** RFC 9110 §9.2.1: these only read. Everything else must come from our own pages. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /**
     * Sec-Fetch-Site values of a request our own pages made, or a person typed in the address bar
     * (https://developer.mozilla.org/docs/Web/HTTP/Headers/Sec-Fetch-Site; "same-site" is another
     * port or subdomain, which is another server).
     */
    private static final Set<String> OUR_OWN_FETCH = Set.of("same-origin", "none");
    /** RFC 9110 §15.5.20: "directed at a server that is unable or unwilling to produce an authoritative response". */
    private static final int MISDIRECTED = 421;

    private final List<String> extraHosts;

    /**
     * @param extraHosts names this server answers to besides the loopback ones, each {@code name} (any
     *                   port) or {@code name:port}; a tunnel's public name must be given here
     */
    public RequestGuard(List<String> extraHosts) {
        this.extraHosts = extraHosts.stream().map(RequestGuard::normalised).toList();
    }

    /** Empty when the request may go on to its route; otherwise why not. */
    public Optional<Refusal> check(Request request) {
        String host = request.host() == null ? "" : normalised(request.host());
        List<String> allowed = allowedHosts(request.port());
        if (allowed.stream().noneMatch(name -> matches(name, host))) {
            return Optional.of(new Refusal(MISDIRECTED, Text.of("guard.host.refused",
                    request.host() == null ? "" : request.host(), String.join(", ", allowed))));
        }
        if (SAFE_METHODS.contains(request.method())) {
            return Optional.empty();
        }
        if (request.fetchSite() != null && !OUR_OWN_FETCH.contains(request.fetchSite().toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(403, Text.of("guard.fetchSite.refused", request.fetchSite())));
        }
        if (request.origin() != null && !host.equals(authority(request.origin()))) {
            return Optional.of(new Refusal(403, Text.of("guard.origin.refused", request.origin())));
        }
        return Optional.empty();
    }

    /** The names this server answers to on this port, as a person would type them. */
    public List<String> allowedHosts(int port) {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1:" + port, "localhost:" + port));
        hosts.addAll(extraHosts);
        return hosts;
    }

    /** An entry without a port allows its name on any port (a tunnel's name arrives without one). */
    private static boolean matches(String allowed, String host) {
        return allowed.equals(host) || (!hasPort(allowed) && host.startsWith(allowed + ":") && hasPort(host));
    }

    private static boolean hasPort(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') && colon < authority.length() - 1
                && authority.substring(colon + 1).chars().allMatch(Character::isDigit);
    }

    /** An Origin's {@code host[:port]} as a Host header would carry it, or null for {@code null} and other non-URLs. */
    private static String authority(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getRawAuthority() != null ? normalised(uri.getRawAuthority()) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Names compare without case, and {@code example.com.} is {@code example.com}. */
    private static String normalised(String authority) {
        String lower = authority.trim().toLowerCase(Locale.ROOT);
        return lower.replaceFirst("\\.(?=:\\d*$|$)", "");
    }
}
