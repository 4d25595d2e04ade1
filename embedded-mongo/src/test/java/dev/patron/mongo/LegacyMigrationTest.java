package dev.patron.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files written by mongo-java-server's own H2 backend, as Patron's users have them, opened with ours. */
class LegacyMigrationTest {

    private static final int EVENTS = 1_500;
    private static final List<String> NAMESPACES = List.of("patron.events", "patron.customers", "patron.counters", "other.things");

    @TempDir
    Path dataDirectory;

    /** Writes a file with the library's backend; returns every collection's documents as that backend reads them. */
    private Map<String, List<Document>> writeWithTheLibrarysBackend() {
        Random random = new Random(42);
        try (TestServers.Running server = TestServers.original(dataDirectory)) {
            MongoClient client = server.client();
            MongoCollection<Document> events = client.getDatabase("patron").getCollection("events");
            events.createIndex(Indexes.ascending("sequenceKeys"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("globalIndexes"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            long globalIndex = 1;
            for (int i = 0; i < EVENTS; i++) {
                int size = 1 + random.nextInt(3);
                List<String> sequenceKeys = new ArrayList<>();
                List<Long> globalIndexes = new ArrayList<>();
                for (int e = 0; e < size; e++) {
                    sequenceKeys.add("agg-" + i + ":" + e);
                    globalIndexes.add(globalIndex++);
                }
                batch.add(new Document("_id", new ObjectId()).append("sequenceKeys", sequenceKeys)
                        .append("globalIndexes", globalIndexes).append("aggregateId", "agg-" + i)
                        .append("committedAt", new Date(1_760_000_000_000L + i))
                        .append("events", List.of(new Document("payload", new Binary(new byte[]{(byte) i, 1, 2}))
                                .append("metaData", new Document("traceId", "t" + i)).append("sequence", (long) i))));
                if (batch.size() == 200) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
            events.insertMany(batch);

            MongoCollection<Document> customers = client.getDatabase("patron").getCollection("customers");
            customers.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            customers.createIndex(Indexes.ascending("tenant", "number"), new IndexOptions().unique(true));
            customers.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true).sparse(true));
            for (int i = 0; i < 300; i++) {
                Document customer = new Document("_id", "customer-" + i).append("email", "c" + i + "@example.com")
                        .append("tenant", "t" + (i % 3)).append("number", i / 3).append("score", i * 1.5);
                if (i % 4 == 0) {
                    customer.append("externalId", i % 8 == 0 ? (Object) ("ext-" + i) : (Object) (long) i);
                }
                customers.insertOne(customer);
            }
            MongoCollection<Document> counters = client.getDatabase("patron").getCollection("counters");
            for (int i = 0; i < 5; i++) {
                counters.findOneAndUpdate(Filters.eq("_id", "events.globalIndex"), Updates.inc("value", 10L),
                        new FindOneAndUpdateOptions().upsert(true));
            }
            MongoCollection<Document> things = client.getDatabase("other").getCollection("things");
            things.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            things.insertMany(List.of(new Document("_id", 1).append("name", "one"), new Document("_id", 2L).append("name", "two"),
                    new Document("_id", 3.5).append("name", null)));
            return contents(client);
        }
    }

    private static Map<String, List<Document>> contents(MongoClient client) {
        Map<String, List<Document>> contents = new LinkedHashMap<>();
        for (String namespace : NAMESPACES) {
            String[] parts = namespace.split("\\.", 2);
            contents.put(namespace, client.getDatabase(parts[0]).getCollection(parts[1]).find().into(new ArrayList<>()));
            contents.put(namespace + " indexes", client.getDatabase(parts[0]).getCollection(parts[1]).listIndexes().into(new ArrayList<>()));
        }
        return contents;
    }

    private static void assertIndexesWork(MongoClient client, Map<String, List<Document>> expected) {
        MongoDatabase patron = client.getDatabase("patron");
        MongoCollection<Document> events = patron.getCollection("events");
        List<Document> storedEvents = expected.get("patron.events");
        Document some = storedEvents.get(storedEvents.size() / 2);
        assertDuplicate(events, new Document("sequenceKeys", List.of("new", some.getList("sequenceKeys", String.class).get(0))));
        assertDuplicate(events, new Document("globalIndexes", List.of(some.getList("globalIndexes", Long.class).get(0).intValue())));
        assertDuplicate(events, new Document("_id", some.get("_id")));
        assertThat(events.find(Filters.eq("sequenceKeys", some.getList("sequenceKeys", String.class).get(0))).into(new ArrayList<>()))
                .containsExactly(some);
        assertThat(events.find(Filters.eq("globalIndexes", some.getList("globalIndexes", Long.class).get(0))).into(new ArrayList<>()))
                .containsExactly(some);
        List<Object> ids = new ArrayList<>();
        List<Document> expectedById = new ArrayList<>();
        for (int i = 0; i < storedEvents.size(); i += storedEvents.size() / 100) {
            ids.add(storedEvents.get(i).get("_id"));
            expectedById.add(storedEvents.get(i));
        }
        ids.add(new ObjectId());
        assertThat(events.find(Filters.in("_id", ids)).into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(expectedById);

        MongoCollection<Document> customers = patron.getCollection("customers");
        assertDuplicate(customers, new Document("_id", "customer-7"));
        assertDuplicate(customers, new Document("email", "c7@example.com"));
        assertDuplicate(customers, new Document("tenant", "t1").append("number", 2L));
        assertDuplicate(customers, new Document("externalId", "ext-8"));
        assertDuplicate(customers, new Document("externalId", 4.0));
        assertThat(customers.find(Filters.eq("email", "c299@example.com")).first()).containsEntry("_id", "customer-299");
        customers.insertOne(new Document("_id", "customer-new").append("email", "new@example.com").append("tenant", "t9").append("number", 0));
        customers.insertOne(new Document("_id", "customer-new-2").append("email", "new2@example.com").append("tenant", "t9").append("number", 1));
        assertThat(customers.countDocuments()).isEqualTo(302);
        customers.deleteMany(Filters.in("_id", List.of("customer-new", "customer-new-2")));

        Document counter = patron.getCollection("counters").findOneAndUpdate(Filters.eq("_id", "events.globalIndex"),
                Updates.inc("value", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertThat(counter).containsEntry("value", 51L);
        patron.getCollection("counters").updateOne(Filters.eq("_id", "events.globalIndex"), Updates.inc("value", -1L));

        assertDuplicate(client.getDatabase("other").getCollection("things"), new Document("name", "two"));
        assertDuplicate(client.getDatabase("other").getCollection("things"), new Document("_id", 2));
        assertThat(client.getDatabase("other").getCollection("things").find(Filters.eq("_id", 2)).first()).containsEntry("name", "two");
    }

    private static void assertDuplicate(MongoCollection<Document> collection, Document document) {
        assertThatThrownBy(() -> collection.insertOne(document))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
    }

    private static void assertOnlyOurMaps(Set<String> mapNames) {
        assertThat(mapNames).noneMatch(name -> name.startsWith("databases.") || name.startsWith("meta.") || name.contains("._index_"));
        assertThat(mapNames).contains(
                "v2/data/patron.events", "v2/meta/patron.events", "v2/index/patron.events$_id_",
                "v2/index/patron.events$sequenceKeys_1", "v2/index/patron.events$globalIndexes_1",
                "v2/data/patron.customers", "v2/index/patron.customers$email_1", "v2/index/patron.customers$tenant_1_number_1",
                "v2/index/patron.customers$externalId_1", "v2/data/patron.counters",
                "v2/data/patron.system.namespaces", "v2/data/patron.system.indexes",
                "v2/data/other.things", "v2/index/other.things$name_1");
    }

    @Test
    void aFileOfTheLibrarysBackendOpensWithEveryDocumentAndIndexAndLosesItsOldMaps() {
        Map<String, List<Document>> expected = writeWithTheLibrarysBackend();
        assertThat(TestServers.mapNames(dataDirectory)).contains("databases.patron.events", "meta.patron.events",
                "patron.events._index_sequenceKeys_1", "patron.events._index_globalIndexes_1", "other.things._index_name_1");

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            assertThat(contents(server.client())).isEqualTo(expected);
            assertIndexesWork(server.client(), expected);
        }
        assertOnlyOurMaps(TestServers.mapNames(dataDirectory));

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            assertThat(contents(server.client())).isEqualTo(expected);
            assertIndexesWork(server.client(), expected);
        }
    }

    @Test
    void aMigrationInterruptedHalfwayIsDoneAgainOnTheNextOpen() {
        Map<String, List<Document>> expected = writeWithTheLibrarysBackend();
        // What a crash during the copy leaves: the new maps partly filled (here with a stray entry as well), the old
        // maps complete.
        try (MVStore store = new MVStore.Builder().fileName(TestServers.storeFile(dataDirectory).toString()).open()) {
            copyHalf(store, "databases.patron.events", StoreLayout.COMPACT.dataMapName("patron.events"),
                    StoreLayout.COMPACT.dataMapBuilder(), map -> map.put("stray", new de.bwaldvogel.mongo.bson.Document("_id", "stray")));
            copyHalf(store, "patron.events._index_sequenceKeys_1",
                    StoreLayout.COMPACT.indexMapName("patron.events", "sequenceKeys_1"), StoreLayout.COMPACT.indexMapBuilder(),
                    map -> map.put(new KeyValue("stray-key"), "stray"));
            copyHalf(store, "patron.events._index__id_", StoreLayout.COMPACT.indexMapName("patron.events", "_id_"),
                    StoreLayout.COMPACT.indexMapBuilder(), map -> { });
        }

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            assertThat(contents(server.client())).isEqualTo(expected);
            assertIndexesWork(server.client(), expected);
            MongoCollection<Document> events = server.client().getDatabase("patron").getCollection("events");
            assertThat(events.find(Filters.eq("_id", "stray")).first()).isNull();
            events.insertOne(new Document("_id", "not-stray").append("sequenceKeys", List.of("stray-key")).append("globalIndexes", List.of(-1L)));
            events.deleteOne(Filters.eq("_id", "not-stray"));
        }
        assertOnlyOurMaps(TestServers.mapNames(dataDirectory));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void copyHalf(MVStore store, String legacyName, String name, MVMap.Builder<K, V> builder,
                                        Consumer<MVMap<K, V>> alsoDo) {
        MVMap<Object, Object> legacy = store.openMap(legacyName);
        MVMap<K, V> target = store.openMap(name, builder);
        long half = legacy.sizeAsLong() / 2;
        for (Map.Entry<Object, Object> entry : legacy.entrySet()) {
            if (target.sizeAsLong() >= half) {
                break;
            }
            target.put((K) entry.getKey(), (V) entry.getValue());
        }
        alsoDo.accept(target);
        assertThat(target.sizeAsLong()).isBetween(1L, legacy.sizeAsLong() - 1);
    }

    @Test
    void anOldStyleMapThatAnOlderVersionWroteAfterTheMigrationIsLeftAlone() {
        Map<String, List<Document>> expected = writeWithTheLibrarysBackend();
        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            assertThat(contents(server.client())).isEqualTo(expected);
        }
        // An older Patron on the same file sees none of its maps and starts afresh in its own layout.
        try (TestServers.Running server = TestServers.original(dataDirectory)) {
            MongoCollection<Document> events = server.client().getDatabase("patron").getCollection("events");
            assertThat(events.countDocuments()).isZero();
            events.insertOne(new Document("_id", "written-by-an-older-version"));
        }
        assertThat(TestServers.mapNames(dataDirectory)).contains("databases.patron.events");

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            assertThat(contents(server.client())).isEqualTo(expected);
            assertIndexesWork(server.client(), expected);
        }
        assertThat(TestServers.mapNames(dataDirectory)).contains("databases.patron.events", "v2/data/patron.events");
    }
}
