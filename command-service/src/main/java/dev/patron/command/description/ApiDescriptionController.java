package dev.patron.command.description;

import dev.patron.contract.ApiDescription;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /openapi.json}: the API host's description, for anyone (the access policy lets it through without a
 * token). Served by the command service, which the gateway sends it to, so that one process answers it in either
 * layout; it describes both services' routes.
 */
@RestController
class ApiDescriptionController {

    private final byte[] description = ApiDescription.json();

    @GetMapping(path = ApiDescription.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> description() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(description);
    }
}
