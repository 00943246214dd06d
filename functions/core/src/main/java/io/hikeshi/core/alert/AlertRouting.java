package io.hikeshi.core.alert;

import io.hikeshi.core.incident.Severity;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides the owning service and severity of an alert-opened incident. An alert that names them
 * itself (e.g. alarm tags) wins; otherwise the first route whose name pattern matches; otherwise
 * the defaults.
 */
public final class AlertRouting {

    /** A glob on the alert name ({@code *} any run, {@code ?} one character), case-insensitive. */
    public record Route(String namePattern, String service, Severity severity) {
        public Route {
            Objects.requireNonNull(namePattern, "namePattern");
        }
    }

    public record Decision(String service, Severity severity) { }

    private final List<Route> routes;
    private final List<Pattern> patterns;
    private final String defaultService;
    private final Severity defaultSeverity;

    public AlertRouting(List<Route> routes, String defaultService, Severity defaultSeverity) {
        this.routes = List.copyOf(routes);
        this.patterns = this.routes.stream().map(r -> globToRegex(r.namePattern())).toList();
        this.defaultService = Objects.requireNonNull(defaultService, "defaultService");
        this.defaultSeverity = Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    }

    /** No routes: every alert goes to the default service at SEV3. */
    public static AlertRouting defaults() {
        return new AlertRouting(List.of(), "unassigned", Severity.SEV3);
    }

    public Decision route(Alert alert) {
        Route match = null;
        for (int i = 0; i < routes.size() && match == null; i++) {
            match = patterns.get(i).matcher(alert.name()).matches() ? routes.get(i) : null;
        }
        String service = first(alert.service(), match == null ? null : match.service(), defaultService);
        Severity severity = first(alert.severity(), match == null ? null : match.severity(), defaultSeverity);
        return new Decision(service, severity);
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null && !(c instanceof String s && s.isBlank())) {
                return c;
            }
        }
        throw new IllegalStateException("no default");
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
