package dev.patron.command.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.ObservableEvents;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An integration's fields as a request gives them: all of them when creating, any of them when changing (an absent
 * field keeps its value). A field of the wrong JSON type is a 400 naming it; a value the rules refuse is a 422
 * naming it, every one of them in one answer.
 */
record IntegrationInput(String name, String description, Boolean enabled, List<String> observes, String url,
                        String secret) {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_URL = 2048;
    /** Long enough that it cannot be guessed from signatures; short enough for any header. */
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    static final String URL_SOURCE = "data.configuration.url";
    static final String SECRET_SOURCE = "data.configuration.secret_key";

    static IntegrationInput read(JsonNode body, boolean creating) {
        RequestDocument data = RequestDocument.read(body, IntegrationResource.TYPE);
        List<ApiError> malformed = new ArrayList<>();
        String name = data.text("name");
        String description = data.text("description");
        String integrationType = data.text("integration_type");
        Boolean enabled = null;
        if (data.node("enabled") != null && !data.node("enabled").isNull()) {
            if (data.node("enabled").isBoolean()) {
                enabled = data.node("enabled").booleanValue();
            } else {
                malformed.add(ApiError.of(HttpStatus.BAD_REQUEST, "enabled must be true or false", "data.enabled"));
            }
        }
        List<String> observes = null;
        JsonNode observed = data.node("observes");
        if (observed != null && !observed.isNull()) {
            if (!observed.isArray()) {
                malformed.add(ApiError.of(HttpStatus.BAD_REQUEST, "observes must be a list of event types",
                        "data.observes"));
            } else {
                observes = new ArrayList<>();
                for (int index = 0; index < observed.size(); index++) {
                    if (observed.get(index).isTextual()) {
                        observes.add(observed.get(index).textValue());
                    } else {
                        malformed.add(ApiError.of(HttpStatus.BAD_REQUEST, "an event type must be a string",
                                "data.observes[" + index + "]"));
                    }
                }
            }
        }
        String url = null;
        String secret = null;
        JsonNode configuration = data.node("configuration");
        if (configuration != null && !configuration.isNull()) {
            RequestDocument settings = RequestDocument.nested(configuration, "data.configuration");
            url = settings.text("url");
            secret = settings.text("secret_key");
            try {
                settings.requireWellFormed();
            } catch (ApiException wrongTypes) {
                malformed.addAll(wrongTypes.document().errors());
            }
        }
        try {
            data.requireWellFormed();
        } catch (ApiException wrongTypes) {
            malformed.addAll(0, wrongTypes.document().errors());
        }
        if (!malformed.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, malformed);
        }

        Validation rules = new Validation();
        rules.check(!creating || name != null, "data.name", "name is required")
                .check(name == null || (!name.isBlank() && name.length() <= MAX_NAME), "data.name",
                        "name must be 1 to " + MAX_NAME + " characters")
                .check(description == null || description.length() <= MAX_DESCRIPTION, "data.description",
                        "description must be at most " + MAX_DESCRIPTION + " characters")
                .check(integrationType == null || IntegrationResource.WEBHOOK.equals(integrationType),
                        "data.integration_type", "integration_type must be \"webhook\"")
                .check(!creating || observes != null, "data.observes", "observes is required")
                .check(observes == null || !observes.isEmpty(), "data.observes",
                        "observes must name at least one event type")
                .check(!creating || configuration != null, "data.configuration", "configuration is required")
                .check(!creating || configuration == null || url != null, URL_SOURCE, "url is required")
                .check(url == null || (url.length() <= MAX_URL && isHttp(url)), URL_SOURCE,
                        "url must be an absolute http or https URL of at most " + MAX_URL + " characters")
                .check(!creating || configuration == null || secret != null, SECRET_SOURCE, "secret_key is required")
                .check(secret == null || (secret.length() >= MIN_SECRET && secret.length() <= MAX_SECRET),
                        SECRET_SOURCE, "secret_key must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
        if (observes != null) {
            for (int index = 0; index < observes.size(); index++) {
                rules.check(ObservableEvents.TYPES.contains(observes.get(index)), "data.observes[" + index + "]",
                        "unknown event type; known are " + String.join(", ", ObservableEvents.TYPES));
            }
        }
        rules.throwIfInvalid();
        return new IntegrationInput(name, description, enabled, observes == null ? null
                : List.copyOf(new LinkedHashSet<>(observes)), url, secret);
    }

    private static boolean isHttp(String url) {
        try {
            URI parsed = new URI(url);
            return parsed.isAbsolute() && parsed.getHost() != null
                    && ("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()));
        } catch (URISyntaxException notAUrl) {
            return false;
        }
    }
}
