package dev.patron.query.address;

import dev.patron.query.projection.ReadModelCollections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressCreated.Details;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.eventstore.testing.InMemoryMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection's handlers against the in-memory MongoDB server over TCP, delivering events the way a tracking
 * processor may: twice, replayed from the start, and with an older event after a newer one.
 */
class AddressProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Details HOME = new Details("home", "Ron", "Swanson", null, "+1 317 555 0199", null,
            "1 Sycamore Lane", null, "Pawnee", null, "Indiana", "47998", "US");
    private static final Details CABIN = new Details("cabin", "Ron", "Swanson", null, null, "Knock twice",
            "Cabin in the woods", null, "Pawnee", null, "Indiana", "47998", "US");
    private static final Details OFFICE = new Details("office", "Ron", "Swanson", "Pawnee Parks", null, null,
            "100 State Street", "Floor 2", "Pawnee", null, "Indiana", "47998", "US");

    private static MongoClient client;
    private MongoDatabase database;
    private AddressStore store;
    private AddressProjection projection;
    private String customerId;
    private String home;
    private String office;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InMemoryMongo.connectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void aCustomerWithoutAddresses() {
        database = client.getDatabase("address-projection-" + UUID.randomUUID());
        store = new AddressStore(ReadModelCollections.of(database));
        projection = new AddressProjection(store);
        customerId = UUID.randomUUID().toString();
        home = UUID.randomUUID().toString();
        office = UUID.randomUUID().toString();
        projection.on(new CustomerCreated(customerId, "Ron Swanson", "ron@swanson.com", null));
    }

    private CustomerAddresses addresses() {
        return store.find(customerId).orElseThrow();
    }

    @Test
    void aNewCustomerHasAnEmptyListNotNone() {
        assertThat(addresses().shown()).isEmpty();
        assertThat(addresses().customerDeleted()).isFalse();
    }

    @Test
    void createdThenUpdatedKeepsTheLatestAddressWithItsVersionAndBothTimes() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);

        assertThat(addresses().shown()).containsExactly(new StoredAddress(home, 1, CABIN, T0, T1, false, Map.of()));
    }

    @Test
    void listsAddressesOldestFirst() {
        projection.on(new AddressCreated(office, customerId, OFFICE), 0, T1);
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);

        assertThat(addresses().shown()).extracting(StoredAddress::id).containsExactly(home, office);
    }

    @Test
    void redeliveryChangesNothing() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);

        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);
        projection.on(new CustomerCreated(customerId, "Ron Swanson", "ron@swanson.com", null));

        assertThat(addresses().shown()).containsExactly(new StoredAddress(home, 1, CABIN, T0, T1, false, Map.of()));
    }

    @Test
    void anOlderEventDeliveredAfterANewerOneChangesNothing() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);
        projection.on(new AddressUpdated(home, customerId, OFFICE), 2, T2);

        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);

        assertThat(addresses().shown()).containsExactly(new StoredAddress(home, 2, OFFICE, T0, T2, false, Map.of()));
    }

    @Test
    void aDeletedAddressIsGoneAndNoOlderEventBringsItBack() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressCreated(office, customerId, OFFICE), 0, T0);
        projection.on(new AddressDeleted(home, customerId), 1);

        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressDeleted(home, customerId), 1);

        assertThat(addresses().shown()).extracting(StoredAddress::id).containsExactly(office);
        assertThat(addresses().address(home)).hasValue(StoredAddress.deleted(home, 1));
    }

    @Test
    void deletingTheCustomerRemovesAllTheirAddressesAndLeavesNoPersonalData() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressCreated(office, customerId, OFFICE), 0, T1);

        projection.on(new CustomerDeleted(customerId));

        assertThat(addresses().customerDeleted()).isTrue();
        assertThat(addresses().addresses()).isEmpty();
        assertThat(database.getCollection(AddressStore.COLLECTION).find(Filters.eq("_id", customerId)).first())
                .isEqualTo(new Document("_id", customerId).append("customerDeleted", true));
    }

    @Test
    void noAddressEventOfADeletedCustomerBringsAnythingBack() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new CustomerDeleted(customerId));

        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);
        projection.on(new AddressCreated(office, customerId, null), 0, T1);
        projection.on(new AddressDeleted(home, customerId), 2);
        projection.on(new CustomerCreated(customerId, null, null, null));

        assertThat(addresses().customerDeleted()).isTrue();
        assertThat(addresses().addresses()).isEmpty();
    }

    @Test
    void aReplayFromTheStartEndsWhereTheFirstRunEnded() {
        Runnable history = () -> {
            projection.on(new CustomerCreated(customerId, "Ron Swanson", "ron@swanson.com", null));
            projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
            projection.on(new AddressCreated(office, customerId, OFFICE), 0, T0);
            projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);
            projection.on(new AddressDeleted(office, customerId), 1);
        };
        history.run();
        CustomerAddresses afterFirstRun = addresses();

        history.run();

        assertThat(addresses()).isEqualTo(afterFirstRun);
        assertThat(afterFirstRun.shown()).containsExactly(new StoredAddress(home, 1, CABIN, T0, T1, false, Map.of()));
    }

    @Test
    void anUpdateOfAnAddressTheReadModelNeverSawIsRefusedSoItIsParked() {
        assertThatThrownBy(() -> projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(home);
        assertThat(addresses().addresses()).isEmpty();
    }

    @Test
    void anAddressReadAfterItsCustomersKeyWasDestroyedIsKeptButNotShown() {
        projection.on(new AddressCreated(home, customerId, null), 0, T0);
        projection.on(new AddressUpdated(home, customerId, null), 1, T1);

        assertThat(addresses().address(home)).hasValue(new StoredAddress(home, 1, null, T0, T1, false, Map.of()));
        assertThat(addresses().shown()).isEmpty();
    }

    @Test
    void keepsEachAddressVersionWhereTheCommandServiceLooksForIt() {
        projection.on(new AddressCreated(home, customerId, HOME), 0, T0);
        projection.on(new AddressUpdated(home, customerId, CABIN), 1, T1);
        projection.on(new AddressCreated(office, customerId, OFFICE), 0, T1);
        projection.on(new AddressDeleted(office, customerId), 1);

        Document stored = database.getCollection("customer_addresses").find(Filters.eq("_id", customerId)).first();

        assertThat(stored.getEmbedded(List.of("addresses", home, "version"), Number.class).longValue()).isEqualTo(1);
        assertThat(stored.getEmbedded(List.of("addresses", office, "version"), Number.class).longValue()).isEqualTo(1);
        assertThat(stored.getEmbedded(List.of("addresses", home, "details", "line1"), String.class))
                .isEqualTo("Cabin in the woods");
    }
}
