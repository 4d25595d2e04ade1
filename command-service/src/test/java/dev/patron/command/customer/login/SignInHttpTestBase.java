package dev.patron.command.customer.login;

import org.junit.jupiter.api.Tag;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.security.AccessTokenFilter;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command service as shoppers meet it when signing in: a real server on a random port, the real MongoDB driver
 * over TCP to the in-memory server, tokens from the service's own token endpoint, and a real OpenID provider
 * ({@link TestIdentityProvider}). Every sign-in test shares this one configuration, hence one running service; tests
 * keep apart by fresh email addresses. Lockouts are short here (three failures from one source, or seven from all,
 * lock out for 3 s, doubling to 6 s);
 * {@link LockoutHttpTest} moves Axon's event clock past them rather than waiting.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "patron.mongo.database=sign-in-tests",
        "patron.read-your-writes.enabled=false",
        "patron.client.id=" + SignInHttpTestBase.CLIENT_ID,
        "patron.client.secret=" + SignInHttpTestBase.CLIENT_SECRET,
        "patron.customer-sign-in.max-consecutive-failures=" + SignInHttpTestBase.MAX_FAILURES,
        "patron.customer-sign-in.max-account-failures=" + SignInHttpTestBase.MAX_ACCOUNT_FAILURES,
        "patron.customer-sign-in.first-lockout=3s",
        "patron.customer-sign-in.longest-lockout=6s",
        "patron.oidc.client-id=" + TestIdentityProvider.CLIENT_ID,
        "patron.oidc.client-secret=" + TestIdentityProvider.CLIENT_SECRET})
abstract class SignInHttpTestBase {

    static final String CLIENT_ID = "sign-in-store";
    static final String CLIENT_SECRET = "sign-in-store-secret";
    static final int MAX_FAILURES = 3;
    static final int MAX_ACCOUNT_FAILURES = 7;
    static final String CUSTOMERS = "/v2/customers";
    static final String TOKENS = CustomerTokenController.PATH;
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventStore eventStore;

    ApiTestClient anonymous;
    ApiTestClient backOffice;
    /** A shop front's own token, without a signed-in customer: what signs customers up and in. */
    String storefrontToken;
    ApiTestClient storefront;

    @DynamicPropertySource
    static void inMemoryMongoAndIdentityProvider(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
        registry.add("patron.oidc.issuer", TestIdentityProvider::issuer);
    }

    @BeforeEach
    void accessTokens() {
        anonymous = ApiTestClient.onPort(port);
        backOffice = anonymous.withHeader("Authorization", "Bearer " + accessToken(
                "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET));
        storefrontToken = accessToken("grant_type=implicit&client_id=" + CLIENT_ID);
        storefront = anonymous.withHeader("Authorization", "Bearer " + storefrontToken);
    }

    private String accessToken(String form) {
        HttpResponse<String> token = anonymous.send(anonymous.request("/oauth/access_token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form)));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return json(token).get("access_token").asText();
    }

    static String freshEmail() {
        return "Ron." + UUID.randomUUID().toString().substring(0, 8) + "@Swanson.com";
    }

    /** Signs a customer up through the storefront, as a shopper would; returns their id. */
    String signUp(String email, String password) {
        ObjectNode data = JSON.createObjectNode()
                .put("type", "customer").put("name", "Ron Swanson").put("email", email);
        if (password != null) {
            data.put("password", password);
        }
        HttpResponse<String> created = storefront.post(CUSTOMERS, JSON.createObjectNode().set("data", data).toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    HttpResponse<String> signIn(String email, String password) {
        return signInAt(storefront, email, password);
    }

    static HttpResponse<String> signInAt(ApiTestClient storefront, String email, String password) {
        return storefront.post(TOKENS, tokenRequest(Map.of(
                "authentication_mechanism", SignInMechanism.PASSWORD, "email", email, "password", password)));
    }

    /** A customer token from a sign-in that must succeed. */
    String customerToken(String email, String password) {
        HttpResponse<String> signedIn = signIn(email, password);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        return json(signedIn).at("/data/token").asText();
    }

    /** The storefront client acting for the customer whose token this is. */
    ApiTestClient asCustomer(String customerToken) {
        return storefront.withHeader(AccessTokenFilter.CUSTOMER_TOKEN_HEADER, customerToken);
    }

    static String tokenRequest(Map<String, ?> fields) {
        ObjectNode data = JSON.createObjectNode().put("type", "token");
        fields.forEach((name, value) -> data.set(name, JSON.valueToTree(value)));
        return JSON.createObjectNode().set("data", data).toString();
    }

    static String rename(String name) {
        return "{\"data\":{\"type\":\"customer\",\"name\":\"" + name + "\"}}";
    }

    static String newPassword(String password) {
        return "{\"data\":{\"type\":\"customer\",\"password\":\"" + password + "\"}}";
    }

    /** The customer's events as Axon reads them back (decrypted), from the first. */
    List<Object> historyOf(String customerId) {
        return eventStore.readEvents(customerId, 0).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }
}
