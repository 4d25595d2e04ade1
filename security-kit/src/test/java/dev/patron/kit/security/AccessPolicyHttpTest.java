package dev.patron.kit.security;

import org.junit.jupiter.api.Tag;
import dev.patron.kit.security.AuthMatrix.Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access policy over every call of the API contract, through a real server whose only handler answers 200
 * to anything: a 200 means the filter let the request through, 401/403 that it stopped it.
 */
@Tag("integration")
@SpringBootTest(classes = AccessPolicyHttpTest.AnswersEverything.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.probes.enabled=true")
class AccessPolicyHttpTest {

    private static final String OWN_ID = "3f1c2a9e-0000-4000-8000-000000000001";
    private static final String OTHER_ID = "3f1c2a9e-0000-4000-8000-000000000002";
    private static final TestTokens TOKENS = TestTokens.start();

    @LocalServerPort
    int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Reached.class)
    static class AnswersEverything {
    }

    @RestController
    static class Reached {
        @RequestMapping("/**")
        String reached() {
            return "{\"reached\":true}";
        }
    }

    @DynamicPropertySource
    static void trustTheTestAuthority(DynamicPropertyRegistry registry) {
        registry.add("patron.auth.jwks-uri", TOKENS::jwksUri);
    }

    @AfterAll
    static void stopAuthority() {
        TOKENS.close();
    }

    /** A call of the contract and what a storefront gets alone, with its own customer token, with another's. */
    record Expectation(String method, String path, int storefrontAlone, int ownCustomer, int otherCustomer) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Expectation> contractCalls() {
        String own = "/v2/customers/" + OWN_ID;
        return List.of(
                new Expectation("POST", "/v2/customers", 200, 200, 200),
                new Expectation("GET", "/v2/customers", 403, 403, 403),
                new Expectation("GET", "/v2/customers?filter=eq(email,a@b.c)", 403, 403, 403),
                new Expectation("GET", own, 403, 200, 403),
                new Expectation("HEAD", own, 403, 200, 403),
                new Expectation("PUT", own, 403, 200, 403),
                new Expectation("DELETE", own, 403, 200, 403),
                new Expectation("POST", "/v2/customers/tokens", 200, 200, 200),
                new Expectation("GET", own + "/addresses", 403, 200, 403),
                new Expectation("POST", own + "/addresses", 403, 200, 403),
                new Expectation("GET", own + "/addresses/a-1", 403, 200, 403),
                new Expectation("PUT", own + "/addresses/a-1", 403, 200, 403),
                new Expectation("DELETE", own + "/addresses/a-1", 403, 200, 403),
                new Expectation("GET", "/v2/orders", 403, 200, 200),
                new Expectation("GET", "/v2/orders/o-1", 403, 200, 200),
                new Expectation("GET", "/v2/orders/o-1/items", 403, 200, 200),
                new Expectation("POST", "/v2/orders/o-1/payments", 403, 403, 403),
                new Expectation("PUT", "/v2/orders/o-1", 403, 403, 403),
                new Expectation("POST", "/v2/orders/anonymize", 403, 403, 403),
                new Expectation("GET", "/v2/carts", 403, 200, 200),
                new Expectation("GET", "/v2/carts/c-1", 200, 200, 200),
                new Expectation("POST", "/v2/carts/c-1/items", 200, 200, 200),
                new Expectation("PUT", "/v2/carts/c-1/items/i-1", 200, 200, 200),
                new Expectation("DELETE", "/v2/carts/c-1/items", 200, 200, 200),
                new Expectation("POST", "/v2/carts/c-1/relationships/customers", 403, 200, 200),
                new Expectation("POST", "/v2/carts/c-1/checkout", 200, 200, 200),
                new Expectation("GET", "/v2/flows", 403, 403, 403),
                new Expectation("POST", "/v2/flows", 403, 403, 403),
                new Expectation("GET", "/v2/flows/customers/fields", 403, 403, 403),
                new Expectation("PUT", "/v2/flows/f-1", 403, 403, 403),
                new Expectation("DELETE", "/v2/flows/f-1", 403, 403, 403),
                new Expectation("GET", "/v2/fields", 403, 403, 403),
                new Expectation("POST", "/v2/fields", 403, 403, 403),
                new Expectation("GET", "/v2/fields/f-1", 403, 403, 403),
                new Expectation("PUT", "/v2/fields/f-1", 403, 403, 403),
                new Expectation("DELETE", "/v2/fields/f-1", 403, 403, 403),
                new Expectation("GET", "/v2/integrations", 403, 403, 403),
                new Expectation("POST", "/v2/integrations", 403, 403, 403),
                new Expectation("GET", "/v2/integrations/i-1", 403, 403, 403),
                new Expectation("PUT", "/v2/integrations/i-1", 403, 403, 403),
                new Expectation("DELETE", "/v2/integrations/i-1", 403, 403, 403),
                new Expectation("GET", "/v2/integrations/i-1/logs", 403, 403, 403),
                new Expectation("POST", "/v2/flows", 403, 403, 403),
                new Expectation("POST", "/v2/fields", 403, 403, 403),
                new Expectation("POST", own, 403, 403, 403),
                new Expectation("GET", own + "/something-new", 403, 403, 403));
    }

    static Stream<Arguments> everyCallerOnEveryCall() {
        String storefront = TOKENS.storefront();
        Caller storefrontAlone = Caller.withAccessToken("storefront alone", storefront);
        Caller ownCustomer = storefrontAlone.withCustomerToken("storefront + own customer token", TOKENS.customer(OWN_ID));
        Caller otherCustomer = storefrontAlone.withCustomerToken("storefront + other customer's token", TOKENS.customer(OTHER_ID));
        Caller backOffice = Caller.withAccessToken("back office", TOKENS.backOffice());
        List<Caller> refused = AuthMatrix.refusedCallers(
                storefront, TOKENS.expiredBackOffice(), TOKENS.customer(OWN_ID), TOKENS.signingKey());
        List<Caller> refusedCustomerTokens = AuthMatrix.refusedCustomerTokens(
                storefront, OWN_ID, TOKENS.expiredCustomer(OWN_ID), TOKENS.customer(OTHER_ID), TOKENS.signingKey());
        List<Arguments> cases = new ArrayList<>();
        for (Expectation call : contractCalls()) {
            cases.add(Arguments.of(call, backOffice, 200));
            cases.add(Arguments.of(call, storefrontAlone, call.storefrontAlone()));
            cases.add(Arguments.of(call, ownCustomer, call.ownCustomer()));
            cases.add(Arguments.of(call, otherCustomer, call.otherCustomer()));
            refused.forEach(caller -> cases.add(Arguments.of(call, caller, 401)));
            // Calls that need a customer token, and cart calls, which act for the shopper when one comes, refuse a
            // bad one rather than ignore it.
            if (call.storefrontAlone() == 403 && call.ownCustomer() == 200 || call.path().startsWith("/v2/carts/")) {
                refusedCustomerTokens.forEach(caller -> cases.add(Arguments.of(call, caller, 401)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("everyCallerOnEveryCall")
    void callerGetsTheStatusTheContractGives(Expectation call, Caller caller, int expectedStatus) {
        HttpResponse<String> response = send(call.method(), call.path(), caller);

        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        if (expectedStatus >= 400 && !call.method().equals("HEAD")) {
            assertThat(response.body())
                    .startsWith("{\"errors\":[{\"status\":" + expectedStatus)
                    .doesNotContain("Exception", "dev.patron", ".java");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
        }
        if (expectedStatus == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void publicEndpointsNeedNoTokenAndIgnoreABadOne() {
        Caller anonymous = new Caller("no token", null, null);
        Caller garbage = Caller.withAccessToken("garbage", "not-a-jwt");
        for (Caller caller : List.of(anonymous, garbage)) {
            assertThat(send("GET", "/actuator/health", caller).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/actuator/health/readiness", caller).statusCode()).isEqualTo(200);
            assertThat(send("POST", "/oauth/access_token", caller).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/oauth/jwks", caller).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void headerNamesAndTheBearerSchemeAreCaseInsensitive() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/v2/customers/" + OWN_ID))
                .header("authorization", "bearer " + TOKENS.storefront())
                .header("x-moltin-customer-token", TOKENS.customer(OWN_ID))
                .build();
        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAccessTokenIsNotACustomerToken() {
        Caller accessTokenAsCustomerToken = Caller.withAccessToken("storefront", TOKENS.storefront())
                .withCustomerToken("access token as customer token", TOKENS.backOffice());
        assertThat(send("GET", "/v2/customers/test-client", accessTokenAsCustomerToken).statusCode()).isEqualTo(401);
    }

    @Test
    void pathsTheServerMightReadDifferentlyAreRefusedBeforeThePolicy() {
        Caller otherCustomer = Caller.withAccessToken("storefront", TOKENS.storefront())
                .withCustomerToken("other", TOKENS.customer(OTHER_ID));
        for (String path : List.of(
                "/v2/customers/" + OTHER_ID + "/..;/" + OWN_ID,
                "/v2/customers/" + OWN_ID + ";jsessionid=1",
                "/v2/customers/" + OTHER_ID + "%2F..%2F" + OWN_ID,
                "/v2//customers/" + OWN_ID)) {
            assertThat(send("GET", path, otherCustomer).statusCode()).as(path).isEqualTo(400);
        }
    }

    private HttpResponse<String> send(String method, String path, Caller caller) {
        return AuthMatrix.call(baseUri(), method, path, caller, "{\"data\":{}}");
    }

    private URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }
}
