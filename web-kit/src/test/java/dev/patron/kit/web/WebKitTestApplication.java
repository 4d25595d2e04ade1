package dev.patron.kit.web;

import dev.patron.contract.ApiError;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service that uses the web kit the way Patron's services do, with endpoints that fail in each way the kit
 * must answer. Token checks are another auto-configuration's concern, left out here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "dev.patron.kit.security.PatronSecurityAutoConfiguration")
class WebKitTestApplication {

    /** Names are bounded by the body limits only, which the tests probe with bodies made of one long name. */
    private static final TextRule NAME = TextRule.line(Integer.MAX_VALUE);
    static final String SECRET = "E11000 duplicate key error collection: patron.secrets at com.mongodb.Secret";

    @Bean
    Filter failingFilter() {
        return (request, response, chain) -> {
            if (((jakarta.servlet.http.HttpServletRequest) request).getRequestURI().equals("/filter-failure")) {
                throw new IllegalStateException(SECRET);
            }
            chain.doFilter(request, response);
        };
    }

    @RestController
    static class Endpoints {

        @PostMapping("/things")
        DataDocument<Map<String, String>> create(@RequestBody JsonNode body) {
            RequestDocument document = RequestDocument.read(body, "thing");
            String name = document.text("name", NAME);
            String colour = document.text("colour", TextRule.line(10));
            Validation validation = Validation.of(document);
            document.requireWellFormed();
            validation.check(name != null, RequestDocument.source("name"), "name is required").throwIfInvalid();
            return DataDocument.of(Map.of("type", "thing", "name", name));
        }

        @PostMapping("/counts")
        DataDocument<Count> count(@RequestBody DataDocument<Count> body) {
            return body;
        }

        @GetMapping("/failure")
        String failure() {
            throw new IllegalStateException(SECRET);
        }

        @GetMapping("/conflict")
        String conflict() {
            throw new ApiException(HttpStatus.CONFLICT, List.of(
                    ApiError.of(HttpStatus.CONFLICT, "first", "data.a"),
                    ApiError.of(HttpStatus.CONFLICT, "second", "data.b")));
        }
    }

    record Count(String type, int count) {
    }
}
