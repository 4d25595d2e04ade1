package dev.patron.query.order;

import dev.patron.query.projection.ReadModelCollections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import dev.patron.contract.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order projection's handlers and the queries on what they build, against the in-memory MongoDB server over TCP,
 * delivering events the way a tracking processor may: twice, replayed from the start, with an older event after a
 * newer one, and with personal data read back as {@code null} once its data key is destroyed.
 */
class OrderReadModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);
    private static final OrderPlaced.Address HOME = new OrderPlaced.Address("Ron", "Swanson", null,
            "1 Sycamore Lane", null, "Pawnee", "47998", "Indiana", "US", "+1 317 555 0199", "By the woodshed");
    private static final OrderPlaced.Address BILLING = new OrderPlaced.Address("Ron", "Swanson",
            "Very Good Building Co.", "2 Main St", "Floor 2", "Pawnee", "47998", null, "US", null, null);
    private static final List<OrderPlaced.Item> ITEMS = List.of(
            new OrderPlaced.Item("i-1", "whisky", "Lagavulin 16", "A bottle", 2, 8999, true, 17998),
            new OrderPlaced.Item("i-2", "steak", "Porterhouse", null, 1, 3500, false, 3500));

    private static MongoClient client;
    private MongoDatabase database;
    private OrderStore store;
    private OrderProjection projection;
    private OrderQueries queries;
    private String customerId;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InMemoryMongo.connectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshReadModel() {
        database = client.getDatabase("order-projection-" + UUID.randomUUID());
        store = new OrderStore(ReadModelCollections.of(database), TestKeys.lookupKeysIn(database));
        projection = new OrderProjection(store);
        queries = new OrderQueries(store);
        customerId = UUID.randomUUID().toString();
    }

    private static OrderPlaced placed(String orderId, String customerId, String email) {
        return new OrderPlaced(orderId, "cart-1", customerId, new OrderPlaced.Buyer("Ron Swanson", email), BILLING,
                HOME, "USD", ITEMS, new OrderPlaced.Totals(21498, 0, 21498));
    }

    /** OrderPlaced as the event store reads it once the order's data key is destroyed. */
    private static OrderPlaced erased(OrderPlaced placed) {
        return new OrderPlaced(placed.orderId(), placed.cartReference(), placed.customerId(), null, null, null,
                placed.currency(), placed.items(), placed.totals());
    }

    private StoredOrder order(String orderId) {
        return store.find(orderId).orElseThrow();
    }

    private Document raw(String orderId) {
        return database.getCollection(OrderStore.ORDERS).find(Filters.eq("_id", orderId)).first();
    }

    @Test
    void aPlacedOrderIsIncompleteUnpaidAndUnfulfilledAndFiledUnderItsCustomerAndEmail() {
        String orderId = UUID.randomUUID().toString();
        projection.on(placed(orderId, customerId, "Ron@Swanson.com"), 0, T0);

        assertThat(order(orderId)).isEqualTo(new StoredOrder(orderId, 0, "cart-1", customerId,
                new OrderPlaced.Buyer("Ron Swanson", "Ron@Swanson.com"), BILLING, HOME, "USD", ITEMS,
                new OrderPlaced.Totals(21498, 0, 21498), "incomplete", "unpaid", "unfulfilled", T0, T0, false));
        assertThat(store.idsOfCustomer(customerId)).containsExactly(orderId);
        assertThat(store.idsByEmailKey("ron@swanson.com")).containsExactly(orderId);
        assertThat(raw(orderId).get("withTax", Number.class).longValue()).isEqualTo(21498);
    }

    @Test
    void paymentsShippingAndCancellationMoveTheStatuses() {
        String paid = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        projection.on(placed(paid, customerId, "ron@swanson.com"), 0, T0);
        projection.on(new OrderPaymentAuthorized(paid, "tx-1", "manual"), 1, T1);
        assertThat(order(paid).payment()).isEqualTo("authorized");
        assertThat(order(paid).status()).isEqualTo("incomplete");
        projection.on(new OrderPaid(paid, "tx-2", "manual", "capture"), 2, T2);
        projection.on(new OrderFulfilled(paid), 3, T3);
        projection.on(placed(cancelled, customerId, "ron@swanson.com"), 0, T0);
        projection.on(new OrderCancelled(cancelled), 1, T1);

        assertThat(order(paid)).extracting(StoredOrder::status, StoredOrder::payment, StoredOrder::shipping,
                StoredOrder::version, StoredOrder::updatedAt).containsExactly("complete", "paid", "fulfilled", 3L, T3);
        assertThat(order(cancelled)).extracting(StoredOrder::status, StoredOrder::payment, StoredOrder::shipping)
                .containsExactly("cancelled", "unpaid", "unfulfilled");
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        String orderId = UUID.randomUUID().toString();
        projection.on(placed(orderId, customerId, "ron@swanson.com"), 0, T0);
        projection.on(new OrderPaymentAuthorized(orderId, "tx-1", "manual"), 1, T1);
        projection.on(new OrderPaid(orderId, "tx-2", "manual", "capture"), 2, T2);
        StoredOrder applied = order(orderId);

        projection.on(new OrderPaymentAuthorized(orderId, "tx-1", "manual"), 1, T3);
        projection.on(placed(orderId, customerId, "other@swanson.com"), 0, T3);
        projection.on(new OrderPaid(orderId, "tx-2", "manual", "capture"), 2, T3);

        assertThat(order(orderId)).isEqualTo(applied);
        assertThat(store.idsOfCustomer(customerId)).containsExactly(orderId);
        assertThat(store.idsByEmailKey("other@swanson.com")).isEmpty();
    }

    @Test
    void aReplayOfTheWholeHistoryLeavesTheSameOrders() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        Runnable history = () -> {
            projection.on(placed(first, customerId, "ron@swanson.com"), 0, T0);
            projection.on(placed(second, customerId, "ron@swanson.com"), 0, T1);
            projection.on(new OrderPaid(first, "tx-2", "manual", "purchase"), 1, T2);
            projection.on(new OrderCancelled(second), 1, T3);
        };
        history.run();
        List<StoredOrder> built = List.of(order(first), order(second));

        history.run();

        assertThat(List.of(order(first), order(second))).isEqualTo(built);
        assertThat(store.idsOfCustomer(customerId)).containsExactly(first, second);
        assertThat(store.idsByEmailKey("ron@swanson.com")).containsExactly(first, second);
    }

    @Test
    void anonymizingRemovesThePersonalDataAndTheEmailEntryAndKeepsTheRest() {
        String anonymized = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        projection.on(placed(anonymized, customerId, "ron@swanson.com"), 0, T0);
        projection.on(placed(kept, customerId, "ron@swanson.com"), 0, T0);
        projection.on(new OrderPaid(anonymized, "tx-2", "manual", "purchase"), 1, T1);

        projection.on(new OrderAnonymized(anonymized), 2, T2);

        StoredOrder order = order(anonymized);
        assertThat(order.buyer()).isNull();
        assertThat(order.billingAddress()).isNull();
        assertThat(order.shippingAddress()).isNull();
        assertThat(order.personalDataErased()).isTrue();
        assertThat(order).extracting(StoredOrder::items, StoredOrder::totals, StoredOrder::status,
                StoredOrder::payment, StoredOrder::customerId, StoredOrder::updatedAt)
                .containsExactly(ITEMS, new OrderPlaced.Totals(21498, 0, 21498), "complete", "paid", customerId, T2);
        assertThat(raw(anonymized)).doesNotContainKeys("name", "email", "emailKey", "billingAddress",
                "shippingAddress");
        assertThat(raw(anonymized).toJson()).doesNotContain("Swanson", "Sycamore");
        assertThat(store.idsByEmailKey("ron@swanson.com")).containsExactly(kept);
        assertThat(store.idsOfCustomer(customerId)).containsExactly(anonymized, kept);
    }

    @Test
    void aReplayAfterAnonymizationReadsNoPersonalDataAndStoresNone() {
        String orderId = UUID.randomUUID().toString();
        OrderPlaced placed = placed(orderId, null, "guest@pawnee.gov");
        projection.on(placed, 0, T0);
        projection.on(new OrderAnonymized(orderId), 1, T1);
        MongoDatabase replayed = client.getDatabase("order-projection-" + UUID.randomUUID());
        store = new OrderStore(ReadModelCollections.of(replayed), TestKeys.lookupKeysIn(replayed));
        projection = new OrderProjection(store);

        projection.on(erased(placed), 0, T0);
        projection.on(new OrderAnonymized(orderId), 1, T1);

        assertThat(order(orderId).buyer()).isNull();
        assertThat(order(orderId).personalDataErased()).isTrue();
        assertThat(store.idsByEmailKey("guest@pawnee.gov")).isEmpty();
    }

    @Test
    void deletingACustomerErasesThePersonalDataOfTheirOrdersOnly() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String guests = UUID.randomUUID().toString();
        String othersCustomer = UUID.randomUUID().toString();
        String others = UUID.randomUUID().toString();
        projection.on(placed(first, customerId, "ron@swanson.com"), 0, T0);
        projection.on(placed(second, customerId, "RON@swanson.com"), 0, T1);
        projection.on(new OrderFulfilled(second), 1, T2);
        projection.on(placed(guests, null, "ron@swanson.com"), 0, T1);
        projection.on(placed(others, othersCustomer, "tammy@swanson.com"), 0, T1);

        projection.on(new CustomerDeleted(customerId));
        projection.on(new CustomerDeleted(customerId));

        for (String orderId : List.of(first, second)) {
            assertThat(order(orderId).buyer()).isNull();
            assertThat(order(orderId).shippingAddress()).isNull();
            assertThat(raw(orderId).toJson()).doesNotContain("Swanson", "Sycamore");
        }
        assertThat(order(second)).extracting(StoredOrder::version, StoredOrder::shipping, StoredOrder::updatedAt,
                StoredOrder::totals).containsExactly(1L, "fulfilled", T2, new OrderPlaced.Totals(21498, 0, 21498));
        assertThat(store.idsOfCustomer(customerId)).containsExactly(first, second);
        assertThat(store.idsByEmailKey("ron@swanson.com")).as("a guest's order is nobody's").containsExactly(guests);
        assertThat(order(guests).buyer()).isNotNull();
        assertThat(order(others).buyer()).isNotNull();
    }

    @Test
    void anOrderOfADeletedCustomerAppliedLaterKeepsNoPersonalData() {
        String orderId = UUID.randomUUID().toString();
        projection.on(new CustomerDeleted(customerId));

        // Read within the key cache's lifetime after the erasure, the event may still show its personal data.
        projection.on(placed(orderId, customerId, "ron@swanson.com"), 0, T0);

        assertThat(order(orderId).buyer()).isNull();
        assertThat(order(orderId).personalDataErased()).isTrue();
        assertThat(store.idsByEmailKey("ron@swanson.com")).isEmpty();
        assertThat(store.idsOfCustomer(customerId)).containsExactly(orderId);
    }

    @Test
    void anEventOfAnOrderTheReadModelNeverHadFailsSoItIsParked() {
        String orderId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> projection.on(new OrderPaid(orderId, "tx-2", "manual", "purchase"), 1, T1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.find(orderId)).isEmpty();
    }

    @Test
    void aCustomersHistoryIsNewestFirstAPageAtATimeWithoutGuestOrders() {
        List<String> placedInOrder = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String orderId = UUID.randomUUID().toString();
            placedInOrder.add(orderId);
            projection.on(placed(orderId, customerId, "ron@swanson.com"), 0, T0.plusSeconds(i));
            projection.on(placed(UUID.randomUUID().toString(), null, "ron@swanson.com"), 0, T0.plusSeconds(i));
        }

        OrderQueries.OrderPage first = queries.history(customerId, PageRequest.parse("3", "0"));
        OrderQueries.OrderPage last = queries.history(customerId, PageRequest.parse("3", "6"));
        OrderQueries.OrderPage beyond = queries.history(customerId, PageRequest.parse("3", "9"));

        assertThat(first.orders()).extracting(StoredOrder::id)
                .containsExactly(placedInOrder.get(6), placedInOrder.get(5), placedInOrder.get(4));
        assertThat(first.total()).isEqualTo(7);
        assertThat(last.orders()).extracting(StoredOrder::id).containsExactly(placedInOrder.get(0));
        assertThat(beyond.orders()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(queries.history(UUID.randomUUID().toString(), PageRequest.parse(null, null)).orders()).isEmpty();
    }
}
