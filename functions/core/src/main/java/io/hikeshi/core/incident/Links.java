package io.hikeshi.core.incident;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * URLs that came as data (a monitor's links, a pinned message's permalink, a tracking link): the web
 * page and the postmortem export make a link of one only when it is an absolute http(s) URL with a
 * host. Anything else ({@code javascript:}, {@code data:}, {@code vbscript:}, a relative or
 * scheme-relative address …) is shown as text. Escaping alone does not make a link safe: an escaped
 * {@code javascript:} URL still runs when clicked.
 */
public final class Links {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private Links() { }

    /**
     * The URL, when it may be a link. Parsed as RFC 3986 says, so what browsers would repair first (leading
     * blanks, tabs or line breaks inside the scheme, backslashes) is refused rather than guessed at.
     */
    public static Optional<String> http(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            boolean web = uri.getScheme() != null && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getRawAuthority() != null && uri.getHost() != null;
            return web ? Optional.of(url) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
