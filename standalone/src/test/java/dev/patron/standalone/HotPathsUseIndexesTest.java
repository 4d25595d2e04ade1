package dev.patron.standalone;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.IndexLookups;
import dev.patron.eventstore.testing.IndexLookups.Query;
import dev.patron.eventstore.testing.RecordedCommands;
import dev.patron.kit.web.ApiTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every query Patron sends on its hot paths is one the embedded MongoDB server answers from an index. That server
 * (mongo-java-server) uses an index only when a query's fields are exactly one unique index's single field, each
 * given as a value or {@code $in}; anything else, {@code {_id: x, other: y}} included, scans the whole collection
 * under its write lock, and gets slower with every customer. Patron's MongoDB client is watched while a shopper and
 * the back office go through sign-up, sign-in, reads, changes, addresses, carts, checkout, order history, payments,
 * anonymization, a customer's audit history and past state, deletion and an import, and the projection
 * applies it all; each query is checked against the indexes its collection really has.
 */
@Tag("integration")
class HotPathsUseIndexesTest {

    /**
     * Axon's own stores, whose queries Patron does not write: the token store claims a processor's segments by
     * processor, segment and owner, in a collection with a document per segment (one here).
     */
    private static final Set<String> AXON_STORES = Set.of("tracking_tokens");
    private static final RecordedCommands sent = new RecordedCommands();
    private static MongoClient watchedClient;
    private static MongoClient inspector;
    private static RunningPatron patron;
    private static String database;

    @BeforeAll
    static void start() {
        database = "hot-paths-" + UUID.randomUUID();
        watchedClient = sent.client();
        inspector = MongoClients.create(InMemoryMongo.connectionString());
        patron = RunningPatron.start(InMemoryMongo.connectionString(), database,
                (ConfigurableApplicationContext context) ->
                        context.getBeanFactory().registerSingleton("patronMongoClient", watchedClient));
        // What the services do once, at start (moving lookups an earlier Patron keyed by value, wrapping data keys
        // under the master key, on its own thread), reads whole collections once; the hot paths are what follows.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inspector.getDatabase(database)
                .getCollection(DataKeyStore.COLLECTION).find(Filters.eq("_id", DataKeyStore.REWRAP_STATE_ID)).first() != null);
        sent.clear();
    }

    @AfterAll
    static void stop() {
        patron.close();
        watchedClient.close();
        inspector.close();
    }

    @Test
    void everyQueryOfTheHotPathsIsAnsweredFromAnIndex() {
        playTheHotPaths();

        Map<String, Set<Set<String>>> indexes = new HashMap<>();
        List<Query> queries = new ArrayList<>();
        List<Query> scans = new ArrayList<>();
        for (RecordedCommands.Command command : sent.toDatabase(database)) {
            for (Query query : IndexLookups.queriesOf(command)) {
                if (AXON_STORES.contains(query.collection())) {
                    continue;
                }
                queries.add(query);
                Set<Set<String>> usable = indexes.computeIfAbsent(query.collection(), collection ->
                        IndexLookups.uniqueSingleFieldIndexes(inspector.getDatabase(database), collection));
                if (!query.isAnsweredFromOneOf(usable)) {
                    scans.add(query);
                }
            }
        }

        assertThat(queries).as("queries seen").hasSizeGreaterThan(50);
        assertThat(scans).as("queries the embedded server answers by scanning the collection").isEmpty();
    }

    private static void playTheHotPaths() {
        ApiTestClient backOffice = patron.backOffice();
        String email = "hot-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signUp = backOffice.post("/v2/customers", "{\"data\":{\"type\":\"customer\","
                + "\"name\":\"Tom\",\"email\":\"" + email + "\",\"password\":\"treat yo self\"}}");
        assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);
        String id = ApiTestClient.json(signUp).at("/data/id").asText();

        HttpResponse<String> signIn = backOffice.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\","
                + "\"authentication_mechanism\":\"password\",\"email\":\"" + email + "\",\"password\":\"treat yo self\"}}");
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String customerToken = ApiTestClient.json(signIn).at("/data/token").asText();
        assertThat(backOffice.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\",\"email\":\"" + email
                + "\",\"password\":\"wrong password\"}}").statusCode()).isEqualTo(401);
        assertThat(backOffice.post("/v2/customers/tokens", "{\"data\":{\"type\":\"token\",\"email\":\"nobody-"
                + UUID.randomUUID() + "@example.com\",\"password\":\"wrong password\"}}").statusCode()).isEqualTo(401);

        ApiTestClient shopper = patron.storefront().withHeader("X-Moltin-Customer-Token", customerToken);
        assertThat(shopper.get("/v2/customers/" + id).statusCode()).isEqualTo(200);
        assertThat(shopper.put("/v2/customers/" + id, "{\"data\":{\"type\":\"customer\",\"name\":\"Tom H\"}}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> address = shopper.post("/v2/customers/" + id + "/addresses", "{\"data\":{\"type\":"
                + "\"address\",\"first_name\":\"Tom\",\"last_name\":\"H\",\"line_1\":\"1 Main St\","
                + "\"postcode\":\"46001\",\"country\":\"US\"}}");
        assertThat(address.statusCode()).as(address.body()).isEqualTo(201);
        String addressId = ApiTestClient.json(address).at("/data/id").asText();
        assertThat(shopper.put("/v2/customers/" + id + "/addresses/" + addressId,
                "{\"data\":{\"type\":\"address\",\"city\":\"Pawnee\"}}").statusCode()).isEqualTo(200);
        assertThat(shopper.get("/v2/customers/" + id + "/addresses").statusCode()).isEqualTo(200);
        assertThat(backOffice.get("/v2/customers?filter=eq(email," + email + ")").statusCode()).isEqualTo(200);
        assertThat(backOffice.get("/v2/customers?filter=eq(id," + id + ")").statusCode()).isEqualTo(200);
        assertThat(shopper.delete("/v2/customers/" + id + "/addresses/" + addressId).statusCode()).isEqualTo(204);

        StringBuilder imported = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 50; i++) {
            imported.append(i == 0 ? "" : ",").append("{\"type\":\"customer\",\"name\":\"Imported ").append(i)
                    .append("\",\"email\":\"imported-").append(i).append('-').append(UUID.randomUUID())
                    .append("@example.com\",\"addresses\":[{\"type\":\"address\",\"first_name\":\"A\","
                            + "\"last_name\":\"B\",\"line_1\":\"2 Main St\",\"postcode\":\"46001\",\"country\":\"US\"}]}");
        }
        String importBody = imported.append("]}").toString();
        assertThat(backOffice.post("/v2/customers/bulk", importBody).statusCode()).isEqualTo(200);
        assertThat(backOffice.post("/v2/customers/bulk", importBody).statusCode()).isEqualTo(200);

        playCartsAndOrders(backOffice, shopper, id, email);
        assertThat(shopper.get("/v2/customers/" + id + "/history").statusCode()).isEqualTo(200);
        assertThat(backOffice.get("/v2/customers/" + id + "?at=2030-01-01T00:00:00Z").statusCode()).isEqualTo(200);
        assertThat(backOffice.get("/v2/customers/" + id + "/addresses?at=2030-01-01T00:00:00Z").statusCode())
                .isEqualTo(200);

        assertThat(shopper.delete("/v2/customers/" + id).statusCode()).isEqualTo(204);
    }

    /** A shopper's cart, checkout and history, and the back office's order work, before the shopper is deleted. */
    private static void playCartsAndOrders(ApiTestClient backOffice, ApiTestClient shopper, String customerId,
                                           String email) {
        String cart = "/v2/carts/hot-" + UUID.randomUUID();
        for (String sku : new String[]{"WAX", "STEAK", "WAX"}) {
            assertThat(shopper.post(cart + "/items", "{\"data\":{\"type\":\"custom_item\",\"name\":\"" + sku
                    + "\",\"sku\":\"" + sku + "\",\"quantity\":1,\"price\":{\"amount\":1500}}}").statusCode())
                    .isEqualTo(201);
        }
        assertThat(shopper.post(cart + "/relationships/customers", "{\"data\":[{\"type\":\"customer\",\"id\":\""
                + customerId + "\"}]}").statusCode()).isEqualTo(200);
        assertThat(shopper.get(cart + "/items").statusCode()).isEqualTo(200);
        assertThat(shopper.get(cart).statusCode()).isEqualTo(200);
        assertThat(shopper.get("/v2/carts").statusCode()).isEqualTo(200);
        String address = "{\"first_name\":\"Tom\",\"last_name\":\"H\",\"line_1\":\"1 Main St\","
                + "\"postcode\":\"46001\",\"country\":\"US\"}";
        HttpResponse<String> checkedOut = shopper.post(cart + "/checkout", "{\"data\":{\"customer\":{\"id\":\""
                + customerId + "\"},\"billing_address\":" + address + ",\"shipping_address\":" + address + "}}");
        assertThat(checkedOut.statusCode()).as(checkedOut.body()).isEqualTo(201);
        String order = ApiTestClient.json(checkedOut).at("/data/id").asText();
        assertThat(shopper.get("/v2/orders").statusCode()).isEqualTo(200);
        assertThat(shopper.get("/v2/orders/" + order).statusCode()).isEqualTo(200);
        assertThat(shopper.get("/v2/orders/" + order + "/items").statusCode()).isEqualTo(200);
        assertThat(backOffice.get("/v2/orders?filter=eq(email," + email + ")").statusCode()).isEqualTo(200);
        assertThat(backOffice.get("/v2/orders?filter=eq(customer_id," + customerId + ")").statusCode()).isEqualTo(200);
        assertThat(backOffice.post("/v2/orders/" + order + "/payments",
                "{\"data\":{\"gateway\":\"manual\",\"method\":\"purchase\"}}").statusCode()).isEqualTo(200);
        assertThat(backOffice.put("/v2/orders/" + order, "{\"data\":{\"type\":\"order\",\"shipping\":\"fulfilled\"}}")
                .statusCode()).isEqualTo(200);

        String guestCart = "/v2/carts/hot-guest-" + UUID.randomUUID();
        assertThat(backOffice.post(guestCart + "/items", "{\"data\":{\"type\":\"custom_item\",\"name\":\"Wax\","
                + "\"sku\":\"WAX\",\"quantity\":1,\"price\":{\"amount\":1500}}}").statusCode()).isEqualTo(201);
        HttpResponse<String> guestOrder = backOffice.post(guestCart + "/checkout", "{\"data\":{\"customer\":{\"name\":"
                + "\"Guest\",\"email\":\"guest-" + UUID.randomUUID() + "@example.com\"},\"billing_address\":" + address
                + ",\"shipping_address\":" + address + "}}");
        assertThat(guestOrder.statusCode()).as(guestOrder.body()).isEqualTo(201);
        assertThat(backOffice.post("/v2/orders/anonymize", "{\"data\":{\"order_ids\":[\""
                + ApiTestClient.json(guestOrder).at("/data/id").asText() + "\"]}}").statusCode()).isEqualTo(200);
    }

}
