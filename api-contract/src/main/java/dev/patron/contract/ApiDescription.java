package dev.patron.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The API host's OpenAPI description: {@code openapi.yaml} beside this class, kept by hand (YAML, so that it can carry
 * comments), served as JSON at {@link #PATH}. One file for every process that serves or checks it, so the services,
 * the gateway's host and the tests cannot describe different APIs.
 */
public final class ApiDescription {

    /** Where the API host serves it, without a token. */
    public static final String PATH = "/openapi.json";

    private static final String SOURCE = "openapi.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiDescription() {
    }

    /** The description as a JSON tree. */
    public static JsonNode tree() {
        try (InputStream source = ApiDescription.class.getResourceAsStream(SOURCE)) {
            if (source == null) {
                throw new IllegalStateException(SOURCE + " is missing beside " + ApiDescription.class.getName());
            }
            Object document = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()),
                    new DumperOptions(), new JsonTypesOnly()).load(source);
            return JSON.valueToTree(document);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The description as the JSON bytes the API host answers with. */
    public static byte[] json() {
        try {
            return JSON.writeValueAsBytes(tree());
        } catch (JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException(cannotHappenForATree);
        }
    }

    /**
     * Reads unquoted scalars as JSON would (true, false, null, numbers), and everything else as text: YAML 1.1, which
     * SnakeYAML follows, would turn {@code no}, {@code on} or {@code 2024-01-31} into booleans and dates.
     */
    private static final class JsonTypesOnly extends Resolver {

        private static final Pattern BOOLEAN = Pattern.compile("^(?:true|false)$");
        private static final Pattern INTEGER = Pattern.compile("^-?(?:0|[1-9][0-9]*)$");
        private static final Pattern DECIMAL = Pattern.compile("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$");
        private static final Pattern NULL = Pattern.compile("^null$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOLEAN, "tf");
            addImplicitResolver(Tag.INT, INTEGER, "-0123456789");
            addImplicitResolver(Tag.FLOAT, DECIMAL, "-0123456789");
            addImplicitResolver(Tag.NULL, NULL, "n");
            addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
        }
    }
}
