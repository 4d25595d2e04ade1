package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Who did what, over real HTTP against Patron in one process: a customer's history lists every change of them, their
 * addresses and their orders in order, with its actor, its request's id and what it changed; their state at any
 * instant is rebuilt from events; after erasure the history still answers, redacted.
 */
@Tag("integration")
class AuditHttpTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String ADDRESS = "{\"first_name\":\"Ron\",\"last_name\":\"Swanson\",\"line_1\":\"1 Sycamore Lane\","
            + "\"postcode\":\"47998\",\"country\":\"US\"}";

    private static RunningPatron patron;
    private static ApiTestClient backOffice;
    private static ApiTestClient storefront;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "audit-" + UUID.randomUUID());
        backOffice = patron.backOffice();
        storefront = patron.storefront();
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    @Test
    void theHistoryListsEveryChangeInOrderWithItsActorRequestAndChanges() {
        String email = "ron-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":"
                + "\"Ron Swanson\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String createRequest = created.headers().firstValue("X-Request-Id").orElseThrow();
        String id = json(created).at("/data/id").asText();
        ApiTestClient ron = signIn(email);
        HttpResponse<String> renamed = ron.put("/v2/customers/" + id,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Ronald Swanson\"}}");
        assertThat(renamed.statusCode()).isEqualTo(200);
        String renameRequest = renamed.headers().firstValue("X-Request-Id").orElseThrow();
        String addressId = json(ron.post("/v2/customers/" + id + "/addresses", "{\"data\":{\"type\":\"address\","
                + ADDRESS.substring(1) + "}")).at("/data/id").asText();
        String cart = "/v2/carts/audit-" + UUID.randomUUID();
        ron.post(cart + "/items", "{\"data\":{\"type\":\"custom_item\",\"name\":\"Wax\",\"sku\":\"WAX\",\"quantity\":1,"
                + "\"price\":{\"amount\":1500}}}");
        String order = json(ron.post(cart + "/checkout", "{\"data\":{\"customer\":{\"id\":\"" + id
                + "\"},\"billing_address\":" + ADDRESS + ",\"shipping_address\":" + ADDRESS + "}}")).at("/data/id").asText();
        backOffice.post("/v2/orders/" + order + "/payments", "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}");

        HttpResponse<String> answer = backOffice.get("/v2/customers/" + id + "/history");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("argon2");
        JsonNode history = json(answer).get("data");
        assertThat(history).extracting(entry -> entry.get("type").asText()).containsExactly("customer.created",
                "customer.updated", "customer.updated", "address.created", "order.created", "order.updated");
        assertThat(history).extracting(entry -> entry.get("position").asLong()).isSorted();
        assertThat(history.get(0).at("/actor/type").asText()).isEqualTo("client");
        assertThat(history.get(0).at("/actor/id").asText()).isEqualTo(RunningPatron.CLIENT_ID);
        assertThat(history.get(0).get("request_id").asText()).isEqualTo(createRequest);
        assertThat(history.get(1).get("changes")).extracting(change -> change.get("field").asText())
                .containsExactly("password");
        assertThat(history.get(2).at("/actor/type").asText()).isEqualTo("customer");
        assertThat(history.get(2).at("/actor/id").asText()).isEqualTo(id);
        assertThat(history.get(2).get("request_id").asText()).isEqualTo(renameRequest);
        assertThat(history.get(2).get("changes")).singleElement().satisfies(change -> {
            assertThat(change.get("field").asText()).isEqualTo("name");
            assertThat(change.get("before").asText()).isEqualTo("Ron Swanson");
            assertThat(change.get("after").asText()).isEqualTo("Ronald Swanson");
        });
        assertThat(history.get(3).at("/resource/id").asText()).isEqualTo(addressId);
        assertThat(history.get(5).at("/actor/type").asText()).isEqualTo("client");
        assertThat(history.get(5).get("changes")).extracting(change -> change.get("field").asText())
                .containsExactlyInAnyOrder("payment", "status");

        assertThat(json(ron.get("/v2/customers/" + id + "/history")).get("data")).hasSize(6);
        JsonNode onlyUpdates = json(backOffice.get("/v2/customers/" + id + "/history?filter="
                + encode("eq(type,customer.updated)") + "&page[limit]=1"));
        assertThat(onlyUpdates.get("data")).singleElement()
                .satisfies(entry -> assertThat(entry.get("changes").get(0).get("field").asText()).isEqualTo("password"));
        assertThat(onlyUpdates.at("/meta/results/total").asInt()).isEqualTo(2);
        String afterAddress = history.get(3).get("occurred_at").asText();
        assertThat(json(backOffice.get("/v2/customers/" + id + "/history?filter=" + encode("gt(occurred_at,"
                + afterAddress + ")"))).get("data")).extracting(entry -> entry.get("type").asText())
                .doesNotContain("customer.created", "address.created");
        errors(backOffice.get("/v2/customers/" + id + "/history?filter=" + encode("eq(type,customer.signed_in)")), 400,
                "filter");
    }

    @Test
    void aCustomerSeesTheirOwnHistoryOnlyAndPastStatesAreTheBackOfficesOnly() {
        String ronEmail = "ron-" + UUID.randomUUID() + "@example.com";
        String ron = createWithPassword(ronEmail);
        String leslie = createWithPassword("leslie-" + UUID.randomUUID() + "@example.com");
        ApiTestClient ronSignedIn = signIn(ronEmail);
        assertThat(ronSignedIn.get("/v2/customers/" + ron + "/history").statusCode()).isEqualTo(200);
        errors(ronSignedIn.get("/v2/customers/" + leslie + "/history"), 403);
        errors(storefront.get("/v2/customers/" + ron + "/history"), 403);
        errors(ronSignedIn.get("/v2/customers/" + ron + "?at=2030-01-01T00:00:00Z"), 403, "at");
        errors(backOffice.get("/v2/customers/" + ron + "?at=yesterday"), 400, "at");
        errors(backOffice.get("/v2/customers/" + UUID.randomUUID() + "/history"), 404);
    }

    @Test
    void theStateAtAnyInstantIsRebuiltFromEventsAndTheErasedHistoryStillAnswers() {
        String email = "tom-" + UUID.randomUUID() + "@example.com";
        String id = createWithPassword(email);
        backOffice.put("/v2/customers/" + id, "{\"data\":{\"type\":\"customer\",\"name\":\"Tom Haverford\"}}");
        String home = json(backOffice.post("/v2/customers/" + id + "/addresses", "{\"data\":{\"type\":\"address\","
                + "\"name\":\"home\"," + ADDRESS.substring(1) + "}")).at("/data/id").asText();
        backOffice.put("/v2/customers/" + id + "/addresses/" + home, "{\"data\":{\"type\":\"address\",\"name\":\"old home\"}}");
        backOffice.delete("/v2/customers/" + id + "/addresses/" + home);
        List<String> instants = new ArrayList<>();
        json(backOffice.get("/v2/customers/" + id + "/history")).get("data")
                .forEach(entry -> instants.add(entry.get("occurred_at").asText()));
        // created, password set, renamed, address created, address renamed, address deleted
        assertThat(instants).hasSize(6);

        JsonNode atCreation = json(backOffice.get("/v2/customers/" + id + "?at=" + instants.get(0))).get("data");
        assertThat(atCreation.get("name").asText()).isEqualTo("Ron Swanson");
        assertThat(atCreation.get("password").asBoolean()).isFalse();
        JsonNode afterRename = json(backOffice.get("/v2/customers/" + id + "?at=" + instants.get(2))).get("data");
        assertThat(afterRename.get("name").asText()).isEqualTo("Tom Haverford");
        assertThat(afterRename.get("password").asBoolean()).isTrue();
        assertThat(json(backOffice.get("/v2/customers/" + id + "/addresses?at=" + instants.get(2))).get("data")).isEmpty();
        assertThat(json(backOffice.get("/v2/customers/" + id + "/addresses?at=" + instants.get(3))).get("data"))
                .singleElement().satisfies(address -> assertThat(address.get("name").asText()).isEqualTo("home"));
        assertThat(json(backOffice.get("/v2/customers/" + id + "/addresses?at=" + instants.get(4))).get("data"))
                .singleElement().satisfies(address -> assertThat(address.get("name").asText()).isEqualTo("old home"));
        assertThat(json(backOffice.get("/v2/customers/" + id + "/addresses?at=" + instants.get(5))).get("data")).isEmpty();
        errors(backOffice.get("/v2/customers/" + id + "?at=2000-01-01T00:00:00Z"), 404);

        assertThat(backOffice.delete("/v2/customers/" + id).statusCode()).isEqualTo(204);
        String erasedAt = json(backOffice.get("/v2/customers/" + id + "/history")).get("data").get(6)
                .get("occurred_at").asText();
        errors(backOffice.get("/v2/customers/" + id + "?at=" + erasedAt), 404);
        JsonNode erased = json(backOffice.get("/v2/customers/" + id + "/history"));
        assertThat(erased.at("/meta/personal_data_erased").asBoolean()).isTrue();
        assertThat(erased.get("data")).extracting(entry -> entry.get("type").asText()).endsWith("customer.deleted");
        assertThat(erased.toString()).doesNotContain(email).doesNotContain("Tom Haverford").doesNotContain("Sycamore");
    }

    private static String createWithPassword(String email) {
        HttpResponse<String> created = backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":"
                + "\"Ron Swanson\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).at("/data/id").asText();
    }

    private static ApiTestClient signIn(String email) {
        HttpResponse<String> token = storefront.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\","
                + "\"authentication_mechanism\":\"password\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return storefront.withHeader("X-Moltin-Customer-Token", json(token).at("/data/token").asText());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

}
