package io.hikeshi.handlers.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hikeshi.core.incident.ServiceName;
import io.hikeshi.core.incident.Severity;
import io.hikeshi.core.warroom.ServiceDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link ServiceDirectory} the team keeps in the repository.
 *
 * <p>Services come from JSON (bundled {@code services.json}, or another file):
 * <pre>{"default": {"ownerUsers": [], "ownerUserGroups": [], "runbookUrl": null, "dashboardUrl": null},
 *  "services": {"payment-api": {"ownerUsers": ["U0ALICE"], "ownerUserGroups": ["S0PAYMENTS"],
 *                               "runbookUrl": "https://…", "dashboardUrl": "https://…"}}}</pre>
 * A field a service leaves out is taken from {@code default}; an unknown service gets the default
 * profile under its own name.
 *
 * <p>Response guides are Markdown, one file per service plus {@code default.md} (bundled under
 * {@code guides/}, or in another directory): a {@code # Title} line, then {@code ## SEV1} …
 * {@code ## SEV4} and {@code ## Any} sections of list items ({@code - [ ] step}, {@code - [x] step},
 * {@code - step} or {@code 1. step}), each a step people tick in the war room; other text is for
 * the file's readers. The guide for (service, severity) is the service file's section for the severity, else its {@code ## Any} section, else the same two from {@code default.md}. The default
 * guide must cover every severity, or loading fails. Files are read once; services that are not a
 * {@link ServiceName} never reach the file system and get the default guide.
 */
public final class ConfiguredServiceDirectory implements ServiceDirectory {

    public static final String SERVICES_RESOURCE = "/services.json";
    public static final String GUIDES_RESOURCE_DIR = "/guides/";
    /** Where the guides live in the repository: the {@link ResponseGuide#source()} prefix. */
    public static final String GUIDES_SOURCE_DIR = "infrastructure/guides/";
    public static final String DEFAULT_GUIDE = "default";

    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern SLACK_USER_GROUP = Pattern.compile("S[A-Z0-9]{2,}");
    private static final Set<String> PROFILE_FIELDS = Set.of("ownerUsers", "ownerUserGroups", "runbookUrl", "dashboardUrl");
    /** Service names come from alarms and people; past this many cached guides, guides are resolved uncached. */
    private static final int MAX_CACHED = 2048;

    private final ServiceProfile defaultProfile;
    private final Map<String, ServiceProfile> profiles;
    private final GuideSource guideSource;
    private final Map<Severity, ResponseGuide> defaultGuides;
    private final ConcurrentMap<String, Optional<GuideFile>> files = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ResponseGuide> guides = new ConcurrentHashMap<>();

    ConfiguredServiceDirectory(Services services, GuideSource guideSource) {
        this.defaultProfile = services.defaultProfile();
        this.profiles = services.profiles();
        this.guideSource = guideSource;
        GuideFile defaults = guideSource.read(DEFAULT_GUIDE).map(text -> GuideFile.parse(DEFAULT_GUIDE, text))
                .orElseThrow(() -> new IllegalStateException("no default response guide: " + guideSource.describe(DEFAULT_GUIDE)
                        + " is missing; every service without a guide of its own falls back to it"));
        Map<Severity, ResponseGuide> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, defaults.guide(severity).orElseThrow(() -> new IllegalStateException(
                    guideSource.describe(DEFAULT_GUIDE) + " has no steps for " + severity
                            + ": add a '## " + severity + "' or '## Any' section with '- [ ] step' items")));
        }
        this.defaultGuides = Collections.unmodifiableMap(bySeverity);
    }

    /**
     * @param servicesOverridePath a services JSON file to use instead of the bundled one; null or blank for the bundled one
     * @param guidesOverrideDir    a directory of guides to use instead of the bundled ones; null or blank for the bundled ones
     * @throws IllegalStateException naming the file when the configuration cannot be read or is invalid,
     *                               or when there is no default guide
     */
    public static ConfiguredServiceDirectory load(ObjectMapper json, String servicesOverridePath, String guidesOverrideDir) {
        Services services = loadServices(json, servicesOverridePath);
        GuideSource source = guidesOverrideDir == null || guidesOverrideDir.isBlank()
                ? GuideSource.classpath()
                : GuideSource.directory(Path.of(guidesOverrideDir));
        return new ConfiguredServiceDirectory(services, source);
    }

    @Override
    public ServiceProfile profile(String service) {
        ServiceProfile configured = isServiceName(service) ? profiles.get(service) : null;
        if (configured != null) {
            return configured;
        }
        return new ServiceProfile(service, defaultProfile.ownerUsers(), defaultProfile.ownerUserGroups(),
                defaultProfile.runbookUrl(), defaultProfile.dashboardUrl());
    }

    @Override
    public ResponseGuide guide(String service, Severity severity) {
        if (severity == null) {
            throw new IllegalArgumentException("severity is required");
        }
        if (!isServiceName(service)) {
            return defaultGuides.get(severity);
        }
        String key = service + ' ' + severity.name();
        ResponseGuide cached = guides.get(key);
        if (cached != null) {
            return cached;
        }
        if (guides.size() >= MAX_CACHED) {
            return resolve(service, severity);
        }
        return guides.computeIfAbsent(key, k -> resolve(service, severity));
    }

    @Override
    public List<String> services() {
        return List.copyOf(profiles.keySet());
    }

    static boolean isServiceName(String service) {
        return ServiceName.isValid(service);
    }

    private ResponseGuide resolve(String service, Severity severity) {
        Optional<GuideFile> own = files.size() >= MAX_CACHED
                ? readGuide(service)
                : files.computeIfAbsent(service, this::readGuide);
        return own.flatMap(file -> file.guide(severity)).orElseGet(() -> defaultGuides.get(severity));
    }

    private Optional<GuideFile> readGuide(String service) {
        return guideSource.read(service).map(text -> GuideFile.parse(service, text));
    }

    // ---- services.json --------------------------------------------------------------------------

    record Services(ServiceProfile defaultProfile, Map<String, ServiceProfile> profiles) { }

    static Services loadServices(ObjectMapper json, String overridePath) {
        if (overridePath != null && !overridePath.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(overridePath))) {
                return parseServices(json, in, overridePath);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read services from " + overridePath + ": " + e.getMessage(), e);
            }
        }
        String origin = "classpath:" + SERVICES_RESOURCE;
        try (InputStream in = ConfiguredServiceDirectory.class.getResourceAsStream(SERVICES_RESOURCE)) {
            return in == null ? new Services(emptyProfile(), Map.of()) : parseServices(json, in, origin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read services from " + origin + ": " + e.getMessage(), e);
        }
    }

    static Services parseServices(ObjectMapper json, InputStream in, String origin) throws IOException {
        JsonNode root = json.readTree(in);
        if (root == null || root.isMissingNode()) {
            throw new IllegalStateException(origin + " is empty");
        }
        if (!root.isObject()) {
            throw new IllegalStateException(origin + ": expected a JSON object with \"default\" and \"services\"");
        }
        JsonNode defaults = root.get("default");
        ServiceProfile defaultProfile = defaults == null || defaults.isNull()
                ? emptyProfile()
                : profile(null, defaults, emptyProfile(), origin + " default");
        Map<String, ServiceProfile> profiles = new LinkedHashMap<>();
        JsonNode services = root.get("services");
        if (services != null && !services.isNull()) {
            if (!services.isObject()) {
                throw new IllegalStateException(origin + " services: expected an object of service name to profile");
            }
            for (Map.Entry<String, JsonNode> entry : services.properties()) {
                String name = entry.getKey();
                String where = origin + " services." + name;
                if (!isServiceName(name)) {
                    throw new IllegalStateException(where + ": a service name is 1 to 63 lowercase letters, digits and '-',"
                            + " starting with a letter or digit");
                }
                profiles.put(name, profile(name, entry.getValue(), defaultProfile, where));
            }
        }
        return new Services(defaultProfile, Collections.unmodifiableMap(profiles));
    }

    private static ServiceProfile emptyProfile() {
        return new ServiceProfile(null, List.of(), List.of(), null, null);
    }

    private static ServiceProfile profile(String service, JsonNode node, ServiceProfile inherited, String where) {
        if (!node.isObject()) {
            throw new IllegalStateException(where + ": expected an object with " + String.join(", ", sorted(PROFILE_FIELDS)));
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String field = property.getKey();
            if (!PROFILE_FIELDS.contains(field)) {
                throw new IllegalStateException(where + "." + field + ": unknown field (expected one of "
                        + String.join(", ", sorted(PROFILE_FIELDS)) + ")");
            }
        }
        List<String> users = node.has("ownerUsers")
                ? ids(node.get("ownerUsers"), SLACK_USER, "a Slack user id like U0123ABCD", where + ".ownerUsers")
                : inherited.ownerUsers();
        List<String> groups = node.has("ownerUserGroups")
                ? ids(node.get("ownerUserGroups"), SLACK_USER_GROUP, "a Slack user-group id like S0123ABCD", where + ".ownerUserGroups")
                : inherited.ownerUserGroups();
        String runbook = node.has("runbookUrl") ? url(node.get("runbookUrl"), where + ".runbookUrl") : inherited.runbookUrl();
        String dashboard = node.has("dashboardUrl") ? url(node.get("dashboardUrl"), where + ".dashboardUrl") : inherited.dashboardUrl();
        return new ServiceProfile(service, users, groups, runbook, dashboard);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static List<String> ids(JsonNode node, Pattern pattern, String expected, String where) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalStateException(where + ": expected an array of ids");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (!id.isTextual() || !pattern.matcher(id.asText()).matches()) {
                throw new IllegalStateException(where + "[" + i + "]: expected " + expected + " (not a name or @mention), got " + id);
            }
            if (!ids.contains(id.asText())) {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    private static String url(JsonNode node, String where) {
        if (node.isNull()) {
            return null;
        }
        String text = node.isTextual() ? node.asText().strip() : null;
        if (text == null || text.isEmpty()) {
            throw new IllegalStateException(where + ": expected an http(s) URL or null, got " + node);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IllegalStateException(where + ": expected an http(s) URL, got '" + text + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(where + ": not a valid URL: " + e.getMessage());
        }
        return text;
    }

    // ---- guides ---------------------------------------------------------------------------------

    /** Where guide files come from. {@code name} is an already validated service name (or "default"). */
    interface GuideSource {

        /** The guide's text, or empty when there is no such guide. */
        Optional<String> read(String name);

        /** The guide's location, for error messages. */
        String describe(String name);

        static GuideSource classpath() {
            return new GuideSource() {
                @Override
                public Optional<String> read(String name) {
                    String resource = GUIDES_RESOURCE_DIR + name + ".md";
                    try (InputStream in = ConfiguredServiceDirectory.class.getResourceAsStream(resource)) {
                        return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read response guide " + describe(name) + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public String describe(String name) {
                    return "classpath:" + GUIDES_RESOURCE_DIR + name + ".md";
                }
            };
        }

        static GuideSource directory(Path dir) {
            Path root = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("response guide directory " + dir + " does not exist or is not a directory");
            }
            return new GuideSource() {
                @Override
                public Optional<String> read(String name) {
                    Path file = root.resolve(name + ".md").normalize();
                    if (!file.getParent().equals(root) || !Files.isRegularFile(file)) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read response guide " + file + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public String describe(String name) {
                    return root.resolve(name + ".md").toString();
                }
            };
        }
    }

    /** One parsed guide file: its title and its checklist sections. */
    record GuideFile(String fileName, String title, Map<Severity, List<String>> sections, List<String> any) {

        private static final Pattern SECTION = Pattern.compile("(?i)(?:sev\\s*-?\\s*([1-4])|(any))(?![a-z0-9]).*");
        private static final Pattern ITEM = Pattern.compile("(?:[-*+]|\\d{1,9}[.)])\\s+(?:\\[[ xX]]\\s*)?(.*)");

        /** The guide for this severity from this file alone: its section, else its Any section. */
        Optional<ResponseGuide> guide(Severity severity) {
            List<String> steps = sections.getOrDefault(severity, List.of());
            if (steps.isEmpty()) {
                steps = any;
            }
            return steps.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new ResponseGuide(title + " — " + severity.name(), steps, GUIDES_SOURCE_DIR + fileName));
        }

        /**
         * Lenient by design: unknown headings end a section, prose and fenced code are skipped,
         * indented lines continue the item above, a repeated section adds to the first.
         */
        static GuideFile parse(String name, String text) {
            String title = null;
            Map<Severity, List<String>> sections = new EnumMap<>(Severity.class);
            List<String> any = new ArrayList<>();
            List<String> current = null;
            boolean inFence = false;
            boolean continuable = false;
            String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
            for (String raw : body.lines().toList()) {
                String line = raw.replace("\t", "    ");
                String trimmed = line.strip();
                int indent = line.length() - line.stripLeading().length();
                if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                    inFence = !inFence;
                    continuable = false;
                    continue;
                }
                if (inFence || trimmed.isEmpty()) {
                    continue;
                }
                int level = headingLevel(trimmed);
                if (level > 0 && indent < 4) {
                    String heading = trimmed.substring(level).strip().replaceAll("\\s+#+$", "").strip();
                    continuable = false;
                    if (level == 1) {
                        if (title == null && !heading.isEmpty()) {
                            title = heading;
                        }
                        current = null;
                    } else if (level == 2) {
                        Matcher section = SECTION.matcher(heading);
                        if (!section.matches()) {
                            current = null;
                        } else if (section.group(1) != null) {
                            current = sections.computeIfAbsent(Severity.parse(section.group(1)), s -> new ArrayList<>());
                        } else {
                            current = any;
                        }
                    }
                    continue;
                }
                if (current == null) {
                    continue;
                }
                Matcher item = ITEM.matcher(trimmed);
                if (indent < 2 && item.matches()) {
                    String step = item.group(1).strip();
                    continuable = !step.isEmpty();
                    if (continuable) {
                        current.add(step);
                    }
                } else if (indent >= 2 && continuable) {
                    int last = current.size() - 1;
                    current.set(last, current.get(last) + " " + trimmed);
                } else {
                    continuable = false;
                }
            }
            Map<Severity, List<String>> frozen = new EnumMap<>(Severity.class);
            sections.forEach((severity, steps) -> frozen.put(severity, List.copyOf(steps)));
            return new GuideFile(name + ".md", title == null ? name : title, Collections.unmodifiableMap(frozen), List.copyOf(any));
        }

        /** 1 to 6 for an ATX heading ("## x" or a bare "##"), else 0. */
        private static int headingLevel(String trimmed) {
            int level = 0;
            while (level < trimmed.length() && trimmed.charAt(level) == '#') {
                level++;
            }
            if (level == 0 || level > 6) {
                return 0;
            }
            return level == trimmed.length() || Character.isWhitespace(trimmed.charAt(level)) ? level : 0;
        }
    }
}
