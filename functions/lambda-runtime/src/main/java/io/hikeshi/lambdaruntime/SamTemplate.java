package io.hikeshi.lambdaruntime;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as far as running one of its functions needs it: parameters, resources, and each
 * {@code AWS::Serverless::Function} with the template's {@code Globals.Function} merged in the way SAM
 * merges them (the function's own value wins; {@code Environment.Variables} are merged key by key).
 *
 * <p>Short-form intrinsics ({@code !Ref}, {@code !GetAtt A.B}, {@code !Sub …}) are read as their long
 * forms ({@code {Ref: …}}, {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::Sub: …}}), so a value is resolved
 * the same way whichever form the template uses ({@link LocalCloud} resolves them).
 */
public final class SamTemplate {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    private final Path file;
    private final Map<String, Object> root;

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        Yaml yaml = new Yaml(new IntrinsicsConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file)) {
            Object root = yaml.load(reader);
            if (!(root instanceof Map<?, ?> map) || !(map.get("Resources") instanceof Map)) {
                throw new IllegalArgumentException(file + " is not a SAM template (no Resources)");
            }
            return new SamTemplate(file.toAbsolutePath().normalize(), cast(map));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The folder CodeUri and other relative paths are relative to. */
    public Path directory() {
        return file.getParent();
    }

    public Path file() {
        return file;
    }

    /** Each parameter's Default (as text; absent when it has none). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, spec) -> {
            Object value = map(spec).get("Default");
            if (value != null) {
                defaults.put(name, String.valueOf(value));
            }
        });
        return defaults;
    }

    public boolean hasParameter(String name) {
        return map(root.get("Parameters")).containsKey(name);
    }

    public boolean hasResource(String logicalId) {
        return resources().containsKey(logicalId);
    }

    /** The resource's Type, e.g. {@code AWS::SQS::Queue}. */
    public String resourceType(String logicalId) {
        Object type = map(resources().get(logicalId)).get("Type");
        if (type == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return type.toString();
    }

    /** The resource's Properties, unresolved (intrinsics in their long form). */
    public Map<String, Object> properties(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    /** Every function, in the template's order. */
    public List<Function> functions() {
        List<Function> functions = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (FUNCTION_TYPE.equals(map(resource).get("Type"))) {
                functions.add(function(id, map(map(resource).get("Properties")), map(map(resource).get("Metadata"))));
            }
        });
        return functions;
    }

    public Optional<Function> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /**
     * A function as SAM would deploy it. {@code environment} holds the merged Globals and function
     * variables, unresolved; {@code logGroup} is LoggingConfig.LogGroup, unresolved (or null);
     * {@code buildMethod} is Metadata.BuildMethod (null when SAM builds it from its CodeUri by the runtime's
     * own workflow, or deploys CodeUri as it is).
     */
    public record Function(String logicalId, String handler, String codeUri, String runtime, int memorySize,
                           int timeout, Map<String, Object> environment, Object logGroup, String buildMethod) { }

    private Function function(String id, Map<String, Object> own, Map<String, Object> metadata) {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        Map<String, Object> environment = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        environment.putAll(map(map(own.get("Environment")).get("Variables")));
        Object codeUri = merged.get("CodeUri");
        return new Function(id, text(merged.get("Handler")), codeUri == null ? null : codeUri.toString(),
                text(merged.get("Runtime")), intValue(merged.get("MemorySize"), 128), intValue(merged.get("Timeout"), 3),
                environment, map(merged.get("LoggingConfig")).get("LogGroup"), text(metadata.get("BuildMethod")));
    }

    private Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static int intValue(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : value == null ? fallback : Integer.parseInt(value.toString());
    }

    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** SnakeYAML's safe constructor, plus CloudFormation's short-form intrinsic tags. */
    private static final class IntrinsicsConstructor extends SafeConstructor {

        private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
                "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "Not", "And", "Or", "Length", "ToJsonString");

        IntrinsicsConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("unexpected YAML node under " + key);
                };
                if (key.equals("Fn::GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    value = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                return Map.of(key, value);
            }
        }
    }
}
