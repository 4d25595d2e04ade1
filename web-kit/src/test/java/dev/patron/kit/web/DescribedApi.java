package dev.patron.kit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import dev.patron.contract.ApiDescription;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API description (api-contract's {@code openapi.yaml}) as a test oracle. For a request and its answer it finds
 * the operation (method, and the path template the raw path matches, a literal segment before a variable one) and
 * fails unless the status is among the operation's responses and the body fits the schema described for it (JSON
 * Schema 2020-12, formats asserted). A request no operation has must get a client error (or one of the answers
 * {@code x-patron-any-request} lists), in the contract's error format. For a 2xx answer, the JSON body the request
 * sent must fit the operation's request schema too: the description may not refuse what the API accepts.
 */
public final class DescribedApi {

    private static final String BASE = "https://patron.invalid/openapi.json";
    private static final String ERROR_DOCUMENT = "/components/schemas/ErrorDocument";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern VARIABLE = Pattern.compile("\\{[^/}]+}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DescribedApi API = new DescribedApi(ApiDescription.tree());

    private final JsonNode description;
    private final List<Operation> operations;
    private final Set<String> firstSegments = new HashSet<>();
    private final Set<Integer> anyRequestStatuses = new HashSet<>();
    private final SchemaRegistry schemas;
    private final Map<String, Schema> schemaByPointer = new ConcurrentHashMap<>();

    /**
     * One operation of the description.
     *
     * @param template the path as the description spells it, e.g. {@code /v2/customers/{customerId}}
     * @param pointer  the JSON pointer to the operation object in the description
     */
    public record Operation(String method, String template, String pointer, JsonNode node, Pattern pattern,
                            int variables) {

        /** The path with every variable written {@code {}}, so that templates compare whatever their names. */
        public String shape() {
            return VARIABLE.matcher(template).replaceAll("{}");
        }
    }

    private DescribedApi(JsonNode description) {
        this.description = description;
        this.operations = operationsOf(description);
        operations.forEach(operation -> firstSegments.add(firstSegment(operation.template())));
        description.at("/x-patron-any-request/statuses").forEach(status -> anyRequestStatuses.add(status.asInt()));
        String json;
        try {
            json = JSON.writeValueAsString(description);
        } catch (JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException(cannotHappenForATree);
        }
        // The schemas are read out of the whole description, whose own keys (paths, x-patron-caller, ...) are no schema
        // keywords: they are taken as annotations instead of being warned about one by one.
        Dialect openApi = Dialect.builder(Dialects.getOpenApi31())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
        this.schemas = SchemaRegistry.withDefaultDialect(openApi, registry -> registry
                .schemas(Map.of(BASE, json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** The description every test holds the API to. */
    public static DescribedApi get() {
        return API;
    }

    public JsonNode description() {
        return description;
    }

    public List<Operation> operations() {
        return operations;
    }

    /**
     * Whether the path is one the description speaks for: under a first segment one of its paths has ({@code /v2},
     * {@code /oauth}, ...). Management endpoints and the test applications' own paths are not.
     */
    public boolean covers(String rawPath) {
        return firstSegments.contains(firstSegment(rawPath));
    }

    /** The operation a request reaches, if the description has one; HEAD is answered as GET. */
    public Optional<Operation> find(String method, String rawPath) {
        String described = method.equalsIgnoreCase("HEAD") ? "GET" : method.toUpperCase();
        return operations.stream()
                .filter(operation -> operation.method().equals(described) && operation.pattern().matcher(rawPath).matches())
                .min(Comparator.comparingInt(Operation::variables));
    }

    /**
     * Fails (AssertionError) unless the answer is one the description allows for its request.
     *
     * @param requestJson the JSON body the request sent, or {@code null} when it sent none or the caller does not
     *                    know it
     */
    public void check(HttpResponse<String> response, String requestJson) {
        List<String> problems = problems(response, requestJson);
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer to " + response.request().method() + " " + response.uri()
                    + " is not one the API description allows: " + String.join("; ", problems)
                    + "\n  status " + response.statusCode() + ", body " + abbreviated(response.body()));
        }
    }

    /** What is wrong with the answer, by the description; empty when nothing is. */
    public List<String> problems(HttpResponse<String> response, String requestJson) {
        URI uri = response.request().uri();
        String method = response.request().method();
        int status = response.statusCode();
        Optional<Operation> operation = find(method, uri.getRawPath());
        if (operation.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if ((status < 400 || status > 499) && !anyRequestStatuses.contains(status)) {
                problems.add("no operation is described for " + method + " " + uri.getRawPath()
                        + ", so the answer must be a client error, not " + status);
            }
            problems.addAll(bodyProblems(response, "#" + ERROR_DOCUMENT));
            return problems;
        }
        Operation described = operation.get();
        JsonNode responses = described.node().path("responses");
        String key = String.valueOf(status);
        if (!responses.has(key)) {
            if (anyRequestStatuses.contains(status)) {
                return bodyProblems(response, "#" + ERROR_DOCUMENT);
            }
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            return List.of(described.method() + " " + described.template() + " describes " + documented
                    + ", not " + status);
        }
        String responsePointer = described.pointer() + "/responses/" + key;
        JsonNode answer = responses.get(key);
        if (answer.has("$ref")) {
            responsePointer = answer.get("$ref").asText().substring(1);
            answer = description.at(responsePointer);
        }
        List<String> problems = new ArrayList<>();
        JsonNode content = answer.path("content").path("application/json");
        if (content.has("schema")) {
            problems.addAll(bodyProblems(response, "#" + responsePointer + "/content/application~1json/schema"));
        } else if (!response.body().isEmpty() && !method.equalsIgnoreCase("HEAD")) {
            problems.add("the description has no body for " + status + ", but one came");
        }
        if (status / 100 == 2 && requestJson != null) {
            JsonNode requestSchema = described.node().path("requestBody").path("content").path("application/json");
            if (requestSchema.has("schema")) {
                problems.addAll(validate(described.pointer() + "/requestBody/content/application~1json/schema",
                        requestJson).stream().map(problem -> "the request accepted breaks its described schema: "
                        + problem).toList());
            }
        }
        return problems;
    }

    /**
     * What keeps {@code document} from being an OpenAPI 3 description that tools can generate requests from; empty
     * when nothing does. Checks the parts this project relies on: the version, every operation with an id of its own,
     * its responses (every error one in the contract's error format) and a security requirement naming declared
     * schemes, every path variable declared as a required path parameter, every {@code $ref} resolving, and every
     * schema valid JSON Schema 2020-12.
     */
    public static List<String> openApi3Problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        if (!document.path("openapi").asText().matches("3\\.\\d+\\.\\d+")) {
            problems.add("openapi must be a 3.x.y version, not " + document.path("openapi"));
        }
        if (!document.path("info").path("title").isTextual() || !document.path("info").path("version").isTextual()) {
            problems.add("info needs a title and a version");
        }
        List<Operation> operations = operationsOf(document);
        if (operations.isEmpty()) {
            problems.add("no operations");
        }
        Set<String> operationIds = new HashSet<>();
        for (Operation operation : operations) {
            String name = operation.method() + " " + operation.template();
            JsonNode node = operation.node();
            if (!operationIds.add(node.path("operationId").asText())) {
                problems.add(name + ": operationId missing or used twice");
            }
            if (!node.path("responses").isObject() || node.path("responses").isEmpty()) {
                problems.add(name + ": no responses");
            }
            node.path("responses").fields().forEachRemaining(response -> {
                if (!response.getKey().matches("[1-5][0-9][0-9]")) {
                    problems.add(name + ": response " + response.getKey() + " is not a status");
                } else if (response.getKey().charAt(0) >= '4') {
                    JsonNode answer = response.getValue().has("$ref")
                            ? document.at(response.getValue().get("$ref").asText().substring(1)) : response.getValue();
                    String schema = answer.at("/content/application~1json/schema/$ref").asText();
                    if (!schema.equals("#" + ERROR_DOCUMENT)) {
                        problems.add(name + ": " + response.getKey() + " is not the contract's error document");
                    }
                }
            });
            if (!node.path("security").isArray()) {
                problems.add(name + ": no security requirement (an empty list for none)");
            }
            node.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
                if (!document.path("components").path("securitySchemes").has(scheme)) {
                    problems.add(name + ": security scheme " + scheme + " is not declared");
                }
            }));
            Set<String> declared = new HashSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            document.path("paths").path(operation.template()).path("parameters").forEach(parameters::add);
            node.path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                JsonNode resolved = parameter.has("$ref") ? document.at(parameter.get("$ref").asText().substring(1))
                        : parameter;
                if (resolved.path("in").asText().equals("path") && resolved.path("required").asBoolean()) {
                    declared.add(resolved.path("name").asText());
                }
            }
            Matcher variables = VARIABLE.matcher(operation.template());
            while (variables.find()) {
                String variable = variables.group().substring(1, variables.group().length() - 1);
                if (!declared.contains(variable)) {
                    problems.add(name + ": path variable " + variable + " is not a required path parameter");
                }
            }
        }
        references(document, document, "", problems);
        Schema jsonSchema = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012())
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        document.path("components").path("schemas").fields().forEachRemaining(schema -> jsonSchema
                .validate(schema.getValue()).forEach(error -> problems.add("schema " + schema.getKey() + ": " + error)));
        return problems;
    }

    private static void references(JsonNode document, JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    String target = field.getValue().asText();
                    if (!target.startsWith("#/") || document.at(target.substring(1)).isMissingNode()) {
                        problems.add(at + ": $ref " + target + " does not resolve");
                    }
                } else {
                    references(document, field.getValue(), at + "/" + field.getKey(), problems);
                }
            });
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                references(document, node.get(index), at + "/" + index, problems);
            }
        }
    }

    /** The JSON body's problems by the schema at {@code pointer} (a fragment, {@code #/...}). */
    private List<String> bodyProblems(HttpResponse<String> response, String pointer) {
        if (response.request().method().equalsIgnoreCase("HEAD")) {
            return List.of();
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/json")) {
            return List.of("the body must be JSON, but Content-Type is '" + contentType + "'");
        }
        List<String> problems = new ArrayList<>(validate(pointer.substring(1), response.body()));
        if (response.statusCode() >= 400) {
            problems.addAll(errorStatusProblems(response));
        }
        return problems;
    }

    /** Every entry of an error document names the answer's own status. */
    private static List<String> errorStatusProblems(HttpResponse<String> response) {
        try {
            List<String> problems = new ArrayList<>();
            for (JsonNode error : JSON.readTree(response.body()).path("errors")) {
                if (error.path("status").asInt() != response.statusCode()) {
                    problems.add("an error entry says status " + error.path("status") + " in a "
                            + response.statusCode() + " answer");
                }
            }
            return problems;
        } catch (JsonProcessingException notJson) {
            return List.of("the body is not JSON");
        }
    }

    private List<String> validate(String pointer, String json) {
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            return List.of("the body is not JSON");
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of("the body is empty");
        }
        Schema schema = schemaByPointer.computeIfAbsent(pointer,
                at -> schemas.getSchema(SchemaLocation.of(BASE + "#" + at)));
        return schema.validate(instance).stream().map(Error::toString).toList();
    }

    private static List<Operation> operationsOf(JsonNode description) {
        List<Operation> operations = new ArrayList<>();
        description.path("paths").fields().forEachRemaining(path -> {
            String template = path.getKey();
            Matcher variables = VARIABLE.matcher(template);
            StringBuilder regex = new StringBuilder();
            int count = 0;
            int last = 0;
            while (variables.find()) {
                regex.append(Pattern.quote(template.substring(last, variables.start()))).append("[^/]+");
                last = variables.end();
                count++;
            }
            regex.append(Pattern.quote(template.substring(last)));
            Pattern pattern = Pattern.compile(regex.toString());
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method.toUpperCase(), template,
                            "/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + method,
                            path.getValue().get(method), pattern, count));
                }
            }
        });
        return List.copyOf(operations);
    }

    private static String firstSegment(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path : path.substring(0, end);
    }

    private static String abbreviated(String body) {
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + "...";
    }
}
