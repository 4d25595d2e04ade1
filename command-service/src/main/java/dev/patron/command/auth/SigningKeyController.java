package dev.patron.command.auth;

import com.nimbusds.jose.jwk.JWKSet;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

/** Publishes the public half of the signing key, from which every other service verifies tokens. */
@RestController
class SigningKeyController {

    private final Map<String, Object> publicKeys;

    SigningKeyController(JWKSet publicSigningKeys) {
        this.publicKeys = publicSigningKeys.toJSONObject(true);
    }

    @GetMapping({"/oauth/jwks", "/.well-known/jwks.json"})
    ResponseEntity<Map<String, Object>> publicKeys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(publicKeys);
    }
}
