package dev.patron.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads {@code .jsonl} / {@code .ndjson}: one JSON object a line, blank lines skipped. Keys are passed on as they
 * are (the server decides about unknown ones); only the {@code type} of the customer and its addresses is added.
 */
final class JsonLinesReader implements CustomerSource {

    private static final ObjectMapper JSON = JsonMapper.builder()
            // "{...} {...}" on one line is a mistake, not one customer with something after it.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final BufferedReader reader;
    private long line;

    JsonLinesReader(Path file) throws IOException {
        this.reader = Utf8Files.open(file);
    }

    static long count(Path file) throws IOException {
        long customers = 0;
        try (BufferedReader reader = Utf8Files.open(file)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (!text.isBlank()) {
                    customers++;
                }
            }
        }
        return customers;
    }

    @Override
    public SourceRecord next() throws IOException {
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    private SourceRecord parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException invalid) {
            // Jackson's own message quotes the text it choked on, which may be a password hash: say only where.
            var at = invalid.getLocation();
            return SourceRecord.unreadable(line,
                    "not valid JSON" + (at != null && at.getColumnNr() > 0 ? " (column " + at.getColumnNr() + ")" : ""),
                    null);
        }
        if (!(node instanceof ObjectNode object)) {
            return SourceRecord.unreadable(line, "not a JSON object: each line must be one customer {...}", null);
        }
        return SourceRecord.read(line, asCustomerItem(object));
    }

    /** The customer as the bulk endpoint takes it: {@code "type"} first, then the line's own keys in their order. */
    private static ObjectNode asCustomerItem(ObjectNode given) {
        ObjectNode item = withType(given, "customer");
        if (item.get("addresses") instanceof ArrayNode addresses) {
            for (int i = 0; i < addresses.size(); i++) {
                if (addresses.get(i) instanceof ObjectNode address) {
                    addresses.set(i, withType(address, "address"));
                }
            }
        }
        return item;
    }

    private static ObjectNode withType(ObjectNode given, String type) {
        if (given.has("type")) {
            return given;
        }
        ObjectNode typed = given.objectNode();
        typed.put("type", type);
        typed.setAll(given);
        return typed;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
