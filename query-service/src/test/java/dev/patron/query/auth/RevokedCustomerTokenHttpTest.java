package dev.patron.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.kit.security.AuthMatrix;
import dev.patron.kit.security.AuthMatrix.Caller;
import dev.patron.query.RunningQueryService;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The query service verifies customer tokens itself, so it must also refuse those revoked since they were issued:
 * here revoked by writing the shared collection exactly as the command service does on a password change or a
 * deletion. A service that caches revocations sees one within its cache time (by default it does not cache), so the
 * refusal is awaited for up to a few seconds more than that.
 */
class RevokedCustomerTokenHttpTest extends RunningQueryService {

    private static final Duration CACHE_TIME_AND_MARGIN = Duration.ofSeconds(10);

    @Test
    void aTokenOlderThanTheCustomersNewPasswordIsRefusedAndANewerOneAccepted() {
        String customerId = customerWithPassword();
        Caller withFirstPasswordsToken = signedIn(TOKENS.customer(customerId, 1));
        assertThat(readOwnRecord(customerId, withFirstPasswordsToken)).isEqualTo(200);

        revokeTokensBefore(customerId, 4);

        await().atMost(CACHE_TIME_AND_MARGIN)
                .until(() -> readOwnRecord(customerId, withFirstPasswordsToken) == 401);
        assertThat(readOwnRecord(customerId, signedIn(TOKENS.customer(customerId, 4)))).isEqualTo(200);
    }

    @Test
    void everyTokenOfADeletedCustomerIsRefused() {
        String customerId = customerWithPassword();
        Caller signedIn = signedIn(TOKENS.customer(customerId, 1));
        assertThat(readOwnRecord(customerId, signedIn)).isEqualTo(200);

        revokeTokensBefore(customerId, Long.MAX_VALUE);

        await().atMost(CACHE_TIME_AND_MARGIN).until(() -> readOwnRecord(customerId, signedIn) == 401);
        assertThat(readOwnRecord(customerId, signedIn(TOKENS.customer(customerId, 1_000_000)))).isEqualTo(401);
    }

    private String customerWithPassword() {
        String customerId = UUID.randomUUID().toString();
        publish(customerId, 0, new CustomerCreated(customerId, "Ron Swanson", customerId + "@example.com", null),
                Instant.now());
        publish(customerId, 1, new PasswordSet(customerId, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
                Instant.now());
        awaitVersion(customerId, 1);
        return customerId;
    }

    /** The command service's write on {@code PasswordSet} (its sequence number) and {@code CustomerDeleted} (max). */
    private void revokeTokensBefore(String customerId, long credentialVersion) {
        database.getCollection("customer_token_validity").updateOne(Filters.eq("_id", customerId),
                Updates.max("min_credential_version", credentialVersion), new UpdateOptions().upsert(true));
    }

    private static Caller signedIn(String customerToken) {
        return Caller.withAccessToken("storefront", TOKENS.storefront()).withCustomerToken("customer", customerToken);
    }

    private int readOwnRecord(String customerId, Caller caller) {
        return AuthMatrix.call(URI.create("http://localhost:" + port), "GET", "/v2/customers/" + customerId, caller,
                null).statusCode();
    }
}
