package io.hikeshi.web;

import io.hikeshi.core.access.SignedLinks;
import io.hikeshi.core.report.IncidentBrowser;
import io.hikeshi.web.WebApp.Request;
import io.hikeshi.web.WebApp.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may read: someone with a signed, unexpired link from {@code /incident web}. The link's token
 * is traded for a cookie at once and dropped from the address bar (a 303 to the same page without
 * it), so it is not left in the history or sent on in a Referer. Without {@link SignedLinks}
 * (local mode) everyone may read.
 */
final class SignIn {

    static final String COOKIE = "hikeshi_session";
    /** As long as a link is valid: 12 hours. */
    private static final int COOKIE_SECONDS = 43200;

    private static final Pattern SAME_SITE_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\p{Cntrl}\\s]*");

    private final SignedLinks links;

    /** @param links null: no sign-in needed */
    SignIn(SignedLinks links) {
        this.links = links;
    }

    /** Empty when the request may be answered; otherwise the answer instead (the 303 that signs in, or a 401). */
    Optional<Response> check(Request request, Words words, Pages pages) {
        if (links == null) {
            return Optional.empty();
        }
        String token = request.query().get("token");
        if (token != null) {
            return Optional.of(links.verify(token).isPresent() ? signedIn(request, token) : pages.signInNeeded(words));
        }
        return hasSession(request.cookie()) ? Optional.empty() : Optional.of(pages.signInNeeded(words));
    }

    /**
     * Who reads: the person the session's link was issued to (the token being signed in with, else the cookie's), or
     * anyone when no sign-in is needed. Asked only of a request {@link #check} let through.
     */
    IncidentBrowser.Reader reader(Request request) {
        if (links == null) {
            return IncidentBrowser.Reader.ANYONE;
        }
        String token = request.query().get("token");
        return links.verify(token != null ? token : cookie(request.cookie())).map(IncidentBrowser.Reader::person)
                .orElseThrow(() -> new IllegalStateException("a request without a session got past the sign-in"));
    }

    /** Whether a Cookie header carries a valid session (always, when no sign-in is needed). */
    boolean hasSession(String cookieHeader) {
        return links == null || links.verify(cookie(cookieHeader)).isPresent();
    }

    private static Response signedIn(Request request, String token) {
        Map<String, String> rest = new LinkedHashMap<>(request.query());
        rest.remove("token");
        String query = Parameters.encode(rest);
        String path = sameSite(request.path());
        String location = query.isEmpty() ? path : path + "?" + query;
        return new Response(303, "text/plain", "", Map.of("Location", location,
                "Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=" + COOKIE_SECONDS));
    }

    /**
     * Where signing in goes on to: the page asked for, when it is a path on this site, otherwise the
     * list. Only a single leading {@code /} followed by printable characters other than {@code \}
     * qualifies: {@code //host} and {@code /\host} are read by browsers as another host, and they drop
     * tabs and line breaks from a URL, which would turn {@code /<TAB>/host} into {@code //host}. The path
     * must qualify percent-decoded too ({@code /%2F%2Fhost}), since a server or proxy on the way may decode it.
     */
    static String sameSite(String path) {
        return qualifies(path) && qualifies(percentDecoded(path)) ? path : "/";
    }

    private static boolean qualifies(String path) {
        return path != null && SAME_SITE_PATH.matcher(path).matches();
    }

    /** The path with its %XX escapes decoded ({@code +} stays itself), or null when they are malformed. */
    private static String percentDecoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The session cookie's value from a Cookie header, or null. */
    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String pair = part.trim();
            if (pair.startsWith(COOKIE + "=")) {
                return pair.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
