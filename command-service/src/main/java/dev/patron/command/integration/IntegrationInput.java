package dev.patron.command.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.ObservableEvents;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
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

    static final TextRule NAME = TextRule.line(255);
    static final TextRule DESCRIPTION = TextRule.lines(1024);
    static final TextRule URL = TextRule.line(2048);
    /** Long enough that it cannot be guessed from signatures; short enough for any header. */
    static final int MIN_SECRET = 16;
    static final TextRule SECRET = TextRule.secret(256);

    static final String URL_SOURCE = "data.configuration.url";
    static final String SECRET_SOURCE = "data.configuration.secret_key";

    static IntegrationInput read(JsonNode body, boolean creating) {
        RequestDocument data = RequestDocument.read(body, IntegrationResource.TYPE);
        String name = data.text("name", NAME);
        String description = data.text("description", DESCRIPTION);
        String integrationType = data.text("integration_type", TextRule.CHOICE);
        Boolean enabled = data.bool("enabled");
        List<String> observes = data.texts("observes", TextRule.CHOICE);
        JsonNode configuration = data.node("configuration");
        RequestDocument settings = configuration == null || configuration.isNull() ? null
                : RequestDocument.nested(configuration, "data.configuration");
        String url = settings == null ? null : settings.text("url", URL);
        String secret = settings == null ? null : settings.text("secret_key", SECRET);
        Validation rules = settings == null ? Validation.of(data) : Validation.of(data, settings);
        List<ApiError> malformed = new ArrayList<>();
        for (RequestDocument document : settings == null ? List.of(data) : List.of(data, settings)) {
            try {
                document.requireWellFormed();
            } catch (ApiException wrongTypes) {
                malformed.addAll(wrongTypes.document().errors());
            }
        }
        if (!malformed.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, malformed);
        }

        rules.check(!creating || name != null, "data.name", "name is required")
                .check(name == null || !name.isBlank(), "data.name", "name must not be blank")
                .check(integrationType == null || IntegrationResource.WEBHOOK.equals(integrationType),
                        "data.integration_type", "integration_type must be \"webhook\"")
                .check(!creating || observes != null, "data.observes", "observes is required")
                .check(observes == null || !observes.isEmpty(), "data.observes",
                        "observes must name at least one event type")
                .check(!creating || configuration != null, "data.configuration", "configuration is required")
                .check(!creating || configuration == null || url != null, URL_SOURCE, "url is required")
                .check(url == null || isHttp(url), URL_SOURCE, "url must be an absolute http or https URL")
                .check(!creating || configuration == null || secret != null, SECRET_SOURCE, "secret_key is required")
                .check(secret == null || secret.length() >= MIN_SECRET, SECRET_SOURCE,
                        "secret_key must be at least " + MIN_SECRET + " characters");
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
