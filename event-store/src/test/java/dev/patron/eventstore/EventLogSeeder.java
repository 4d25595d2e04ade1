package dev.patron.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills an event log for benchmarks: {@code count} more events exactly as the engine stores them, written in
 * bulk, across aggregates named {@code seed-<n>} of {@value #EVENTS_PER_AGGREGATE} events each (named after the
 * global index, so seeding again continues rather than collides; the log must hold only seeded events).
 */
public final class EventLogSeeder {

    public static final int EVENTS_PER_AGGREGATE = 10;
    private static final int BULK = 1_000;

    private EventLogSeeder() {
    }

    public static void seed(MongoDatabase database, int count) {
        Serializer serializer = EventStoreTestSupport.serializer(database);
        MongoCollection<Document> commits = database.getCollection(MongoEventStorageEngine.EVENTS);
        long first = reserved(database) + 1;
        List<Document> batch = new ArrayList<>(BULK);
        for (long index = first; index < first + count; index++) {
            long ordinal = index - 1;
            EventMessage<?> event = EventStoreTestSupport.event("seed-" + ordinal / EVENTS_PER_AGGREGATE, ordinal % EVENTS_PER_AGGREGATE);
            batch.add(CommitDocument.of(List.of(event), index, serializer));
            if (batch.size() == BULK) {
                commits.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            commits.insertMany(batch);
        }
        database.getCollection(MongoEventStorageEngine.COUNTERS)
                .replaceOne(Filters.eq("_id", "events.globalIndex"),
                            new Document("_id", "events.globalIndex").append("value", first + count - 1),
                            new ReplaceOptions().upsert(true));
    }

    /** An equivalent commit document of one event for a raw-driver baseline, at a global index no engine uses. */
    public static Document rawCommit(MongoDatabase database, EventMessage<?> event, long negativeIndex) {
        return CommitDocument.of(List.of(event), negativeIndex, EventStoreTestSupport.serializer(database));
    }

    private static long reserved(MongoDatabase database) {
        Document counter = database.getCollection(MongoEventStorageEngine.COUNTERS).find(Filters.eq("_id", "events.globalIndex")).first();
        return counter == null ? 0 : counter.get("value", Number.class).longValue();
    }
}
