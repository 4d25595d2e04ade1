package dev.patron.command.customer.login;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static dev.patron.kit.web.ApiTestClient.sources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.patron.kit.security.CustomerToken;
import dev.patron.kit.security.TestTokens;
import dev.patron.kit.security.TokenVerifier;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/customers/tokens} with email and password, over real HTTP. */
class PasswordTokenHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";

    @Test
    void theRightPasswordGivesA24HourTokenForThatCustomerVerifiableWithThePublishedKeys() throws Exception {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> response = signIn(email, PASSWORD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode token = json(response).get("data");
        assertThat(token.get("type").asText()).isEqualTo("token");
        assertThat(token.get("customer_id").asText()).isEqualTo(customerId);
        JWTClaimsSet claims = SignedJWT.parse(token.get("token").asText()).getJWTClaimsSet();
        assertThat(token.get("id").asText()).isEqualTo(claims.getJWTID());
        assertThat(token.get("expires").asLong()).isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(24));
        assertThat(claims.getIssueTime().toInstant()).isBetween(before, Instant.now());
        TokenVerifier publishedKeys = new TokenVerifier(
                JWKSourceBuilder.<SecurityContext>create(URI.create("http://127.0.0.1:" + port + "/oauth/jwks").toURL())
                        .build(), TestTokens.AUDIENCE);
        assertThat(publishedKeys.verifyCustomerToken(token.get("token").asText()))
                .as("the password's event is the customer's second, sequence 1")
                .isEqualTo(new CustomerToken(customerId, 1));
        assertThat(historyOf(customerId)).as("a sign-in after no failure is not recorded").hasSize(2);
    }

    @Test
    void theTokenLetsTheShopperChangeTheirOwnDetails() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);

        HttpResponse<String> renamed = asCustomer(customerToken(email, PASSWORD))
                .put(CUSTOMERS + "/" + customerId, rename("Duke Silver"));

        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).at("/data/name").asText()).isEqualTo("Duke Silver");
    }

    @Test
    void theAddressIsComparedIgnoringCaseAndTheMechanismMayBeLeftOut() {
        String email = freshEmail();
        signUp(email, PASSWORD);

        HttpResponse<String> response = storefront.post(TOKENS,
                tokenRequest(Map.of("email", email.toLowerCase(), "password", PASSWORD)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void everyRefusalLooksTheSameWhateverWasWrong() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String withoutPassword = freshEmail();
        signUp(withoutPassword, null);
        String deleted = freshEmail();
        String deletedId = signUp(deleted, PASSWORD);
        assertThat(backOffice.delete(CUSTOMERS + "/" + deletedId).statusCode()).isEqualTo(204);
        List<Object> history = historyOf(customerId);

        List<HttpResponse<String>> refusals = List.of(
                signIn(email, "Lagavulin-15-years"),
                signIn(freshEmail(), PASSWORD),
                signIn(withoutPassword, PASSWORD),
                signIn(deleted, PASSWORD));

        String expected = "{\"errors\":[{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\""
                + CustomerTokenController.REFUSED + "\"}]}";
        assertThat(refusals).allSatisfy(refused -> {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(expected);
            assertThat(refused.headers().map().keySet()).isEqualTo(refusals.get(0).headers().map().keySet());
        });
        assertThat(historyOf(customerId)).as("a refusal records nothing in the customer's events").isEqualTo(history);
    }

    @Test
    void noAttemptedPasswordIsStoredAnywhere() {
        String email = freshEmail();
        String customerId = signUp(email, PASSWORD);
        String wrongForCustomer = "Wrong-password-for-a-customer-42";
        String wrongForNobody = "Wrong-password-for-nobody-42";
        String unknownEmail = freshEmail();

        signIn(email, wrongForCustomer);
        signIn(unknownEmail, wrongForNobody);
        signIn(email, PASSWORD);

        List<String> stored = new ArrayList<>();
        for (String collection : database.listCollectionNames()) {
            database.getCollection(collection).find().forEach(document -> stored.add(document.toJson()));
        }
        historyOf(customerId).forEach(event -> stored.add(event.toString()));
        assertThat(stored).isNotEmpty().noneSatisfy(text -> assertThat(text).containsAnyOf(
                wrongForCustomer, wrongForNobody, PASSWORD, unknownEmail, unknownEmail.toLowerCase()));
    }

    @Test
    void missingFieldsAre422AndFieldsOfTheWrongTypeAre400NamingTheField() {
        errors(storefront.post(TOKENS, tokenRequest(Map.of("email", freshEmail()))), 422, "data.password");
        errors(storefront.post(TOKENS, tokenRequest(Map.of())), 422, "data.email", "data.password");
        errors(
                storefront.post(TOKENS, tokenRequest(Map.of("email", 7, "password", PASSWORD))), 400, "data.email");
        errors(storefront.post(TOKENS,
                tokenRequest(Map.of("authentication_mechanism", "magic-link"))), 422, "data.authentication_mechanism");
        errors(storefront.post(TOKENS, "{\"data\":{\"type\":\"customer\"}}"), 400, "data.type");
    }

    @Test
    void signingInNeedsAnAccessToken() {
        String email = freshEmail();
        signUp(email, PASSWORD);

        HttpResponse<String> response = anonymous.post(TOKENS,
                tokenRequest(Map.of("email", email, "password", PASSWORD)));

        errors(response, 401);
        assertThat(response.body()).doesNotContain("\"token\"");
    }

    /** Failures are counted under digests: neither the address nor where the attempt came from is kept. */
    @Test
    void neitherTheAddressNorTheSourceOfAFailureIsStored() {
        String unknownEmail = freshEmail();
        signIn(unknownEmail, PASSWORD);

        List<Document> entries = database.getCollection(SignInFailures.COLLECTION).find().into(new ArrayList<>());
        assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry.toJson().toLowerCase())
                .doesNotContain(unknownEmail.toLowerCase(), "127.0.0.1"));
    }
}
