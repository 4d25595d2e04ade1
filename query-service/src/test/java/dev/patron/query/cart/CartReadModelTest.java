package dev.patron.query.cart;

import dev.patron.query.projection.ReadModelCollections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartEmptied;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.cart.CartItemRemoved;
import dev.patron.eventstore.testing.InMemoryMongo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cart projection's handlers against the in-memory MongoDB server over TCP, delivering events the way a tracking
 * processor may: twice, replayed from the start, and with an older event after a newer one.
 */
class CartReadModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    private static MongoClient client;
    private CartStore store;
    private CartProjection projection;
    private String reference;

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
        MongoDatabase database = client.getDatabase("cart-projection-" + UUID.randomUUID());
        store = new CartStore(ReadModelCollections.of(database));
        projection = new CartProjection(store);
        reference = "cart-" + UUID.randomUUID();
    }

    private StoredCart cart() {
        return store.find(reference).orElseThrow();
    }

    private CartItemAdded added(String itemId, int quantity, long unitAmount) {
        return new CartItemAdded(reference, itemId, "sku-" + itemId, "Item " + itemId, "About " + itemId, quantity,
                unitAmount, true);
    }

    @Test
    void itemsKeepTheOrderTheyWereAddedInAndTheCartItsTotal() {
        projection.on(new CartCreated(reference, "EUR"), 0, T0);
        projection.on(added("b", 2, 1500), 1, T1);
        projection.on(added("a", 1, 99), 2, T2);
        projection.on(added("c", 3, 1000), 3, T3);

        StoredCart cart = cart();
        assertThat(cart.items()).extracting(StoredCart.Item::id).containsExactly("b", "a", "c");
        assertThat(cart.items().get(0)).isEqualTo(new StoredCart.Item("b", "sku-b", "Item b", "About b", 2, 1500,
                true, T1, T1));
        assertThat(cart.total()).isEqualTo(2 * 1500 + 99 + 3 * 1000);
        assertThat(cart.currency()).isEqualTo("EUR");
        assertThat(cart.version()).isEqualTo(3);
        assertThat(cart.createdAt()).isEqualTo(T0);
        assertThat(cart.updatedAt()).isEqualTo(T3);
    }

    @Test
    void aQuantityChangeKeepsTheItemInPlaceAndARemovalTakesItOut() {
        projection.on(new CartCreated(reference, "USD"), 0, T0);
        projection.on(added("a", 1, 500), 1, T0);
        projection.on(added("b", 1, 700), 2, T0);
        projection.on(new CartItemQuantityChanged(reference, "a", 4), 3, T1);
        projection.on(new CartItemRemoved(reference, "b"), 4, T2);

        assertThat(cart().items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("a");
            assertThat(item.quantity()).isEqualTo(4);
            assertThat(item.createdAt()).isEqualTo(T0);
            assertThat(item.updatedAt()).isEqualTo(T1);
        });
        assertThat(cart().total()).isEqualTo(2000);
        assertThat(cart().updatedAt()).isEqualTo(T2);
    }

    @Test
    void emptyingAndCheckingOutLeaveAnEmptyCart() {
        projection.on(new CartCreated(reference, "USD"), 0, T0);
        projection.on(added("a", 1, 500), 1, T0);
        projection.on(new CartEmptied(reference), 2, T1);
        assertThat(cart().items()).isEmpty();

        projection.on(added("b", 1, 500), 3, T1);
        projection.on(new CartCheckedOut(reference, UUID.randomUUID().toString()), 4, T2);
        assertThat(cart().items()).isEmpty();
        assertThat(cart().total()).isZero();
        assertThat(cart().version()).isEqualTo(4);
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        projection.on(new CartCreated(reference, "USD"), 0, T0);
        projection.on(added("a", 1, 500), 1, T1);
        projection.on(new CartItemQuantityChanged(reference, "a", 2), 2, T2);
        projection.on(new CartItemRemoved(reference, "a"), 3, T3);
        StoredCart applied = cart();

        projection.on(new CartCreated(reference, "EUR"), 0, T3);
        projection.on(added("a", 1, 500), 1, T1);
        projection.on(new CartItemQuantityChanged(reference, "a", 2), 2, T2);
        projection.on(new CartItemRemoved(reference, "a"), 3, T3);

        assertThat(cart()).isEqualTo(applied);
        assertThat(cart().items()).isEmpty();
        assertThat(cart().currency()).isEqualTo("USD");
    }

    @Test
    void aReplayOfTheWholeHistoryLeavesTheSameCart() {
        String customerId = UUID.randomUUID().toString();
        Runnable history = () -> {
            projection.on(new CartCreated(reference, "USD"), 0, T0);
            projection.on(added("a", 1, 500), 1, T0);
            projection.on(new CartAssociatedWithCustomer(reference, customerId), 2, T1);
            projection.on(added("b", 2, 250), 3, T2);
        };
        history.run();
        StoredCart built = cart();

        history.run();

        assertThat(cart()).isEqualTo(built);
        assertThat(store.referencesOf(customerId)).containsExactly(reference);
    }

    @Test
    void aCartAssociatedWithCustomersIsFiledUnderEachOnceInTheOrderTheyGotIt() {
        String ron = UUID.randomUUID().toString();
        String leslie = UUID.randomUUID().toString();
        String second = "cart-" + UUID.randomUUID();
        projection.on(new CartCreated(reference, "USD"), 0, T0);
        projection.on(new CartCreated(second, "USD"), 0, T0);
        projection.on(new CartAssociatedWithCustomer(second, ron), 1, T1);
        projection.on(new CartAssociatedWithCustomer(reference, ron), 1, T1);
        projection.on(new CartAssociatedWithCustomer(reference, leslie), 2, T2);
        projection.on(new CartAssociatedWithCustomer(reference, ron), 3, T3);

        assertThat(cart().customerIds()).containsExactly(ron, leslie);
        assertThat(cart().belongsTo(leslie)).isTrue();
        assertThat(store.referencesOf(ron)).containsExactly(second, reference);
        assertThat(store.referencesOf(leslie)).containsExactly(reference);
        assertThat(store.findAll(List.of(reference, "never-used", second))).extracting(StoredCart::reference)
                .containsExactly(reference, second);
    }

    @Test
    void anEventOfACartTheReadModelNeverHadFailsSoItIsParked() {
        assertThatThrownBy(() -> projection.on(added("a", 1, 500), 1, T1)).isInstanceOf(IllegalStateException.class);
        assertThat(store.find(reference)).isEmpty();
    }

    @Test
    void aQuantityChangeOfAnItemTheReadModelNeverHadFailsSoItIsParked() {
        projection.on(new CartCreated(reference, "USD"), 0, T0);

        assertThatThrownBy(() -> projection.on(new CartItemQuantityChanged(reference, "a", 2), 1, T1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cart().version()).isZero();
    }
}
