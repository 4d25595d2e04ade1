package dev.patron.standalone;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rebuilding the read model while Patron runs, over real HTTP, with the real driver on the in-memory server: the
 * rebuilt generation equals the incrementally built one, reads never fail and never see a half-built generation,
 * writes made during the rebuild are there after the switch, and a write is readable by the next request across it.
 * The rebuild is made slow (tiny batches) so that all of that happens while it runs; the old generation is kept long
 * enough to be compared.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelRebuildHttpTest {

    /** Every collection of the customer-projection processor, in generation 1's names. */
    private static final List<String> COLLECTIONS = List.of("customers", "customer_emails", "customer_external_refs",
            "customer_tombstones", "customer_addresses", "carts", "customer_carts", "orders", "customer_orders",
            "order_emails");
    private static final String ADDRESS = "{\"first_name\":\"Ann\",\"last_name\":\"Perkins\",\"line_1\":\"1 Main St\","
            + "\"city\":\"Pawnee\",\"postcode\":\"46001\",\"country\":\"US\"}";

    private static String databaseName;
    private static RunningPatron patron;
    private static ApiTestClient api;
    private static MongoClient mongo;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        databaseName = "rebuild-" + UUID.randomUUID();
        patron = RunningPatron.start(InMemoryMongo.connectionString(), databaseName,
                List.of("--patron.read-models.rebuild-batch-size=7", "--patron.read-models.grace-period=PT10M"));
        api = patron.backOffice();
        mongo = MongoClients.create(InMemoryMongo.connectionString());
        database = mongo.getDatabase(databaseName);
        for (int i = 0; i < 25; i++) {
            shopAndChange(i);
        }
    }

    @AfterAll
    static void stop() {
        patron.close();
        mongo.close();
    }

    @Test
    @Order(1)
    void aRebuildEqualsTheIncrementallyBuiltReadModel() {
        JsonNode before = json(api.get("/v2/read-models")).at("/data/0");
        assertThat(before.get("name").asText()).isEqualTo("customers");
        assertThat(before.get("generation").asLong()).isEqualTo(1);
        assertThat(before.get("state").asText()).isEqualTo("live");
        assertThat(before.get("lag").asLong()).isZero();

        HttpResponse<String> started = api.post("/v2/read-models/customers/rebuild", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode progress = json(started).get("data");
        assertThat(progress.get("state").asText()).isEqualTo("rebuilding");
        assertThat(progress.at("/rebuild/target_generation").asLong()).isEqualTo(2);
        assertThat(progress.at("/rebuild/events_total").asLong()).isPositive();

        awaitGeneration(2);
        assertThat(documents(1)).isNotEmpty().isEqualTo(documents(2));
    }

    @Test
    @Order(2)
    void whileItRunsReadsSucceedWritesSurviveAndReadYourWritesHolds() throws Exception {
        List<Reference> known = new ArrayList<>();
        for (JsonNode customer : json(api.get("/v2/customers?page[limit]=100")).get("data")) {
            known.add(new Reference(customer.get("id").asText(), customer.get("email").asText(),
                    customer.get("name").asText()));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> readFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            ApiTestClient client = patron.backOffice();
            for (int i = 0; running.get(); i++) {
                Reference customer = known.get(i % known.size());
                HttpResponse<String> one = client.get("/v2/customers/" + customer.id());
                if (one.statusCode() != 200 || !json(one).at("/data/name").asText().equals(customer.name())) {
                    readFailures.add("GET " + customer.id() + ": " + one.statusCode() + " " + one.body());
                }
                HttpResponse<String> byEmail = client.get("/v2/customers?filter=eq(email," + customer.email() + ")");
                if (byEmail.statusCode() != 200 || !json(byEmail).at("/data/0/id").asText().equals(customer.id())) {
                    readFailures.add("by email " + customer.email() + ": " + byEmail.statusCode() + " " + byEmail.body());
                }
                HttpResponse<String> addresses = client.get("/v2/customers/" + customer.id() + "/addresses");
                if (addresses.statusCode() != 200 || json(addresses).get("data").size() != 1) {
                    readFailures.add("addresses of " + customer.id() + ": " + addresses.statusCode() + " "
                            + addresses.body());
                }
                reads.incrementAndGet();
            }
        }, "rebuild-test-reader");
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> writeFailures = Collections.synchronizedList(new ArrayList<>());
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; running.get(); i++) {
                    // Each round checks read-your-writes on its own: the read follows the write at once.
                    written.add(shopAndChange(1000 + i));
                }
            } catch (Throwable failure) {
                writeFailures.add(failure);
            }
        }, "rebuild-test-writer");
        reader.start();
        writer.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> reads.get() > 5 && written.size() > 2);
            HttpResponse<String> started = api.post("/v2/read-models/customers/rebuild", "");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            errors(api.post("/v2/read-models/customers/rebuild", ""), 409);
            JsonNode during = json(api.get("/v2/read-models")).at("/data/0");
            assertThat(during.get("state").asText()).isEqualTo("rebuilding");
            assertThat(during.at("/rebuild/status").asText()).isEqualTo("running");
            int writtenAtStart = written.size();
            awaitGeneration(3);
            int writtenAtSwitch = written.size();
            // Keep reading and writing across the switch for a moment.
            await().atMost(Duration.ofSeconds(20)).until(() -> written.size() > writtenAtSwitch + 2);
            assertThat(writtenAtSwitch).as("writes made while the rebuild ran").isGreaterThan(writtenAtStart);
        } finally {
            running.set(false);
            reader.join();
            writer.join();
        }
        assertThat(writeFailures).isEmpty();
        assertThat(readFailures).isEmpty();
        assertThat(reads.get()).isPositive();
        for (String email : written) {
            HttpResponse<String> found = api.get("/v2/customers?filter=eq(email," + email + ")");
            assertThat(json(found).get("data")).as(email).hasSize(1);
        }
        new ReadYourWrites(api, api).playRounds(3);
        errors(api.post("/v2/read-models/products/rebuild", ""), 404);
    }

    /** Back office only: the access policy lists no storefront rule for these paths. */
    @Test
    @Order(4)
    void storefrontsMayNeitherSeeNorStartARebuild() {
        HttpResponse<String> token = ApiTestClient.onPort(patron.port).send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + patron.port + "/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=implicit&client_id="
                        + RunningPatron.CLIENT_ID)));
        ApiTestClient storefront = ApiTestClient.onPort(patron.port)
                .withHeader("Authorization", "Bearer " + json(token).get("access_token").asText());

        errors(storefront.get("/v2/read-models"), 403);
        errors(storefront.post("/v2/read-models/customers/rebuild", ""), 403);
    }

    /** What was built partly by a replay and partly live afterwards is exactly what a replay builds. */
    @Test
    @Order(3)
    void aGenerationBuiltDuringWritesEqualsAFreshRebuild() {
        assertThat(api.post("/v2/read-models/customers/rebuild", "").statusCode()).isEqualTo(202);
        awaitGeneration(4);
        assertThat(documents(4)).isEqualTo(documents(3));
    }

    private static void awaitGeneration(long generation) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode model = json(api.get("/v2/read-models")).at("/data/0");
            assertThat(model.at("/rebuild/error").isNull()).as(model.toString()).isTrue();
            assertThat(model.get("generation").asLong()).as(model.toString()).isEqualTo(generation);
            assertThat(model.get("state").asText()).isEqualTo("live");
            assertThat(model.at("/rebuild/status").asText()).isEqualTo("switched");
            assertThat(model.at("/rebuild/percent").asDouble()).isEqualTo(100.0);
        });
    }

    /** Every document of every collection of a generation, by collection, in {@code _id} order. */
    private static Map<String, List<Document>> documents(long generation) {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            String name = generation <= 1 ? collection : collection + "__g" + generation;
            all.put(collection, database.getCollection(name).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>()));
        }
        assertThat(all.get("customers")).isNotEmpty();
        assertThat(all.get("orders")).isNotEmpty();
        return all;
    }

    /**
     * A customer with an address and an external reference, an order, then updated; every third one deleted again
     * (its order's personal data erased) and replaced; returns the email of a customer that stays. Every read follows
     * its write at once (read-your-writes).
     */
    private static String shopAndChange(int round) {
        String email = "rebuild-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = api.post("/v2/customers", "{\"data\":{\"type\":\"customer\",\"name\":\"Ann "
                + round + "\",\"email\":\"" + email + "\",\"external_ref\":\"ref-" + round % 4 + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).at("/data/id").asText();
        HttpResponse<String> address = api.post("/v2/customers/" + id + "/addresses",
                "{\"data\":{\"type\":\"address\"," + ADDRESS.substring(1) + "}");
        assertThat(address.statusCode()).as(address.body()).isEqualTo(201);
        assertThat(json(api.get("/v2/customers/" + id + "/addresses")).get("data")).hasSize(1);
        String cart = "cart-" + UUID.randomUUID();
        HttpResponse<String> added = api.post("/v2/carts/" + cart + "/items", "{\"data\":{\"type\":\"custom_item\","
                + "\"name\":\"Wax\",\"sku\":\"WAX\",\"description\":\"Mustache wax\",\"quantity\":2,"
                + "\"price\":{\"amount\":1500,\"includes_tax\":true}}}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> order = api.post("/v2/carts/" + cart + "/checkout", "{\"data\":{\"customer\":{\"id\":\""
                + id + "\"},\"billing_address\":" + ADDRESS + ",\"shipping_address\":" + ADDRESS + "}}");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        String orderId = json(order).at("/data/id").asText();
        assertThat(api.get("/v2/orders/" + orderId).statusCode()).isEqualTo(200);
        HttpResponse<String> updated = api.put("/v2/customers/" + id,
                "{\"data\":{\"type\":\"customer\",\"name\":\"Ann " + round + " Perkins\"}}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(api.get("/v2/customers/" + id)).at("/data/name").asText()).isEqualTo("Ann " + round + " Perkins");
        if (round % 3 == 2) {
            assertThat(api.delete("/v2/customers/" + id).statusCode()).isEqualTo(204);
            assertThat(api.get("/v2/customers/" + id).statusCode()).isEqualTo(404);
            return shopAndChange(round + 100_000);
        }
        return email;
    }

    private record Reference(String id, String email, String name) {
    }
}
