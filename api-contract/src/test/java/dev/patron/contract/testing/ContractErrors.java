package dev.patron.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * The one check that an answer is the contract's error document, whichever client received it: the expected status,
 * a JSON {@code Content-Type}, and {@code {"errors":[...]}} whose every entry has that status, its standard title and a
 * detail.
 */
public final class ContractErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractErrors() {
    }

    /** Asserts all of the above and returns the {@code errors} array. */
    public static JsonNode assertErrorDocument(int expectedStatus, int status, String contentType, String body) {
        assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
        assertThat(contentType).as("Content-Type of %s", body).isNotNull().startsWith("application/json");
        JsonNode errors = parse(body).get("errors");
        assertThat(errors).as("errors of %s", body).isNotNull().isNotEmpty();
        for (JsonNode error : errors) {
            assertThat(error.get("status").asInt()).as("status entry of %s", body).isEqualTo(expectedStatus);
            assertThat(error.get("title").asText()).as("title of %s", body)
                    .isEqualTo(HttpStatus.valueOf(expectedStatus).getReasonPhrase());
            assertThat(error.get("detail").asText()).as("detail of %s", body).isNotBlank();
        }
        return errors;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            throw new AssertionError("not a JSON document: " + body, notJson);
        }
    }
}
