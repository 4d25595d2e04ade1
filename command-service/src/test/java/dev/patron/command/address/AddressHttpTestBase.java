package dev.patron.command.address;

import org.junit.jupiter.api.Tag;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import dev.patron.command.auth.CommandServiceTokens;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command service as a client meets it: a real server on a random port, the real MongoDB driver over TCP to
 * mongo-java-server, real JWTs signed with the service's own key. Subclasses share this one application context,
 * so tests keep apart by creating customers of their own. Nothing builds the read models here, so writes do not
 * wait for them. Snapshots are taken every few events, so that loading from a snapshot is exercised too.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "patron.mongo.database=address-http-test",
        "patron.read-your-writes.enabled=false",
        "patron.event-store.snapshot-threshold=3"})
abstract class AddressHttpTestBase {

    static final String CUSTOMERS = "/v2/customers";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventStore eventStore;

    CommandServiceTokens tokens;
    ApiTestClient anonymous;
    /** Signed in as the back office. */
    ApiTestClient api;

    @DynamicPropertySource
    static void inMemoryMongo(DynamicPropertyRegistry registry) {
        registry.add("patron.mongo.uri", InMemoryMongo::connectionString);
    }

    @BeforeEach
    void signIn() {
        tokens = new CommandServiceTokens(context);
        anonymous = ApiTestClient.onPort(port);
        api = anonymous.withHeader("Authorization", "Bearer " + tokens.backOffice());
    }

    static String addressesOf(String customerId) {
        return CUSTOMERS + "/" + customerId + "/addresses";
    }

    static String address(String customerId, String addressId) {
        return addressesOf(customerId) + "/" + addressId;
    }

    /** A new customer of this test's own; returns their id. */
    String newCustomer() {
        String email = "ron." + UUID.randomUUID().toString().substring(0, 8) + "@swanson.com";
        HttpResponse<String> created = api.post(CUSTOMERS,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Ron Swanson\",\"email\":\"" + email + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    /** A new address of the customer, made of {@link #home()}; returns the address object answered. */
    JsonNode newAddress(String customerId) {
        HttpResponse<String> created = api.post(addressesOf(customerId), addressJson(home()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("data");
    }

    /** Every part of an address, by its contract name. */
    static Map<String, Object> home() {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("name", "home");
        parts.put("first_name", "Ron");
        parts.put("last_name", "Swanson");
        parts.put("company_name", "Very Good Building & Development Co.");
        parts.put("phone_number", "+1 317 555 0199");
        parts.put("instructions", "Leave it by the woodshed");
        parts.put("line_1", "1 Sycamore Lane");
        parts.put("line_2", "Cabin in the woods");
        parts.put("city", "Pawnee");
        parts.put("county", "Wamapoke County");
        parts.put("region", "Indiana");
        parts.put("postcode", "47998");
        parts.put("country", "US");
        return parts;
    }

    /** An address request body of type "address" with these parts; a {@code null} value is sent as JSON null. */
    static String addressJson(Map<String, ?> parts) {
        ObjectNode data = JSON.createObjectNode().put("type", "address");
        parts.forEach((name, value) -> data.set(name, JSON.valueToTree(value)));
        return JSON.createObjectNode().set("data", data).toString();
    }

    static Map<String, Object> with(Map<String, Object> parts, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(parts);
        changed.put(name, value);
        return changed;
    }

    static Map<String, Object> without(Map<String, Object> parts, String name) {
        Map<String, Object> fewer = new LinkedHashMap<>(parts);
        fewer.remove(name);
        return fewer;
    }
}
