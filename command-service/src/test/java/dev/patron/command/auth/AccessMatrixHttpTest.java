package dev.patron.command.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.kit.security.AuthMatrix;
import dev.patron.kit.security.AuthMatrix.Caller;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command-service endpoint that exists so far, called by every kind of caller through real HTTP with
 * real JWTs, against the statuses the contract gives.
 */
class AccessMatrixHttpTest extends RunningCommandService {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBackOfficeMayDoEverything() {
        Caller backOffice = Caller.withAccessToken("back office", tokens().backOffice());
        String customerId = createdCustomer();

        assertThat(call("POST", "/v2/customers", backOffice, newCustomer()).statusCode()).isEqualTo(201);
        assertThat(call("PUT", "/v2/customers/" + customerId, backOffice, rename()).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/v2/customers/" + customerId, backOffice, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aStorefrontAloneMaySignUpButNotChangeOrDeleteAnyone() {
        Caller storefront = Caller.withAccessToken("storefront alone", tokens().storefront());
        String customerId = createdCustomer();

        assertThat(call("POST", "/v2/customers", storefront, newCustomer()).statusCode()).isEqualTo(201);
        assertForbidden(call("PUT", "/v2/customers/" + customerId, storefront, rename()));
        assertForbidden(call("DELETE", "/v2/customers/" + customerId, storefront, null));
    }

    @Test
    void aCustomerTokenOpensThatCustomersOwnRecordOnly() {
        String ownId = createdCustomer();
        String otherId = createdCustomer();
        Caller signedIn = Caller.withAccessToken("storefront", tokens().storefront())
                .withCustomerToken("own customer token", tokens().customer(ownId));

        assertForbidden(call("PUT", "/v2/customers/" + otherId, signedIn, rename()));
        assertForbidden(call("DELETE", "/v2/customers/" + otherId, signedIn, null));
        assertForbidden(call("PUT", "/v2/customers/" + UUID.randomUUID(), signedIn, rename()));

        assertThat(call("PUT", "/v2/customers/" + ownId, signedIn, rename()).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/v2/customers/" + ownId, signedIn, null).statusCode()).isEqualTo(204);
    }

    @Test
    void refusedTokensGet401EverywhereAndChangeNothing() throws Exception {
        String customerId = createdCustomer();
        CommandServiceTokens tokens = tokens();
        List<Caller> refused = AuthMatrix.refusedCallers(tokens.storefront(), tokens.expiredBackOffice(),
                tokens.customer(customerId), tokens.signingKey());
        for (Caller caller : refused) {
            String email = "refused-" + UUID.randomUUID() + "@example.com";
            assertUnauthorized(caller, call("POST", "/v2/customers", caller, customerWithEmail(email)));
            assertUnauthorized(caller, call("PUT", "/v2/customers/" + customerId, caller, rename()));
            assertUnauthorized(caller, call("DELETE", "/v2/customers/" + customerId, caller, null));

            Caller backOffice = Caller.withAccessToken("back office", tokens.backOffice());
            assertThat(call("POST", "/v2/customers", backOffice, customerWithEmail(email)).statusCode())
                    .as("the refused sign-up by %s left its email free", caller).isEqualTo(201);
        }
        assertThat(call("PUT", "/v2/customers/" + customerId,
                Caller.withAccessToken("back office", tokens.backOffice()), rename()).statusCode())
                .as("the refused deletes left the customer in place").isEqualTo(200);
    }

    @Test
    void healthMetricsAndKeysNeedNoToken() {
        Caller anonymous = new Caller("no token", null, null);
        assertThat(AuthMatrix.call(managementUri(), "GET", "/actuator/health", anonymous, null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/actuator/health", anonymous, null).statusCode())
                .as("health is on the management port only").isEqualTo(404);
        assertThat(call("GET", "/oauth/jwks", anonymous, null).statusCode()).isEqualTo(200);
    }

    private String createdCustomer() {
        HttpResponse<String> created = call("POST", "/v2/customers",
                Caller.withAccessToken("back office", tokens().backOffice()), newCustomer());
        assertThat(created.statusCode()).isEqualTo(201);
        try {
            return JSON.readTree(created.body()).get("data").get("id").asText();
        } catch (Exception notJson) {
            throw new IllegalStateException(created.body(), notJson);
        }
    }

    private HttpResponse<String> call(String method, String path, Caller caller, String body) {
        return AuthMatrix.call(baseUri(), method, path, caller, body);
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"errors\":[{\"status\":403,\"title\":\"Forbidden\"");
    }

    private static void assertUnauthorized(Caller caller, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(caller.description()).isEqualTo(401);
        assertThat(response.body()).as(caller.description())
                .startsWith("{\"errors\":[{\"status\":401,\"title\":\"Unauthorized\"")
                .doesNotContain("Exception", ".java");
    }

    private static String newCustomer() {
        return customerWithEmail("c-" + UUID.randomUUID() + "@example.com");
    }

    private static String customerWithEmail(String email) {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Swanson\",\"email\":\"" + email + "\"}}";
    }

    private static String rename() {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"Ronald Swanson\"}}";
    }
}
