package io.hikeshi.lambdaruntime;

import io.hikeshi.dynamodblocal.EmbeddedDynamoDb;
import io.hikeshi.slackstub.SlackApiStub;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The AWS a function of template.yaml runs against, on this machine: DynamoDB Local (in this JVM), the
 * AWS emulator whose endpoint is given (moto, started by bin/lambda-invoke) and the Slack stub (in this
 * JVM). Resources are created as the template declares them, when the function's environment first
 * refers to them ({@code !Ref IncidentsTable} creates the table from its Properties, {@code !Ref
 * SlackTaskQueue} the queue with its redrive policy, which creates the dead-letter queue), so a function
 * gets what it would get in its stack and nothing it does not name. Creating them again finds them
 * (a shared emulator or {@code --data-dir} keeps them between runs).
 *
 * <p>The secrets the functions read from SSM Parameter Store are put there with local values: every
 * parameter a function's environment names ({@code *_PARAM} variables) and every {@code ssm:/…} secret
 * named in the team configuration ({@code infrastructure/config/*.json}, e.g. the webhook integrations').
 */
public final class LocalCloud implements AutoCloseable {

    /** The samples in events/ are from this region and account. */
    public static final String REGION = "ap-northeast-1";
    public static final String ACCOUNT = "123456789012";
    /** The stack the physical names are made up for, as CloudFormation would name them. */
    public static final String STACK = "hikeshi-local";
    /** DynamoDB Local keeps tables per access key unless shared, so every client here uses the same one. */
    static final String ACCESS_KEY = "local";

    /**
     * The local values of the secrets: the same as local mode's, so bin/slack-send, bin/fire and the
     * samples in events/ work against both.
     */
    public static Map<String, String> localSecrets() {
        return Map.of("signing-secret", "local-signing-secret", "bot-token", "xoxb-local",
                "signing-key", "local-web-signing-key", "*", "local-secret");
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY));
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Pattern SSM_SECRET = Pattern.compile("\"ssm:(/[^\"]+)\"");

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final Map<String, String> secretValues;
    private final EmbeddedDynamoDb dynamoServer;
    private final DynamoDbClient dynamo;
    private final URI awsEndpoint;
    private final SlackApiStub slack;
    private final Map<String, Map<String, String>> created = new HashMap<>();
    private final Set<String> creating = new HashSet<>();
    private final Set<String> secretsPut = new HashSet<>();

    private LocalCloud(SamTemplate template, Map<String, String> parameters, Map<String, String> secretValues,
                       EmbeddedDynamoDb dynamoServer, URI awsEndpoint, SlackApiStub slack) {
        this.template = template;
        this.parameters = parameters;
        this.secretValues = secretValues;
        this.dynamoServer = dynamoServer;
        this.dynamo = dynamoServer.clientBuilder().credentialsProvider(CREDENTIALS).region(Region.of(REGION)).build();
        this.awsEndpoint = awsEndpoint;
        this.slack = slack;
    }

    /**
     * @param overrides    template parameter values that replace their defaults (as {@code sam --parameter-overrides})
     * @param awsEndpoint  the AWS emulator (SSM, SQS, SNS, EventBridge, Scheduler); null when there is none
     *                     (a function that needs one of those then fails with the reason)
     * @param dataDir      where DynamoDB Local keeps its data between runs, or null for in memory
     * @param secretValues local secret values by the parameter name's last segment ({@code "*"}: any other)
     */
    public static LocalCloud start(SamTemplate template, Map<String, String> overrides, URI awsEndpoint, Path dataDir,
                                   Map<String, String> secretValues) {
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        overrides.forEach((name, value) -> {
            if (!template.hasParameter(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name + " (it has "
                        + String.join(", ", new TreeMap<>(template.parameterDefaults()).keySet()) + ")");
            }
            parameters.put(name, value);
        });
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(dataDir);
        SlackApiStub slack = null;
        try {
            slack = SlackApiStub.start();
            return new LocalCloud(template, parameters, secretValues, dynamo, awsEndpoint, slack);
        } catch (RuntimeException e) {
            if (slack != null) {
                slack.close();
            }
            dynamo.close();
            throw e;
        }
    }

    public SamTemplate template() {
        return template;
    }

    /** A DynamoDB client on the local table's DynamoDB, with the functions' credentials and region. */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SlackApiStub slack() {
        return slack;
    }

    /** Every Slack Web API call the functions make, as it arrives. */
    public void onSlackCall(Consumer<SlackApiStub.Call> listener) {
        slack.onCall(listener);
    }

    /** The physical name {@code !Ref logicalId} resolves to (creating the resource if needed). */
    public String ref(String logicalId) {
        return attributes(logicalId).get("Ref");
    }

    /**
     * The environment the function runs with in its stack: Globals and its own variables resolved to the
     * local resources, the variables Lambda itself sets for a java21 function, credentials, and where
     * the AWS SDK and the Slack client find the local services. RIE adds the runtime API address,
     * {@code _HANDLER} and {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
     */
    public Map<String, String> environment(SamTemplate.Function function) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> env.put(name, text(resolve(value, function.logicalId() + " " + name))));
        putSecrets(env);
        String name = STACK + "-" + function.logicalId();
        Map<String, String> lambda = new LinkedHashMap<>();
        // As Lambda's java21 environment has them (Lambda docs: "Defined runtime environment variables").
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", name);
        lambda.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        lambda.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        lambda.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroup() == null ? "/aws/lambda/" + name
                : text(resolve(function.logGroup(), function.logicalId() + " LoggingConfig.LogGroup")));
        lambda.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + function.logicalId());
        lambda.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        lambda.put("AWS_REGION", REGION);
        lambda.put("AWS_DEFAULT_REGION", REGION);
        lambda.put("TZ", ":UTC");
        lambda.put("LANG", "en_US.UTF-8");
        lambda.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        lambda.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        lambda.put("AWS_SECRET_ACCESS_KEY", ACCESS_KEY);
        // RIE's own: the invoke timeout, from the template.
        lambda.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeout()));
        // Where the SDK's clients find AWS here (the SDK's standard settings, no code of the function's):
        // DynamoDB Local for DynamoDB, the emulator for every other service.
        lambda.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoServer.endpoint().toString());
        if (awsEndpoint != null) {
            lambda.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        }
        env.putAll(lambda);
        if (env.containsKey("HIKESHI_SLACK_API_URL")) {
            env.put("HIKESHI_SLACK_API_URL", slack.methodsUrlPrefix());
        }
        return env;
    }

    /** The local value of a secret parameter, e.g. {@code /hikeshi/slack/signing-secret}. */
    public String secretValue(String parameterName) {
        String last = parameterName.substring(parameterName.lastIndexOf('/') + 1);
        return secretValues.getOrDefault(last, secretValues.get("*"));
    }

    // ---- secrets ----

    private void putSecrets(Map<String, String> env) {
        Set<String> names = new java.util.TreeSet<>();
        env.forEach((name, value) -> {
            if (name.endsWith("_PARAM") && value.startsWith("/")) {
                names.add(value);
            }
        });
        names.addAll(configuredSecrets());
        names.removeAll(secretsPut);
        if (names.isEmpty() || awsEndpoint == null) { // without an emulator, a function that reads SSM says so itself
            return;
        }
        try (SsmClient ssm = aws(SsmClient.builder(), "SSM parameters " + names).build()) {
            for (String name : names) {
                ssm.putParameter(r -> r.name(name).value(secretValue(name)).type(ParameterType.SECURE_STRING).overwrite(true));
                secretsPut.add(name);
            }
        }
    }

    private Set<String> configuredSecrets() {
        Set<String> names = new java.util.TreeSet<>();
        Path config = template.directory().resolve("infrastructure/config");
        if (!Files.isDirectory(config)) {
            return names;
        }
        try (var files = Files.list(config)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Matcher m = SSM_SECRET.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }

    // ---- intrinsics ----

    /** Resolves Ref, Fn::GetAtt, Fn::Sub and Fn::Join to local values; other intrinsics are refused by name. */
    Object resolve(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = only.getKey().toString();
                Object arg = only.getValue();
                switch (key) {
                    case "Ref" -> {
                        return refValue(arg.toString(), where);
                    }
                    case "Fn::GetAtt" -> {
                        List<?> parts = arg instanceof List<?> l ? l : List.of(arg.toString().split("\\.", 2));
                        return getAtt(parts.get(0).toString(), parts.get(1).toString(), where);
                    }
                    case "Fn::Sub" -> {
                        return sub(arg, where);
                    }
                    case "Fn::Join" -> {
                        List<?> args = (List<?>) arg;
                        List<String> items = new ArrayList<>();
                        for (Object item : (List<?>) resolve(args.get(1), where)) {
                            items.add(text(item));
                        }
                        return String.join(args.get(0).toString(), items);
                    }
                    default -> {
                        if (key.startsWith("Fn::") || key.equals("Condition")) {
                            throw new IllegalArgumentException(where + " uses " + key + ", which is not resolved locally");
                        }
                    }
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(k.toString(), resolve(v, where)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(item -> resolved.add(resolve(item, where)));
            return resolved;
        }
        return value;
    }

    private String refValue(String name, String where) {
        return switch (name) {
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> STACK;
            case "AWS::StackId" -> "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + STACK + "/local";
            default -> {
                if (parameters.containsKey(name)) {
                    yield parameters.get(name);
                }
                if (template.hasParameter(name)) {
                    throw new IllegalArgumentException(where + ": parameter " + name + " has no Default; give it with --param "
                            + name + "=VALUE");
                }
                if (!template.hasResource(name)) {
                    throw new IllegalArgumentException(where + ": !Ref " + name + " names no parameter or resource of template.yaml");
                }
                yield ref(name);
            }
        };
    }

    private String getAtt(String resource, String attribute, String where) {
        if (!template.hasResource(resource)) {
            throw new IllegalArgumentException(where + ": !GetAtt " + resource + "." + attribute + " names no resource of template.yaml");
        }
        String value = attributes(resource).get(attribute);
        if (value == null) {
            throw new IllegalArgumentException(where + ": !GetAtt " + resource + "." + attribute + " is not known locally ("
                    + template.resourceType(resource) + ")");
        }
        return value;
    }

    private String sub(Object arg, String where) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = list.get(0).toString();
            variables = SamTemplate.map(list.get(1));
        } else {
            text = arg.toString();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).strip();
            String value;
            if (variables.containsKey(name)) {
                value = text(resolve(variables.get(name), where));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                value = getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), where);
            } else {
                value = refValue(name, where);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    // ---- resources ----

    /** "Ref" and the attributes of a resource; made (once) the first time anything refers to it. */
    private Map<String, String> attributes(String id) {
        Map<String, String> known = created.get(id);
        if (known != null) {
            return known;
        }
        if (!creating.add(id)) {
            throw new IllegalStateException("template.yaml's " + id + " refers to itself");
        }
        String type = template.resourceType(id);
        String name = STACK + "-" + id;
        Map<String, String> attrs = switch (type) {
            case "AWS::DynamoDB::Table" -> {
                Map<String, Object> props = properties(id);
                yield table(props, str(props.get("TableName"), name));
            }
            case "AWS::SQS::Queue" -> {
                Map<String, Object> props = properties(id);
                yield queue(id, props, str(props.get("QueueName"), name));
            }
            case "AWS::Events::EventBus" -> eventBus(str(properties(id).get("Name"), name));
            case "AWS::SNS::Topic" -> topic(str(properties(id).get("TopicName"), name));
            case "AWS::Scheduler::ScheduleGroup" -> scheduleGroup(str(properties(id).get("Name"), name));
            // Only named: no local copy of these is needed by a function's code, only their names and ARNs.
            case SamTemplate.FUNCTION_TYPE, "AWS::Lambda::Function" -> Map.of("Ref", name,
                    "Arn", arn("lambda", "function:" + name));
            case "AWS::IAM::Role" -> Map.of("Ref", name, "Arn", "arn:aws:iam::" + ACCOUNT + ":role/" + name,
                    "RoleId", "AROA" + id.toUpperCase());
            case "AWS::Logs::LogGroup" -> {
                String group = str(properties(id).get("LogGroupName"), "/aws/lambda/" + name);
                yield Map.of("Ref", group, "Arn", arn("logs", "log-group:" + group + ":*"));
            }
            case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" -> Map.of("Ref", "local" + id.toLowerCase(),
                    "ApiEndpoint", "https://local" + id.toLowerCase() + ".execute-api." + REGION + ".amazonaws.com");
            default -> throw new IllegalArgumentException(id + " (" + type + ") is referred to, and is not made locally");
        };
        creating.remove(id);
        created.put(id, attrs);
        return attrs;
    }

    private Map<String, Object> properties(String id) {
        return SamTemplate.map(resolve(template.properties(id), id));
    }

    /**
     * A table kept from an earlier run (--data-dir) has war rooms whose channels a workspace would still
     * have; the Slack stub starts empty each run, and strict, it would answer channel_not_found for them.
     */
    private void rememberWarRooms(String tableName) {
        if (slack == null) {
            return;
        }
        dynamo.scanPaginator(r -> r.tableName(tableName).filterExpression("sk = :room AND attribute_exists(channelId)")
                        .expressionAttributeValues(Map.of(":room", AttributeValue.fromS("WARROOM"))))
                .items().forEach(room -> slack.addChannel(room.get("channelId").s(),
                        room.containsKey("channelName") ? room.get("channelName").s() : room.get("channelId").s(), false, true));
    }

    private Map<String, String> table(Map<String, Object> props, String name) {
        TableDescription table;
        try {
            table = dynamo.describeTable(r -> r.tableName(name)).table();
            rememberWarRooms(name);
        } catch (ResourceNotFoundException missing) {
            table = dynamo.createTable(createTable(props, name)).tableDescription();
            Map<String, Object> ttl = SamTemplate.map(props.get("TimeToLiveSpecification"));
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
                dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(
                        t -> t.attributeName(ttl.get("AttributeName").toString()).enabled(true)));
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("Ref", name);
        attrs.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attrs.put("StreamArn", table.latestStreamArn());
        }
        return attrs;
    }

    /** CreateTable from an AWS::DynamoDB::Table's Properties (the same names, one level down). */
    static CreateTableRequest createTable(Map<String, Object> props, String name) {
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(list(props.get("AttributeDefinitions")).stream().map(a -> AttributeDefinition.builder()
                        .attributeName(str(a.get("AttributeName"), null)).attributeType(str(a.get("AttributeType"), null)).build()).toList())
                .keySchema(keySchema(props.get("KeySchema")))
                .billingMode(BillingMode.fromValue(str(props.get("BillingMode"), "PROVISIONED")));
        if (props.get("ProvisionedThroughput") instanceof Map<?, ?> throughput) {
            request.provisionedThroughput(p -> p.readCapacityUnits(Long.parseLong(throughput.get("ReadCapacityUnits").toString()))
                    .writeCapacityUnits(Long.parseLong(throughput.get("WriteCapacityUnits").toString())));
        }
        List<GlobalSecondaryIndex> indexes = list(props.get("GlobalSecondaryIndexes")).stream().map(i -> {
            Map<String, Object> projection = SamTemplate.map(i.get("Projection"));
            return GlobalSecondaryIndex.builder().indexName(str(i.get("IndexName"), null)).keySchema(keySchema(i.get("KeySchema")))
                    .projection(Projection.builder().projectionType(str(projection.get("ProjectionType"), "ALL"))
                            .nonKeyAttributes(list(projection.get("NonKeyAttributes")).isEmpty() ? null
                                    : ((List<?>) projection.get("NonKeyAttributes")).stream().map(Object::toString).toList())
                            .build())
                    .build();
        }).toList();
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        if (props.get("StreamSpecification") instanceof Map<?, ?> stream) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(stream.get("StreamViewType").toString()).build());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object keys) {
        return list(keys).stream().map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName"), null))
                .keyType(str(k.get("KeyType"), null)).build()).toList();
    }

    private Map<String, String> queue(String id, Map<String, Object> props, String name) {
        Map<QueueAttributeName, String> attrs = new HashMap<>();
        putIfPresent(attrs, QueueAttributeName.VISIBILITY_TIMEOUT, props.get("VisibilityTimeout"));
        putIfPresent(attrs, QueueAttributeName.MESSAGE_RETENTION_PERIOD, props.get("MessageRetentionPeriod"));
        putIfPresent(attrs, QueueAttributeName.DELAY_SECONDS, props.get("DelaySeconds"));
        putIfPresent(attrs, QueueAttributeName.SQS_MANAGED_SSE_ENABLED, props.get("SqsManagedSseEnabled"));
        if (props.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
            attrs.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + redrive.get("deadLetterTargetArn")
                    + "\",\"maxReceiveCount\":" + redrive.get("maxReceiveCount") + "}");
        }
        try (SqsClient sqs = aws(SqsClient.builder(), "the queue " + id).build()) {
            String url = sqs.createQueue(r -> r.queueName(name).attributes(attrs)).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            return Map.of("Ref", url, "Arn", arn, "QueueName", name, "QueueUrl", url);
        }
    }

    private Map<String, String> eventBus(String name) {
        try (EventBridgeClient events = aws(EventBridgeClient.builder(), "the event bus " + name).build()) {
            String arn = events.listEventBuses(r -> r.namePrefix(name)).eventBuses().stream()
                    .filter(b -> b.name().equals(name)).map(b -> b.arn()).findFirst()
                    .orElseGet(() -> events.createEventBus(r -> r.name(name)).eventBusArn());
            return Map.of("Ref", name, "Name", name, "Arn", arn);
        }
    }

    private Map<String, String> topic(String name) {
        try (SnsClient sns = aws(SnsClient.builder(), "the topic " + name).build()) {
            String arn = sns.createTopic(r -> r.name(name)).topicArn();
            return Map.of("Ref", arn, "TopicArn", arn, "TopicName", name);
        }
    }

    private Map<String, String> scheduleGroup(String name) {
        try (SchedulerClient scheduler = aws(SchedulerClient.builder(), "the schedule group " + name).build()) {
            String arn = scheduler.listScheduleGroups(r -> r.namePrefix(name)).scheduleGroups().stream()
                    .filter(g -> g.name().equals(name)).map(g -> g.arn()).findFirst()
                    .orElseGet(() -> scheduler.createScheduleGroup(r -> r.name(name)).scheduleGroupArn());
            return Map.of("Ref", name, "Arn", arn);
        }
    }

    private <B extends AwsClientBuilder<B, ?>> B aws(B builder, String what) {
        if (awsEndpoint == null) {
            throw new IllegalStateException("no AWS emulator for " + what
                    + " (bin/lambda-invoke starts one; HIKESHI_EMULATOR_ENDPOINT names a running one)");
        }
        builder.endpointOverride(awsEndpoint).region(Region.of(REGION)).credentialsProvider(CREDENTIALS);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    private static void putIfPresent(Map<QueueAttributeName, String> attrs, QueueAttributeName name, Object value) {
        if (value != null) {
            attrs.put(name, value.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }

    private static String text(Object value) {
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("an environment variable must resolve to text, not " + value);
        }
        return value == null ? "" : value.toString();
    }

    @Override
    public void close() {
        slack.close();
        dynamo.close();
        dynamoServer.close();
    }
}
