package dev.patron.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.bson.Document;

/**
 * Patron's MongoDB-protocol server, reached directly with the raw driver: the read model's customer count (how far
 * the store has grown, whether the read model has caught up), the scratch collection of the raw-driver baselines,
 * which run against the very server Patron uses, in the same run, and the event log and dead-letter queue as the
 * crash test compares them with what clients were told.
 */
final class PatronMongo implements AutoCloseable {

    static final String DATABASE = "patron";
    static final String CUSTOMERS = "customers";
    static final String SCRATCH = "bench_baseline";
    static final String ORDERS = "orders";
    static final String CUSTOMER_ORDERS = "customer_orders";
    static final String ORDER_EMAILS = "order_emails";
    private static final String ORDER_IDS = "orderIds";
    private static final String EVENTS = "events";
    private static final String SEQUENCE_KEYS = "sequenceKeys";
    private static final String GLOBAL_INDEXES = "globalIndexes";
    private static final String COUNTERS = "counters";
    private static final String GLOBAL_INDEX = "events.globalIndex";
    private static final long POLL_MILLIS = 200;
    private static final String REQUEST_ID = "requestId";
    private static final String DEAD_LETTERS = "dead_letters";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The read model's current-generation pointer (see the query service's ReadModelCollections). */
    private static final String GENERATIONS = "read_model_generations";
    private static final String PROJECTION = "customer-projection";

    private final MongoClient client;
    private final MongoCollection<Document> scratch;

    PatronMongo(int port) {
        client = MongoClients.create("mongodb://127.0.0.1:" + port);
        scratch = client.getDatabase(DATABASE).getCollection(SCRATCH);
    }

    long customerCount() {
        return readModel(CUSTOMERS).estimatedDocumentCount();
    }

    /** A read-model collection of the current generation: after a rebuild, {@code customers__g2} and so on. */
    MongoCollection<Document> readModel(String collection) {
        Document pointer = client.getDatabase(DATABASE).getCollection(GENERATIONS).find(Filters.eq("_id", PROJECTION))
                .first();
        long generation = pointer == null ? 1 : pointer.get("generation", Number.class).longValue();
        return client.getDatabase(DATABASE).getCollection(generation <= 1 ? collection : collection + "__g" + generation);
    }

    /** Every commit document of the event log, read through as a projection would; the number of events in them. */
    long scanEvents() {
        long events = 0;
        for (Document commit : client.getDatabase(DATABASE).getCollection(EVENTS).find().batchSize(1_000)) {
            events += commit.getList("globalIndexes", Object.class, List.of()).size();
        }
        return events;
    }

    /**
     * One stored event as the crash test compares them: where it lies in the log, its aggregate and sequence number,
     * its type (the simple class name), its payload (ids in clear, personal fields encrypted) and the request id in
     * its metadata (null when it has none).
     */
    record StoredEvent(long globalIndex, String aggregateId, long sequence, String type, JsonNode payload,
            String requestId) {

        String payloadText(String field) {
            JsonNode value = payload.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** Every event of the log, commit by commit and in each commit in order, read straight from the commits. */
    List<StoredEvent> storedEvents() {
        List<StoredEvent> stored = new ArrayList<>();
        for (Document commit : client.getDatabase(DATABASE).getCollection(EVENTS).find().batchSize(1_000)) {
            List<Long> indexes = commit.getList(GLOBAL_INDEXES, Long.class);
            List<Document> events = commit.getList(EVENTS, Document.class);
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                String payloadType = event.getString("payloadType");
                Number sequence = event.get("sequence", Number.class);
                stored.add(new StoredEvent(indexes.get(i), commit.getString("aggregateId"),
                        sequence == null ? -1 : sequence.longValue(),
                        payloadType.substring(payloadType.lastIndexOf('.') + 1), json(event.getString("payload")),
                        json(event.getString("metaData")).path(REQUEST_ID).textValue()));
            }
        }
        return stored;
    }

    /** The last global index written: every commit's {@code _id} is the last index it holds. 0 for an empty log. */
    long lastWrittenIndex() {
        Document last = client.getDatabase(DATABASE).getCollection(EVENTS).find().sort(Sorts.descending("_id"))
                .limit(1).first();
        return last == null ? 0 : last.get("_id", Number.class).longValue();
    }

    /** Events the projection parked in its dead-letter queue (they are missing from the read models until retried). */
    long deadLetters() {
        return client.getDatabase(DATABASE).getCollection(DEAD_LETTERS).countDocuments();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new BenchmarkFailure("a stored event that is not JSON: " + text, e);
        }
    }

    /** A scratch collection of the baselines: {@code bench_baseline_<name>}; dropped with {@link #dropScratch}. */
    MongoCollection<Document> scratch(String name) {
        return client.getDatabase(DATABASE).getCollection(SCRATCH + "_" + name);
    }

    /**
     * Polls the read model's customer count every 200 ms until it reaches {@code expected}; returns the seconds it
     * took. Fails when the count has not moved for {@code stallTimeout}: a stuck projection must end the run.
     */
    double waitForCustomers(long expected, Duration stallTimeout) {
        long start = System.nanoTime();
        long lastCount = -1;
        long lastProgress = start;
        while (true) {
            long count = customerCount();
            long now = System.nanoTime();
            if (count >= expected) {
                return (now - start) / 1e9;
            }
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            } else if (now - lastProgress > stallTimeout.toNanos()) {
                throw new BenchmarkFailure("the read model stayed at " + count + " customers for "
                        + stallTimeout.toSeconds() + " s, expected " + expected);
            }
            sleep(POLL_MILLIS);
        }
    }

    long orderCount() {
        return readModel(ORDERS).estimatedDocumentCount();
    }

    /**
     * What Patron's order history does, with the raw driver: the customer's (or the email's) lookup document by
     * {@code _id}, then the newest {@code limit} of its orders by {@code $in} on {@code _id}. Returns how many.
     */
    /** The {@code _id} of the first entry of a read-model lookup that holds exactly one order (a guest's email). */
    String someLookupKey(String lookupCollection) {
        for (Document lookup : readModel(lookupCollection).find()) {
            if (lookup.getList(ORDER_IDS, String.class).size() == 1) {
                return lookup.getString("_id");
            }
        }
        throw new BenchmarkFailure("no entry of " + lookupCollection + " holds one order");
    }

    int ordersByLookup(String lookupCollection, String key, int limit) {
        Document lookup = readModel(lookupCollection).find(Filters.eq("_id", key)).first();
        List<String> ids = lookup == null ? List.of() : lookup.getList(ORDER_IDS, String.class);
        List<String> newest = new ArrayList<>(ids.subList(Math.max(0, ids.size() - limit), ids.size()));
        Collections.reverse(newest);
        return readModel(ORDERS).find(Filters.in("_id", newest))
                .into(new ArrayList<>()).size();
    }

    /** The last global index reserved in the event store (its counter document, by {@code _id}). */
    long reservedHead() {
        Document counter = client.getDatabase(DATABASE).getCollection(COUNTERS).find(Filters.eq("_id", GLOBAL_INDEX))
                .first();
        return counter == null ? 0 : counter.get("value", Number.class).longValue();
    }

    /**
     * The events at global indexes {@code first} to {@code first + count - 1}, read as the event store does: one
     * {@code $in} on {@code globalIndexes}, each commit once (the embedded server answers it once per matching
     * index). Returns how many events of those indexes the commits held.
     */
    int eventsAt(long first, int count) {
        List<Long> indexes = LongStream.range(first, first + count).boxed().toList();
        Set<Object> commits = new HashSet<>();
        int events = 0;
        for (Document commit : client.getDatabase(DATABASE).getCollection(EVENTS).find(Filters.in(GLOBAL_INDEXES, indexes))) {
            if (commits.add(commit.get("_id"))) {
                events += (int) commit.getList(GLOBAL_INDEXES, Long.class).stream()
                        .filter(index -> index >= first && index < first + count).count();
            }
        }
        return events;
    }

    /** The commit documents a checkout stored (the cart's and the order's), as templates for the raw baseline. */
    List<Document> checkoutCommits(String cart, String orderId) {
        MongoCollection<Document> events = client.getDatabase(DATABASE).getCollection(EVENTS);
        List<Document> commits = new ArrayList<>();
        events.find(Filters.in(SEQUENCE_KEYS, List.of("cart:" + cart + ":0", "cart:" + cart + ":1",
                "cart:" + cart + ":2", orderId + ":0"))).into(commits);
        commits.forEach(commit -> commit.remove("_id"));
        return commits;
    }

    void insertScratch(Document document) {
        scratch.insertOne(document);
    }

    void insertScratch(List<Document> documents) {
        scratch.insertMany(documents);
    }

    /** Removes the baselines' documents, so that they weigh on no later measurement. */
    void dropScratch() {
        scratch.drop();
        for (String name : client.getDatabase(DATABASE).listCollectionNames()) {
            if (name.startsWith(SCRATCH + "_")) {
                client.getDatabase(DATABASE).getCollection(name).drop();
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while waiting for the read model", e);
        }
    }
}
