package dev.patron.query.customer;

import dev.patron.query.projection.ReadModelCollections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldType;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.eventstore.testing.InMemoryMongo;
import dev.patron.eventstore.testing.TestKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import dev.patron.contract.PageRequest;

/**
 * The projection's handlers and the queries on what they build, against the in-memory MongoDB server over TCP.
 * Events are delivered the way a tracking processor may: twice, replayed from the start, and with an older event
 * after a newer one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerReadModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private MongoClient client;
    private MongoDatabase database;
    private CustomerStore store;
    private CustomerProjection projection;
    private CustomerQueries queries;
    private String id;

    /** The server under test; a subclass runs the same tests against a real MongoDB. */
    String mongoUri() {
        return InMemoryMongo.connectionString();
    }

    @BeforeAll
    void connect() {
        client = MongoClients.create(mongoUri());
    }

    @AfterAll
    void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshReadModel() {
        database = client.getDatabase("projection-" + UUID.randomUUID());
        store = new CustomerStore(ReadModelCollections.of(database), TestKeys.lookupKeysIn(database));
        projection = new CustomerProjection(store);
        queries = new CustomerQueries(store);
        id = UUID.randomUUID().toString();
    }

    @Test
    void createdThenUpdatedThenPasswordSetBuildsTheDocumentWithTheLastVersion() {
        projection.on(new CustomerCreated(id, "Ron Swanson", "Ron@Swanson.com", "ext-1"), 0, T0);
        projection.on(new CustomerUpdated(id, "Ron Ulysses Swanson", "ron@pawnee.gov", "ext-2"), 1, T1);
        projection.on(new PasswordSet(id, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA"), 2, T2);

        StoredCustomer customer = store.find(id).orElseThrow();
        assertThat(customer).isEqualTo(new StoredCustomer(
                id, 2, "Ron Ulysses Swanson", "ron@pawnee.gov", "ext-2", true, T0, T2, Map.of()));
        assertThat(store.idsByEmailKeys(List.of("ron@pawnee.gov"))).containsExactly(id);
        assertThat(store.idsByEmailKeys(List.of("ron@swanson.com"))).isEmpty();
        assertThat(store.idsByExternalRefs(List.of("ext-2"))).containsExactly(id);
        assertThat(store.idsByExternalRefs(List.of("ext-1"))).isEmpty();
    }

    @Test
    void theEmailLookupIsCaseInsensitiveButTheEmailIsKeptAsEntered() {
        projection.on(new CustomerCreated(id, "Leslie", "Leslie.Knope@Pawnee.GOV", null), 0, T0);

        assertThat(store.idsByEmailKeys(List.of("leslie.knope@pawnee.gov"))).containsExactly(id);
        assertThat(store.find(id).orElseThrow().email()).isEqualTo("Leslie.Knope@Pawnee.GOV");
    }

    @Test
    void theStoredDocumentHoldsNoPasswordHash() {
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T0);
        projection.on(new PasswordSet(id, "$argon2id$secret-hash"), 1, T1);

        Document raw = database.getCollection(CustomerStore.CUSTOMERS).find().first();
        assertThat(raw.toJson()).doesNotContain("argon2id").contains("\"hasPassword\": true");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        CustomerUpdated update = new CustomerUpdated(id, "Ron", "ron@pawnee.gov", null);
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T0);
        projection.on(update, 1, T1);
        StoredCustomer afterFirstDelivery = store.find(id).orElseThrow();

        projection.on(update, 1, T2);
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T2);

        assertThat(store.find(id)).contains(afterFirstDelivery);
        assertThat(store.idsByEmailKeys(List.of("ron@swanson.com"))).isEmpty();
    }

    @Test
    void anOlderEventAfterANewerOneDoesNotMoveTheDocumentBackwards() {
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T0);
        projection.on(new CustomerUpdated(id, "Ron v1", "v1@swanson.com", null), 1, T1);
        projection.on(new CustomerUpdated(id, "Ron v2", "v2@swanson.com", "ref"), 2, T2);

        projection.on(new CustomerUpdated(id, "Ron v1", "v1@swanson.com", null), 1, T1);

        StoredCustomer customer = store.find(id).orElseThrow();
        assertThat(customer.version()).isEqualTo(2);
        assertThat(customer.name()).isEqualTo("Ron v2");
        assertThat(store.idsByEmailKeys(List.of("v1@swanson.com"))).isEmpty();
        assertThat(store.idsByEmailKeys(List.of("v2@swanson.com"))).containsExactly(id);
    }

    @Test
    void aReplayOfTheWholeHistoryLeavesTheSameDocument() {
        Runnable history = () -> {
            projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", "ref"), 0, T0);
            projection.on(new PasswordSet(id, "hash"), 1, T1);
            projection.on(new CustomerUpdated(id, "Ronald", "ronald@swanson.com", null), 2, T2);
        };
        history.run();
        StoredCustomer built = store.find(id).orElseThrow();

        history.run();

        assertThat(store.find(id)).contains(built);
        assertThat(store.idsByEmailKeys(List.of("ronald@swanson.com"))).containsExactly(id);
        assertThat(store.idsByExternalRefs(List.of("ref"))).isEmpty();
    }

    @Test
    void deleteRemovesTheDocumentAndItsLookups() {
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", "ref"), 0, T0);
        projection.on(new CustomerDeleted(id), 1);

        assertThat(store.find(id)).isEmpty();
        assertThat(database.getCollection(CustomerStore.CUSTOMERS).countDocuments()).isZero();
        assertThat(database.getCollection(CustomerStore.EMAILS).countDocuments()).isZero();
        assertThat(database.getCollection(CustomerStore.EXTERNAL_REFS).countDocuments()).isZero();
    }

    @Test
    void staleEventsRedeliveredAfterTheDeleteDoNotBringTheCustomerBack() {
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T0);
        projection.on(new CustomerUpdated(id, "Ron", "ron@pawnee.gov", null), 1, T1);
        projection.on(new CustomerDeleted(id), 2);

        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T0);
        projection.on(new CustomerUpdated(id, "Ron", "ron@pawnee.gov", null), 1, T1);
        projection.on(new PasswordSet(id, "hash"), 1, T1);
        projection.on(new CustomerDeleted(id), 2);

        assertThat(store.find(id)).isEmpty();
        assertThat(store.idsByEmailKeys(List.of("ron@swanson.com", "ron@pawnee.gov"))).isEmpty();
    }

    @Test
    void aReplayAfterErasureSkipsTheDeletedCustomersNowEmptyEvents() {
        projection.on(new CustomerCreated(id, "Ron", "ron@swanson.com", null), 0, T0);
        projection.on(new CustomerDeleted(id), 1);

        // Once the data key is destroyed, the personal fields of the stored events read back as null.
        projection.on(new CustomerCreated(id, null, null, null), 0, T0);

        assertThat(store.find(id)).isEmpty();
    }

    @Test
    void anEmailTakenOverByAnotherCustomerFindsTheNewOwnerInEitherOrderOfEvents() {
        String other = UUID.randomUUID().toString();
        projection.on(new CustomerCreated(id, "Ron", "shared@pawnee.gov", null), 0, T0);
        // The new owner's event is applied before the old owner's release of the address.
        projection.on(new CustomerCreated(other, "Tom", "Shared@Pawnee.gov", null), 0, T1);
        projection.on(new CustomerUpdated(id, "Ron", "ron@pawnee.gov", null), 1, T2);

        assertThat(store.idsByEmailKeys(List.of("shared@pawnee.gov"))).containsExactly(other);
        assertThat(store.idsByEmailKeys(List.of("ron@pawnee.gov"))).containsExactly(id);
    }

    @Test
    void customersSharingAnExternalRefAreAllFoundUntilEachLeavesIt() {
        String other = UUID.randomUUID().toString();
        projection.on(new CustomerCreated(id, "Ron", "ron@pawnee.gov", "crm-7"), 0, T0);
        projection.on(new CustomerCreated(other, "Tom", "tom@pawnee.gov", "crm-7"), 0, T0);
        assertThat(store.idsByExternalRefs(List.of("crm-7"))).containsExactlyInAnyOrder(id, other);

        projection.on(new CustomerDeleted(id), 1);
        assertThat(store.idsByExternalRefs(List.of("crm-7"))).containsExactly(other);

        projection.on(new CustomerUpdated(other, "Tom", "tom@pawnee.gov", null), 1, T1);
        assertThat(database.getCollection(CustomerStore.EXTERNAL_REFS).countDocuments()).isZero();
    }

    @Test
    void anUpdateForADocumentTheReadModelNeverHadFailsSoTheEventIsParked() {
        assertThatThrownBy(() -> projection.on(new CustomerUpdated(id, "Ron", "ron@pawnee.gov", null), 1, T1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.find(id)).isEqualTo(Optional.empty());
    }

    @Test
    void likeTakesRegularExpressionSyntaxLiterally() {
        String literal = UUID.randomUUID().toString();
        projection.on(new CustomerCreated(id, "Ron Swanson", "ron@swanson.com", null), 0, T0);
        projection.on(new CustomerCreated(literal, "a.+b\\Q(x)|[y]{2}$^?\\E", "odd@pawnee.gov", null), 0, T0);

        assertThat(idsMatching("like(name,.*)")).isEmpty();
        assertThat(idsMatching("like(name,*.+b*)")).containsExactly(literal);
        assertThat(idsMatching("like(name,a.+b\\Q(x)|[y]{2}$^?\\E)")).containsExactly(literal);
        assertThat(idsMatching("like(name,*[y]{2}*)")).containsExactly(literal);
        assertThat(idsMatching("like(name,*ron swan*)")).containsExactly(id);
    }

    @Test
    void exactMatchesOnKeysAndOtherTermsCombine() {
        String other = UUID.randomUUID().toString();
        projection.on(new CustomerCreated(id, "Ron Swanson", "Ron@Swanson.com", "crm-1"), 0, T0);
        projection.on(new CustomerCreated(other, "Tammy Swanson", "tammy@swanson.com", "crm-1"), 0, T1);

        assertThat(idsMatching("eq(email,RON@swanson.com)")).containsExactly(id);
        assertThat(idsMatching("eq(external_ref,crm-1)")).containsExactly(other, id);
        assertThat(idsMatching("eq(external_ref,crm-1):gt(created_at,2026-01-01T10:00:00.123Z)"))
                .containsExactly(other);
        assertThat(idsMatching("in(email,tammy@swanson.com,ron@swanson.com):like(name,ron*)")).containsExactly(id);
        assertThat(idsMatching("eq(email,{\"$ne\":null})")).isEmpty();
    }

    @Test
    void customFieldValuesAreStoredAndFilteredAndSortedByTheirType() {
        String ann = UUID.randomUUID().toString();
        String leslie = UUID.randomUUID().toString();
        projection.on(new CustomerCreated(id, "Ron Swanson", "ron@swanson.com", null,
                Map.of("age", 52, "birthday", "1971-05-06"), Map.of("tier", "gold", "score", 4.5, "vip", true)), 0, T0);
        projection.on(new CustomerCreated(ann, "Ann Perkins", "ann@perkins.com", null,
                Map.of("age", 35, "birthday", "1988-02-01"), Map.of("tier", "silver", "score", 2.25, "vip", false)),
                0, T1);
        projection.on(new CustomerCreated(leslie, "Leslie Knope", "leslie@knope.com", null, Map.of(), Map.of()), 0, T2);

        assertThat(store.find(id).orElseThrow().customFields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "age", 52L, "birthday", "1971-05-06", "tier", "gold", "score", 4.5, "vip", true));
        assertThat(idsMatching("eq(tier,gold)", CUSTOM)).containsExactly(id);
        // Leslie has no tier: she shows the default, bronze, so a term the default satisfies matches her too.
        assertThat(idsMatching("in(tier,bronze,silver)", CUSTOM)).containsExactlyInAnyOrder(ann, leslie);
        assertThat(idsMatching("like(tier,*ZE)", CUSTOM)).containsExactly(leslie);
        assertThat(idsMatching("gt(age,40)", CUSTOM)).containsExactly(id);
        assertThat(idsMatching("le(score,2.25)", CUSTOM)).containsExactly(ann);
        assertThat(idsMatching("eq(vip,false)", CUSTOM)).containsExactly(ann);
        assertThat(idsMatching("ge(birthday,1980-01-01)", CUSTOM)).containsExactly(ann);
        assertThat(queries.list(List.of(), CustomerField.sort("-age", CUSTOM), PageRequest.parse(null, null))
                .customers().stream().map(StoredCustomer::id).toList()).containsExactly(id, ann, leslie);
        assertThatThrownBy(() -> idsMatching("like(age,5*)", CUSTOM)).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> idsMatching("gt(vip,true)", CUSTOM)).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> idsMatching("gt(birthday,yesterday)", CUSTOM)).hasMessageContaining("not a date");
    }

    private static final List<FieldRecord> CUSTOM = List.of(
            field("tier", FieldType.STRING, "bronze"), field("age", FieldType.INTEGER, null),
            field("score", FieldType.FLOAT, null), field("vip", FieldType.BOOLEAN, null),
            field("birthday", FieldType.DATE, null));

    private static FieldRecord field(String slug, FieldType type, String defaultValue) {
        return new FieldRecord(slug + "-id", "flow", slug, slug, null, type, List.of(), false, defaultValue, true, 0,
                true, T0, T0);
    }

    private List<String> idsMatching(String filter) {
        return idsMatching(filter, List.of());
    }

    private List<String> idsMatching(String filter, List<FieldRecord> customFields) {
        return queries.list(CustomerField.filter(customFields).parse(filter), CustomerField.DEFAULT_SORT,
                        PageRequest.parse(null, null))
                .customers().stream().map(StoredCustomer::id).toList();
    }
}
