package dev.patron.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static dev.patron.eventstore.EventStoreTestSupport.event;
import static dev.patron.eventstore.EventStoreTestSupport.freshDatabase;

/**
 * Prints what the engine's hot paths cost with 10,000 and with 1,000,000 events stored, next to the raw driver
 * doing the equivalent document work in the same run. Not a test: run it on purpose (docs/benchmarks.md).
 */
@Tag("benchmark")
class EventStoreBenchmark {

    private static final int OPERATIONS = 2_000;
    private static final int WARM_UP = 50;

    @Test
    void hotPathsCostTheSameAt10kAnd1mEvents() {
        System.out.println("| events stored | engine append/s | raw insertOne/s | ratio | load 10-event aggregate/s | raw find by _id/s | ratio | next batch of 100 (ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int stored : new int[]{10_000, 1_000_000}) {
            measure(stored);
        }
    }

    private static void measure(int stored) {
        MongoDatabase database = freshDatabase();
        MongoEventStorageEngine engine = EventStoreTestSupport.engine(database, Duration.ofMinutes(1));
        EventLogSeeder.seed(database, stored);
        MongoCollection<Document> raw = database.getCollection("raw_baseline");

        double appends = perSecond(OPERATIONS, i -> engine.appendEvents(event("new-" + i, 0)));
        List<Document> baselineDocs = new ArrayList<>();
        for (int i = 0; i < WARM_UP + OPERATIONS; i++) {
            baselineDocs.add(EventLogSeeder.rawCommit(database, event("raw-" + i, 0), -1 - i));
        }
        double rawInserts = perSecond(OPERATIONS, i -> raw.insertOne(baselineDocs.get(i)));

        int aggregates = stored / EventLogSeeder.EVENTS_PER_AGGREGATE;
        double loads = perSecond(OPERATIONS, i -> engine.readEvents("seed-" + ThreadLocalRandom.current().nextInt(aggregates))
                                                       .asStream().count());
        double rawFinds = perSecond(OPERATIONS, i -> raw.find(Filters.eq("_id", (long) (-1 - i))).first());

        long tail = stored - 1_000 - WARM_UP;
        double batchMillis = millisPer(200, i -> engine.readEvents(GapAwareTrackingToken.newInstance(tail + i, List.of()), false)
                                                       .limit(100).count());
        System.out.printf(Locale.ROOT, "| %,d | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.2f |%n",
                          stored, appends, rawInserts, appends / rawInserts, loads, rawFinds, loads / rawFinds, batchMillis);
        database.drop();
    }

    private interface Operation {
        void run(int iteration);
    }

    /** Runs iterations 0..49 to warm up, then times iterations 50..50+times. */
    private static double perSecond(int times, Operation operation) {
        for (int i = 0; i < WARM_UP; i++) {
            operation.run(i);
        }
        long start = System.nanoTime();
        for (int i = WARM_UP; i < WARM_UP + times; i++) {
            operation.run(i);
        }
        return times / ((System.nanoTime() - start) / 1e9);
    }

    private static double millisPer(int times, Operation operation) {
        return 1_000 / perSecond(times, operation);
    }
}
