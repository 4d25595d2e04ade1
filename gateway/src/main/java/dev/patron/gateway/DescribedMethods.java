package dev.patron.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * The methods the API description gives each public path of the API host. The gateway sends the reads and the writes
 * of one path to different services, and a service that does not serve a path at all answers 404; with these, a
 * method a described path does not take is 405 at the gateway, as in one process, naming the methods it does take.
 */
final class DescribedMethods {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private record DescribedPath(Pattern path, Set<HttpMethod> methods) {
    }

    private final List<DescribedPath> paths;

    private DescribedMethods(List<DescribedPath> paths) {
        this.paths = paths;
    }

    static DescribedMethods fromApiDescription() {
        return of(ApiDescription.tree());
    }

    static DescribedMethods of(JsonNode description) {
        List<DescribedPath> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : description.path("paths").properties()) {
            if (path.getValue().path("x-patron-internal").asBoolean(false)) {
                continue;
            }
            Set<HttpMethod> methods = new HashSet<>();
            path.getValue().fieldNames().forEachRemaining(name -> {
                if (METHODS.contains(name)) {
                    methods.add(HttpMethod.valueOf(name.toUpperCase(Locale.ROOT)));
                }
            });
            paths.add(new DescribedPath(template(path.getKey()), Set.copyOf(methods)));
        }
        return new DescribedMethods(List.copyOf(paths));
    }

    /** A path template's parameters ({@code {customerId}}) each match one segment. */
    private static Pattern template(String template) {
        StringBuilder pattern = new StringBuilder("^");
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            pattern.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(pattern.append('$').toString());
    }

    /**
     * The methods the paths matching {@code path} take (several templates may match one path: a customer's id and
     * {@code /v2/customers/tokens}); empty when no described path matches, which is for routing to answer.
     */
    Set<HttpMethod> methodsFor(String path) {
        Set<HttpMethod> methods = new HashSet<>();
        for (DescribedPath described : paths) {
            if (described.path().matcher(path).matches()) {
                methods.addAll(described.methods());
            }
        }
        return methods;
    }
}
