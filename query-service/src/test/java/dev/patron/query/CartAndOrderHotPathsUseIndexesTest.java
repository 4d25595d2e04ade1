package dev.patron.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPlaced;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.eventstore.testing.IndexLookups;
import dev.patron.eventstore.testing.IndexLookups.Query;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.RecordedCommands;
import dev.patron.eventstore.testing.RecordedCommands.Command;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Every query the query service sends while carts and orders are projected and read on their hot paths (a shopper's
 * cart and order history, the back office's order by customer or by email, the event feed) is one the embedded MongoDB server answers
 * from an index. That server (mongo-java-server) uses an index only when a query's fields are exactly one unique
 * index's single field, each given as a value or {@code $in}; anything else scans the whole collection under its
 * write lock, and gets slower with every order. The service runs on a MongoClient of the test's whose commands are
 * recorded ({@link RecordedCommands}); each query is checked against the indexes its collection really has, as
 * standalone's {@code HotPathsUseIndexesTest} does for the customer paths.
 */
@Import(CartAndOrderHotPathsUseIndexesTest.RecordingClient.class)
class CartAndOrderHotPathsUseIndexesTest extends RunningQueryService {

    private static final RecordedCommands COMMANDS = new RecordedCommands();
    /** The test's own look at the indexes, through a client that is not recorded. */
    private static final MongoClient INSPECTOR = MongoClients.create(InMemoryMongo.connectionString());
    /**
     * Axon's own stores, whose queries Patron does not write: the token store claims a processor's segments by
     * processor, segment and owner, in a collection with a document per segment (one here).
     */
    private static final Set<String> AXON_STORES = Set.of("tracking_tokens");
    private static final Instant AT = Instant.parse("2026-02-01T10:00:00.000Z");

    @Autowired
    private DataKeyStore dataKeys;

    @AfterAll
    void closeInspector() {
        INSPECTOR.close();
    }

    @Test
    void everyQueryOfTheHotPathsIsAnsweredFromAnIndex() {
        String customerId = UUID.randomUUID().toString();
        String email = "hot-" + UUID.randomUUID() + "@example.com";
        List<String> orders = projectCartsAndOrders(customerId, email);

        assertThat(getAsCustomer(customerId, "/v2/orders").status()).isEqualTo(200);
        assertThat(getAsCustomer(customerId, "/v2/orders?page%5Blimit%5D=10&page%5Boffset%5D=20").status())
                .isEqualTo(200);
        assertThat(getAsCustomer(customerId, "/v2/orders/" + orders.get(3)).status()).isEqualTo(200);
        assertThat(getAsCustomer(customerId, "/v2/orders/" + orders.get(3) + "/items").status()).isEqualTo(200);
        assertThat(get("/v2/orders?filter=" + encode("eq(email," + email.toUpperCase() + ")")).status()).isEqualTo(200);
        assertThat(get("/v2/orders?filter=" + encode("in(email," + email + ",nobody@example.com)")).status())
                .isEqualTo(200);
        assertThat(get("/v2/orders?filter=" + encode("eq(customer_id," + customerId + ")")).status()).isEqualTo(200);
        assertThat(getAsCustomer(customerId, "/v2/carts").status()).isEqualTo(200);
        assertThat(getAsCustomer(customerId, "/v2/carts/hot-cart-" + customerId).status()).isEqualTo(200);
        assertThat(getAsCustomer(customerId, "/v2/carts/hot-cart-" + customerId + "/items").status()).isEqualTo(200);
        assertThat(getAsStorefront("/v2/carts/never-used-" + customerId, null).status()).isEqualTo(200);
        assertThat(get("/v2/events?limit=10").status()).isEqualTo(200);
        assertThat(get("/v2/events?after=20&limit=1000").status()).isEqualTo(200);

        Map<String, Set<Set<String>>> indexes = new HashMap<>();
        List<Query> sent = new ArrayList<>();
        List<Query> scans = new ArrayList<>();
        for (Command command : COMMANDS.toDatabase(database.getName())) {
            for (Query query : IndexLookups.queriesOf(command)) {
                if (AXON_STORES.contains(query.collection())) {
                    continue;
                }
                sent.add(query);
                Set<Set<String>> usable = indexes.computeIfAbsent(query.collection(), collection ->
                        IndexLookups.uniqueSingleFieldIndexes(INSPECTOR.getDatabase(database.getName()), collection));
                if (!query.isAnsweredFromOneOf(usable)) {
                    scans.add(query);
                }
            }
        }

        assertThat(sent).as("queries seen").extracting(Query::collection)
                .contains("orders", "customer_orders", "order_emails", "carts", "customer_carts", "events");
        assertThat(scans).as("queries the embedded server answers by scanning the collection").isEmpty();
    }

    /** A page of a customer's history costs one lookup of their orders' ids and one {@code $in} of a page of ids. */
    @Test
    void aHistoryPageIsOneLookupAndOnePageOfIdsWhateverTheCustomersOrders() {
        String customerId = UUID.randomUUID().toString();
        List<String> orders = projectCartsAndOrders(customerId, "page-" + UUID.randomUUID() + "@example.com");
        COMMANDS.clear();

        Response page = getAsCustomer(customerId, "/v2/orders?page%5Blimit%5D=10&page%5Boffset%5D=20");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("data")).extracting(order -> order.get("id").asText())
                .containsExactlyElementsOf(reversed(orders).subList(20, 30));
        List<Command> onOrders = COMMANDS.on(database.getName(), "orders");
        assertThat(onOrders).singleElement().satisfies(find -> {
            assertThat(find.name()).isEqualTo("find");
            assertThat(find.filter().keySet()).containsExactly("_id");
            assertThat(find.filter().getDocument("_id").getArray("$in")).hasSize(10);
        });
        assertThat(COMMANDS.on(database.getName(), "customer_orders")).singleElement()
                .satisfies(find -> assertThat(find.filter()).isEqualTo(new BsonDocument("_id",
                        new BsonString(customerId))));
    }

    /**
     * A customer with 40 orders (one anonymized, some paid and fulfilled), guest orders with their email, another
     * customer's order that is then deleted, and a cart of theirs checked out: all projected before this returns.
     */
    private List<String> projectCartsAndOrders(String customerId, String email) {
        String deleted = UUID.randomUUID().toString();
        dataKeys.createKeys(List.of(customerId, deleted));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String orderId = UUID.randomUUID().toString();
            orders.add(orderId);
            dataKeys.createKeyUnder(orderId, customerId);
            publish("Order", orderId, 0, placed(orderId, customerId, email), AT.plusSeconds(i));
            if (i % 10 == 0) {
                String guests = UUID.randomUUID().toString();
                publish("Order", guests, 0, placed(guests, null, email), AT.plusSeconds(i));
            }
        }
        publish("Order", orders.get(0), 1, new OrderPaid(orders.get(0), "tx-2", "manual", "purchase"), AT);
        publish("Order", orders.get(0), 2, new OrderFulfilled(orders.get(0)), AT);
        publish("Order", orders.get(1), 1, new OrderAnonymized(orders.get(1)), AT);
        String othersOrder = UUID.randomUUID().toString();
        dataKeys.createKeyUnder(othersOrder, deleted);
        publish("Order", othersOrder, 0, placed(othersOrder, deleted, "deleted-" + email), AT);
        publish(deleted, 0, new CustomerDeleted(deleted), AT);

        String cart = "hot-cart-" + customerId;
        String aggregate = "cart:" + cart;
        publish("Cart", aggregate, 0, new CartCreated(cart, "USD"), AT);
        publish("Cart", aggregate, 1, new CartItemAdded(cart, "i-1", "sku", "Thing", null, 1, 500, true), AT);
        publish("Cart", aggregate, 2, new CartItemQuantityChanged(cart, "i-1", 2), AT);
        publish("Cart", aggregate, 3, new CartAssociatedWithCustomer(cart, customerId), AT);
        publish("Cart", aggregate, 4, new CartCheckedOut(cart, orders.get(39)), AT);
        publish("Cart", aggregate, 5, new CartItemAdded(cart, "i-2", "sku", "Thing", null, 1, 500, true), AT);
        awaitVersion("carts", cart, 5);
        awaitVersion("orders", orders.get(1), 1);
        return orders;
    }

    private static OrderPlaced placed(String orderId, String customerId, String email) {
        OrderPlaced.Address address = new OrderPlaced.Address("Tom", "H", null, "1 Main St", null, "Pawnee",
                "46001", null, "US", null, null);
        return new OrderPlaced(orderId, "cart", customerId, new OrderPlaced.Buyer("Tom H", email), address, address,
                "USD", List.of(new OrderPlaced.Item("i-1", "sku", "Thing", null, 2, 500, true, 1000)),
                new OrderPlaced.Totals(1000, 0, 1000));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> reversed = new ArrayList<>(list);
        Collections.reverse(reversed);
        return reversed;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The service's MongoClient, recording its commands. */
    @TestConfiguration
    static class RecordingClient {
        @Bean(destroyMethod = "close")
        MongoClient recordingMongoClient() {
            return COMMANDS.client(InMemoryMongo.connectionString());
        }
    }
}
