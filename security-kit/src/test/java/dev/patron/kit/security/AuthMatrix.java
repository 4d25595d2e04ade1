package dev.patron.kit.security;

import com.nimbusds.jose.jwk.ECKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pieces of an access-matrix test: who calls ({@link Caller}), the callers that must all get 401, and a real
 * HTTP call carrying a caller's tokens.
 */
public final class AuthMatrix {

    /** A negative lifetime: the token's {@code exp} lies ten minutes in the past, beyond any clock-skew allowance. */
    public static final Duration EXPIRED_TEN_MINUTES_AGO = Duration.ofMinutes(-10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AuthMatrix() {
    }

    /** Tokens a request carries; {@code null} for a header that is left out. */
    public record Caller(String description, String accessToken, String customerToken) {

        public static Caller withAccessToken(String description, String accessToken) {
            return new Caller(description, accessToken, null);
        }

        public Caller withCustomerToken(String description, String customerToken) {
            return new Caller(description, accessToken, customerToken);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * Callers whose access token must be refused with 401 on every call that is not public.
     *
     * @param genuineStorefrontToken a valid storefront token from the signer under test (to tamper with)
     * @param expiredToken           a token from the signer under test whose expiry has passed
     * @param customerToken          a valid customer token, sent where an access token belongs
     * @param trustedKey             the signing key (only its public half and key id are used, as an attacker would)
     */
    public static List<Caller> refusedCallers(
            String genuineStorefrontToken, String expiredToken, String customerToken, ECKey trustedKey) {
        return List.of(
                new Caller("no token", null, null),
                new Caller("customer token without access token", null, customerToken),
                Caller.withAccessToken("customer token as access token", customerToken),
                Caller.withAccessToken("expired token", expiredToken),
                Caller.withAccessToken("tampered token", ForgedTokens.tamperedToBackOffice(genuineStorefrontToken)),
                Caller.withAccessToken("alg:none token", ForgedTokens.unsignedCopyOf(genuineStorefrontToken)),
                Caller.withAccessToken("token signed by another key", ForgedTokens.signedByAnotherKeyClaiming(trustedKey)),
                Caller.withAccessToken("HMAC token keyed with the public key",
                        ForgedTokens.hmacSignedWithPublicKey(genuineStorefrontToken, trustedKey)),
                Caller.withAccessToken("token of another issuer",
                        ForgedTokens.resignedWith(genuineStorefrontToken, trustedKey, Map.of("iss", "someone-else"))),
                Caller.withAccessToken("token for another audience",
                        ForgedTokens.resignedWith(genuineStorefrontToken, trustedKey, Map.of("aud", "another-api"))));
    }

    /**
     * Callers with a valid storefront token whose customer token must be refused with 401 on a call for the data of
     * customer {@code customerId}.
     *
     * @param storefrontToken       a valid storefront token from the signer under test
     * @param customerId            the customer whose data the calls are for
     * @param expiredCustomerToken  that customer's token from the signer under test, expired
     * @param otherCustomersToken   a valid token of another customer, to forge that customer's from
     * @param trustedKey            the signing key (only its public half and key id are used, as an attacker would)
     */
    public static List<Caller> refusedCustomerTokens(String storefrontToken, String customerId,
                                                     String expiredCustomerToken, String otherCustomersToken,
                                                     ECKey trustedKey) {
        Caller storefront = Caller.withAccessToken("storefront", storefrontToken);
        String rewritten = ForgedTokens.withSubjectRewritten(otherCustomersToken, customerId);
        return List.of(
                storefront.withCustomerToken("expired customer token", expiredCustomerToken),
                storefront.withCustomerToken("another customer's token with its subject rewritten", rewritten),
                storefront.withCustomerToken("alg:none customer token", ForgedTokens.unsignedCopyOf(rewritten)),
                storefront.withCustomerToken("customer token signed by another key",
                        ForgedTokens.customerTokenSignedByAnotherKeyClaiming(trustedKey, customerId)),
                storefront.withCustomerToken("customer token of another issuer", ForgedTokens.resignedWith(
                        otherCustomersToken, trustedKey, Map.of("sub", customerId, "iss", "someone-else"))),
                storefront.withCustomerToken("access token as customer token", storefrontToken));
    }

    /** Sends one request with the caller's tokens and, for POST and PUT, a JSON body. */
    public static HttpResponse<String> call(URI baseUri, String method, String path, Caller caller, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(30));
        if (caller.accessToken() != null) {
            request.header("Authorization", "Bearer " + caller.accessToken());
        }
        if (caller.customerToken() != null) {
            request.header(AccessTokenFilter.CUSTOMER_TOKEN_HEADER, caller.customerToken());
        }
        boolean hasBody = method.equals("POST") || method.equals("PUT");
        if (hasBody) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, hasBody ? HttpRequest.BodyPublishers.ofString(jsonBody) : HttpRequest.BodyPublishers.noBody());
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
