package dev.patron.command.auth;

import com.nimbusds.jose.jwk.ECKey;
import dev.patron.kit.security.TokenSigner;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects holding secrets may end up in a log line or an error message; their text must not carry the secret. */
class SecretRedactionTest {

    private final ECKey key = TokenSigner.generateSigningKey();
    private final String privatePart = key.getD().toString();

    @Test
    void theClientSecretIsNotPrinted() {
        assertThat(new ClientCredentials("store", "top-secret-value").toString())
                .contains("store").doesNotContain("top-secret-value");
    }

    @Test
    void theSigningKeyIsNotPrinted() {
        assertThat(new ActiveSigningKey(key).toString()).contains(key.getKeyID()).doesNotContain(privatePart);
        assertThat(new TokenIssuingProperties(Duration.ofHours(1), key.toJSONString()).toString())
                .doesNotContain(privatePart);
    }
}
