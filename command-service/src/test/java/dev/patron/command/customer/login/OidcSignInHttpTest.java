package dev.patron.command.customer.login;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.patron.command.customer.login.TestIdentityProvider.AuthorizationCode;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerSignedIn;
import dev.patron.events.customer.OidcIdentityLinked;
import dev.patron.events.customer.PasswordSet;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a real OpenID provider running in the test ({@link TestIdentityProvider}): the browser's
 * part of the authorization-code flow with PKCE is played as a browser would, the rest is the service's.
 */
class OidcSignInHttpTest extends SignInHttpTestBase {

    @Test
    void aNewIdentityBecomesANewCustomerWithoutPasswordLinkedToIt() {
        String subject = newSubject();
        String email = freshEmail();

        HttpResponse<String> response =
                signInWith(TestIdentityProvider.signIn(subject, verified(email, "Ann Perkins")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String customerId = json(response).at("/data/customer_id").asText();
        assertThat(historyOf(customerId)).containsExactly(
                new CustomerCreated(customerId, "Ann Perkins", email, null),
                new OidcIdentityLinked(customerId, TestIdentityProvider.issuer(), subject));
        String token = json(response).at("/data/token").asText();
        assertThat(asCustomer(token).put(CUSTOMERS + "/" + customerId, rename("Ann Perkins-Traeger")).statusCode())
                .isEqualTo(200);
        assertThat(signIn(email, "any password at all").statusCode())
                .as("a customer made by single sign-on has no password").isEqualTo(401);
    }

    @Test
    void theSameSubjectSignsInAsTheSameCustomerEvenAfterItsAddressChanged() {
        String subject = newSubject();
        String first = customerIdOf(signInWith(TestIdentityProvider.signIn(subject, verified(freshEmail(), "Ann"))));

        String second = customerIdOf(signInWith(TestIdentityProvider.signIn(subject, verified(freshEmail(), "Ann"))));

        assertThat(second).isEqualTo(first);
        assertThat(historyOf(first)).filteredOn(OidcIdentityLinked.class::isInstance).hasSize(1);
    }

    @Test
    void aVerifiedAddressMatchesTheCustomerHoldingItWhoIsLinkedFromThen() {
        String email = freshEmail();
        String customerId = signUp(email, "Lagavulin-16-years");
        String subject = newSubject();

        String signedInAs = customerIdOf(signInWith(TestIdentityProvider.signIn(subject,
                verified(email.toUpperCase(), "Ron"))));

        assertThat(signedInAs).isEqualTo(customerId);
        assertThat(historyOf(customerId)).last()
                .isEqualTo(new OidcIdentityLinked(customerId, TestIdentityProvider.issuer(), subject));
        assertThat(customerIdOf(signInWith(TestIdentityProvider.signIn(subject, Map.of())))).isEqualTo(customerId);
    }

    @Test
    void anUnverifiedAddressNeverMatchesAnExistingCustomer() {
        String email = freshEmail();
        String customerId = signUp(email, "Lagavulin-16-years");

        HttpResponse<String> response = signInWith(TestIdentityProvider.signIn(newSubject(),
                Map.of("email", email, "email_verified", false, "name", "Not Ron")));

        errors(response, 409);
        assertThat(response.body()).doesNotContain("\"token\"", customerId);
        assertThat(historyOf(customerId)).noneMatch(OidcIdentityLinked.class::isInstance)
                .noneMatch(CustomerSignedIn.class::isInstance);
    }

    /** A code the provider refuses (here: presented with another sign-in's PKCE verifier) is a 401. */
    @Test
    void aCodeTheProviderRefusesIsRefused() {
        AuthorizationCode someoneElses = TestIdentityProvider.signIn(newSubject(), verified(freshEmail(), "Ann"));

        assertSignInFailed(signInWith(new AuthorizationCode(someoneElses.code(), someoneElses.redirectUri(),
                new CodeVerifier().getValue())));
    }

    @Test
    void anIdTokenFromAnotherIssuerForAnotherAudienceOrExpiredIsRefused() {
        assertSignInFailed(signInWith(TestIdentityProvider.signIn(newSubject(),
                withClaim(verified(freshEmail(), "Ann"), "iss", "https://impostor.example.com"))));
        assertSignInFailed(signInWith(TestIdentityProvider.signIn(newSubject(),
                withClaim(verified(freshEmail(), "Ann"), "aud", "another-client"))));
        assertSignInFailed(signInWith(TestIdentityProvider.signIn(newSubject(), verified(freshEmail(), "Ann"), -600)));
    }

    @Test
    void deletingTheCustomerForgetsTheLinkSoTheIdentityStartsAfresh() {
        String subject = newSubject();
        String email = freshEmail();
        String customerId = customerIdOf(signInWith(TestIdentityProvider.signIn(subject, verified(email, "Ann"))));

        assertThat(backOffice.delete(CUSTOMERS + "/" + customerId).statusCode()).isEqualTo(204);

        assertThat(database.getCollection(OidcLinks.COLLECTION).countDocuments(Filters.eq("customer_id", customerId)))
                .isZero();
        assertThat(database.getCollection(OidcLinks.BY_CUSTOMER).countDocuments(Filters.eq("_id", customerId)))
                .isZero();
        String afresh = customerIdOf(signInWith(TestIdentityProvider.signIn(subject, verified(email, "Ann"))));
        assertThat(afresh).isNotEqualTo(customerId);
    }

    @Test
    void malformedRequestsAre422NamingTheField() {
        errors(storefront.post(TOKENS, tokenRequest(Map.of(
                "authentication_mechanism", SignInMechanism.OIDC,
                "oauth_redirect_uri", "/relative",
                "oauth_code_verifier", "v"))), 422, "data.oauth_authorization_code", "data.oauth_redirect_uri");
        errors(storefront.post(TOKENS, tokenRequest(Map.of(
                "authentication_mechanism", SignInMechanism.OIDC,
                "oauth_authorization_code", "code",
                "oauth_redirect_uri", TestIdentityProvider.REDIRECT_URI.toString(),
                "oauth_code_verifier", "too-short"))), 422, "data.oauth_code_verifier");
    }

    @Test
    void aPasswordSetLaterRevokesTheSingleSignOnTokens() {
        HttpResponse<String> signedIn =
                signInWith(TestIdentityProvider.signIn(newSubject(), verified(freshEmail(), "Ann")));
        String customerId = customerIdOf(signedIn);
        String token = json(signedIn).at("/data/token").asText();

        assertThat(asCustomer(token).put(CUSTOMERS + "/" + customerId, newPassword("Lapsang-souchong")).statusCode())
                .isEqualTo(200);

        assertThat(historyOf(customerId)).last().isInstanceOf(PasswordSet.class);
        errors(asCustomer(token).put(CUSTOMERS + "/" + customerId, rename("Ann")), 401);
    }

    private HttpResponse<String> signInWith(AuthorizationCode code) {
        return storefront.post(TOKENS, tokenRequest(Map.of(
                "authentication_mechanism", SignInMechanism.OIDC,
                "oauth_authorization_code", code.code(),
                "oauth_redirect_uri", code.redirectUri().toString(),
                "oauth_code_verifier", code.codeVerifier())));
    }

    private static String customerIdOf(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        return json(signedIn).at("/data/customer_id").asText();
    }

    private static void assertSignInFailed(HttpResponse<String> response) {
        assertThat(errors(response, 401).get(0).get("detail").asText()).isEqualTo(OidcProvider.SIGN_IN_FAILED);
    }

    private static Map<String, Object> verified(String email, String name) {
        return Map.of("email", email, "email_verified", true, "name", name);
    }

    private static Map<String, Object> withClaim(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new HashMap<>(claims);
        changed.put(name, value);
        return changed;
    }

    private static String newSubject() {
        return "shopper-" + UUID.randomUUID();
    }
}
