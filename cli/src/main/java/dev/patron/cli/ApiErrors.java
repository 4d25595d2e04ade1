package dev.patron.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the server's {@code {"errors":[{"status","title","detail","source"}]}} into words for a person. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** The details of an error answer joined, or a fallback when the body is not one. */
    static String describe(ObjectMapper json, String body) {
        try {
            List<String> details = details(json.readTree(body).path("errors"), false);
            if (!details.isEmpty()) {
                return String.join("; ", details);
            }
        } catch (Exception notJson) {
            // falls through
        }
        return body == null || body.isBlank() ? "no details given" : abbreviate(body.strip());
    }

    /**
     * Each error as {@code detail (source)}; with {@code withinItem}, a source of {@code data[i].email} becomes
     * {@code email}, as the batch index means nothing to the person reading the report.
     */
    static List<String> details(JsonNode errors, boolean withinItem) {
        List<String> details = new ArrayList<>();
        for (JsonNode error : errors) {
            String text = error.path("detail").asText("");
            if (text.isBlank()) {
                text = error.path("title").asText("");
            }
            if (text.isBlank()) {
                text = "rejected" + (error.has("status") ? " (" + error.path("status").asText() + ")" : "");
            }
            JsonNode where = error.path("source");
            // The contract gives a path ("data[3].email"); JSON:API-style servers give {"pointer": "..."}.
            String source = where.isTextual() ? where.asText() : where.path("pointer").asText("");
            if (withinItem) {
                source = source.replaceFirst("^data\\[\\d+\\]\\.?", "");
            }
            details.add(source.isBlank() ? text : text + " (" + source + ")");
        }
        return details;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
