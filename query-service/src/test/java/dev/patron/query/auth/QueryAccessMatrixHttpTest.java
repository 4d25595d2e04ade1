package dev.patron.query.auth;

import dev.patron.events.customer.CustomerCreated;
import dev.patron.kit.security.AuthMatrix;
import dev.patron.kit.security.AuthMatrix.Caller;
import dev.patron.query.RunningQueryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service's endpoints, called by every kind of caller through real HTTP with real JWTs whose keys come
 * from a JWKS over HTTP: the service checks tokens itself, whatever the gateway did.
 */
class QueryAccessMatrixHttpTest extends RunningQueryService {

    private static final String OWN_ID = UUID.randomUUID().toString();
    private static final String OTHER_ID = UUID.randomUUID().toString();

    @BeforeAll
    void twoCustomers() {
        publish(OWN_ID, 0, new CustomerCreated(OWN_ID, "Ron Swanson", OWN_ID + "@example.com", null), Instant.now());
        publish(OTHER_ID, 0, new CustomerCreated(OTHER_ID, "Leslie Knope", OTHER_ID + "@example.com", null),
                Instant.now());
        awaitVersion(OWN_ID, 0);
        awaitVersion(OTHER_ID, 0);
    }

    @Test
    void theBackOfficeReadsEverything() {
        Caller backOffice = Caller.withAccessToken("back office", TOKENS.backOffice());
        assertThat(call("/v2/customers", backOffice).statusCode()).isEqualTo(200);
        assertThat(call("/v2/customers/" + OTHER_ID, backOffice).statusCode()).isEqualTo(200);
    }

    @Test
    void aStorefrontAloneReadsNoCustomer() {
        Caller storefront = Caller.withAccessToken("storefront alone", TOKENS.storefront());
        assertForbidden(call("/v2/customers", storefront));
        assertForbidden(call("/v2/customers?filter=eq(email," + OWN_ID + "@example.com)", storefront));
        assertForbidden(call("/v2/customers/" + OWN_ID, storefront));
    }

    @Test
    void aCustomerTokenReadsThatCustomerOnlyAndNeverTheList() {
        Caller signedIn = Caller.withAccessToken("storefront", TOKENS.storefront())
                .withCustomerToken("own customer token", TOKENS.customer(OWN_ID));

        HttpResponse<String> own = call("/v2/customers/" + OWN_ID, signedIn);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(OWN_ID + "@example.com");

        HttpResponse<String> other = call("/v2/customers/" + OTHER_ID, signedIn);
        assertForbidden(other);
        assertThat(other.body()).doesNotContain(OTHER_ID);
        assertThat(call("/v2/customers/" + UUID.randomUUID(), signedIn).body())
                .as("an unknown id gets the same answer as another customer's").isEqualTo(other.body());
        assertForbidden(call("/v2/customers", signedIn));
    }

    @Test
    void refusedTokensGet401AndNoData() {
        List<Caller> refused = AuthMatrix.refusedCallers(TOKENS.storefront(), TOKENS.expiredBackOffice(),
                TOKENS.customer(OWN_ID), TOKENS.signingKey());
        for (Caller caller : refused) {
            for (String path : List.of("/v2/customers", "/v2/customers/" + OWN_ID)) {
                HttpResponse<String> response = call(path, caller);
                assertThat(response.statusCode()).as("%s on %s", caller, path).isEqualTo(401);
                assertThat(response.body()).as("%s on %s", caller, path)
                        .startsWith("{\"errors\":[{\"status\":401,\"title\":\"Unauthorized\"")
                        .doesNotContain(OWN_ID, "Exception", ".java");
            }
        }
    }

    @Test
    void healthAndMetricsNeedNoTokenOnTheManagementPortAndAreNotFoundOnTheApiPort() {
        Caller anonymous = new Caller("no token", null, null);
        for (String path : List.of("/actuator/health", "/actuator/prometheus")) {
            assertThat(management(path).status()).as(path).isEqualTo(200);
            assertThat(call(path, anonymous).statusCode()).as(path).isEqualTo(404);
        }
    }

    private HttpResponse<String> call(String pathAndQuery, Caller caller) {
        return AuthMatrix.call(URI.create("http://localhost:" + port), "GET", pathAndQuery, caller, null);
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"errors\":[{\"status\":403,\"title\":\"Forbidden\"");
    }
}
