package dev.patron.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many random keys of mixed types, looked up with {@code eq} and {@code $in} on {@code _id}, on a unique string field
 * and on a unique multikey field of longs, compared with a plain in-memory map; before and after a restart.
 */
class IndexLookupPropertyTest {

    private static final int DOCUMENTS = 3_000;

    @TempDir
    Path dataDirectory;

    private final Random random = new Random(20_251_125);

    /** The index's view of a number: any number of integral value is the same key. */
    private static Object keyOf(Object value) {
        if (value instanceof Number && !(value instanceof Double)) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    private Object randomId() {
        switch (random.nextInt(5)) {
            case 0:
                return "id-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            case 1:
                return random.nextLong() >> random.nextInt(64);
            case 2:
                return random.nextInt(1_000_000) - 500_000;
            case 3:
                return new ObjectId();
            default:
                return random.nextInt(1000) + 0.5;
        }
    }

    private record Stored(Map<Object, Document> byId, Map<String, Document> byKey, Map<Long, Document> byIndex) {
    }

    @Test
    void eqAndInFindExactlyTheDocumentsAMapWould() {
        Stored stored = new Stored(new HashMap<>(), new HashMap<>(), new HashMap<>());
        Set<Object> idKeys = new HashSet<>();
        List<Document> documents = new ArrayList<>();
        long nextIndex = 1;
        while (documents.size() < DOCUMENTS) {
            Object id = randomId();
            if (!idKeys.add(keyOf(id))) {
                continue;
            }
            String key = "agg-" + random.nextInt(1_000_000) + ":" + documents.size();
            List<Long> indexes = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                indexes.add(nextIndex);
                nextIndex += 1 + random.nextInt(3);
            }
            Document document = new Document("_id", id).append("key", key).append("indexes", indexes)
                    .append("payload", "p".repeat(random.nextInt(200)));
            documents.add(document);
            stored.byId().put(keyOf(id), document);
            stored.byKey().put(key, document);
            indexes.forEach(index -> stored.byIndex().put(index, document));
        }

        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoCollection<Document> collection = server.client().getDatabase("patron").getCollection("lookups");
            collection.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            collection.createIndex(Indexes.ascending("indexes"), new IndexOptions().unique(true));
            for (int from = 0; from < documents.size(); from += 250) {
                collection.insertMany(documents.subList(from, Math.min(documents.size(), from + 250)));
            }
            checkLookups(collection, stored, documents, nextIndex);
        }
        try (TestServers.Running server = TestServers.ours(dataDirectory)) {
            MongoCollection<Document> collection = server.client().getDatabase("patron").getCollection("lookups");
            assertThat(collection.countDocuments()).isEqualTo(DOCUMENTS);
            checkLookups(collection, stored, documents, nextIndex);
        }
    }

    private void checkLookups(MongoCollection<Document> collection, Stored stored, List<Document> documents, long maxIndex) {
        for (int round = 0; round < 300; round++) {
            Document some = documents.get(random.nextInt(documents.size()));
            Object id = some.get("_id");
            // eq by _id, also with the same number in another type
            assertThat(collection.find(Filters.eq("_id", id)).into(new ArrayList<>())).containsExactly(some);
            if (id instanceof Integer) {
                assertThat(collection.find(Filters.eq("_id", ((Integer) id).longValue())).into(new ArrayList<>()))
                        .containsExactly(some);
            }
            Object absent = randomId();
            assertThat(collection.find(Filters.eq("_id", absent)).into(new ArrayList<>()))
                    .containsExactlyElementsOf(listOf(stored.byId().get(keyOf(absent))));
            // eq by the unique string field, and by one of the multikey longs (as an int too)
            assertThat(collection.find(Filters.eq("key", some.getString("key"))).into(new ArrayList<>())).containsExactly(some);
            long index = 1 + (long) random.nextInt((int) maxIndex);
            Object queried = random.nextBoolean() ? (Object) index : (Object) (int) index;
            assertThat(collection.find(Filters.eq("indexes", queried)).into(new ArrayList<>()))
                    .containsExactlyElementsOf(listOf(stored.byIndex().get(index)));

            // $in of 100 ids, some absent, some repeated
            List<Object> ids = new ArrayList<>();
            Map<Object, Document> expected = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                Object candidate = random.nextInt(4) == 0 ? randomId() : documents.get(random.nextInt(documents.size())).get("_id");
                ids.add(candidate);
                Document match = stored.byId().get(keyOf(candidate));
                if (match != null) {
                    expected.put(keyOf(candidate), match);
                }
            }
            assertThat(collection.find(Filters.in("_id", ids)).into(new ArrayList<>()))
                    .containsExactlyInAnyOrderElementsOf(expected.values());

            List<String> keys = new ArrayList<>();
            Set<Document> expectedByKey = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String key = random.nextInt(4) == 0 ? "agg-absent-" + i : documents.get(random.nextInt(documents.size())).getString("key");
                keys.add(key);
                if (stored.byKey().containsKey(key)) {
                    expectedByKey.add(stored.byKey().get(key));
                }
            }
            assertThat(collection.find(Filters.in("key", keys)).into(new ArrayList<>()))
                    .containsExactlyInAnyOrderElementsOf(expectedByKey);
        }
    }

    private static List<Document> listOf(Document document) {
        return document == null ? List.of() : List.of(document);
    }
}
