package dev.patron.command.customer;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The command service as a client meets it: a real server on a random port, the real MongoDB driver over TCP,
 * a real back-office JWT. Subclasses say which MongoDB (a {@code @DynamicPropertySource} for
 * {@code patron.mongo.uri}); tests share contexts and databases, so they keep apart by fresh email addresses.
 * Nothing builds the read model here, so writes do not wait for it. Snapshots are taken every few events, so that
 * loading from a snapshot is exercised too.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "patron.mongo.database=command-service-test",
        "patron.read-your-writes.enabled=false",
        "patron.event-store.snapshot-threshold=3",
        "patron.client.id=" + CustomerHttpTestBase.CLIENT_ID,
        "patron.client.secret=" + CustomerHttpTestBase.CLIENT_SECRET})
@Import(WriteConflicts.class)
abstract class CustomerHttpTestBase {

    static final String CUSTOMERS = "/v2/customers";
    static final String CLIENT_ID = "test-store";
    static final String CLIENT_SECRET = "test-store-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventStore eventStore;
    @Autowired
    WriteConflicts writeConflicts;

    ApiTestClient api;

    /** Signed in as the back office, with a token from the service's own token endpoint, as a store would be. */
    @BeforeEach
    void signIn() {
        ApiTestClient anonymous = ApiTestClient.onPort(port);
        HttpResponse<String> token = anonymous.send(anonymous.request("/oauth/access_token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT_ID
                        + "&client_secret=" + CLIENT_SECRET)));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        api = anonymous.withHeader("Authorization", "Bearer " + ApiTestClient.json(token).get("access_token").asText());
    }

    /** An email address no other test uses, in mixed case to show it is kept as entered. */
    static String freshEmail() {
        return "Ron." + UUID.randomUUID().toString().substring(0, 8) + "@Swanson.com";
    }

    /** A customer request body with the given fields; {@code null} ones are left out. */
    static String customerJson(String name, String email, String password, String externalRef) {
        ObjectNode data = JSON.createObjectNode().put("type", "customer");
        putIfPresent(data, "name", name);
        putIfPresent(data, "email", email);
        putIfPresent(data, "password", password);
        putIfPresent(data, "external_ref", externalRef);
        return JSON.createObjectNode().set("data", data).toString();
    }

    private static void putIfPresent(ObjectNode data, String field, String value) {
        if (value != null) {
            data.put(field, value);
        }
    }
}
