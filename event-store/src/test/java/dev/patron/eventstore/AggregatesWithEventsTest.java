package dev.patron.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.testing.RecordedCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.patron.eventstore.EventStoreTestSupport.event;
import static dev.patron.eventstore.EventStoreTestSupport.serializer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MongoEventStorageEngine#aggregatesWithEvents}: a writer that resumes work it may have done before (a bulk
 * import run again) asks which of many aggregates exist already, and skips exactly those. A missed aggregate would be
 * created twice (and fail), a wrongly named one never created. It costs one lookup, however many aggregates are asked.
 */
class AggregatesWithEventsTest {

    private final RecordedCommands recorded = new RecordedCommands();
    private MongoClient client;
    private String databaseName;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        client = recorded.client();
        databaseName = "aggregates_" + UUID.randomUUID().toString().replace("-", "");
        MongoDatabase database = client.getDatabase(databaseName);
        engine = MongoEventStorageEngine.builder()
                                        .database(database)
                                        .eventSerializer(serializer(database))
                                        .snapshotSerializer(serializer(database))
                                        .gapTimeout(Duration.ofMinutes(5))
                                        .batchSize(10)
                                        .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void namesExactlyTheAskedAggregatesThatHaveEventsInOneLookup() {
        engine.appendEvents(event("cust-1", 0), event("cust-1", 1), event("cust-1", 2));
        engine.appendEvents(event("cust-1", 3));
        // One append of several aggregates stores one commit per aggregate.
        engine.appendEvents(event("cust-2", 0), event("cust-3", 0), event("cust-3", 1));
        engine.appendEvents(event("x:1", 0));
        engine.appendEvents(event("not-asked", 0));
        recorded.clear();

        var found = engine.aggregatesWithEvents(
                List.of("cust-1", "cust-2", "cust-3", "cust-10", "cust", "x", "x:1", "unknown", "cust-2"));

        assertThat(found).containsExactlyInAnyOrder("cust-1", "cust-2", "cust-3", "x:1");
        assertThat(recorded.toDatabase(databaseName)).singleElement().satisfies(command -> {
            assertThat(command.name()).isEqualTo("find");
            assertThat(command.collection()).isEqualTo(MongoEventStorageEngine.EVENTS);
        });
    }

    @Test
    void findsNothingWithoutAskingWhenNoAggregateIsAsked() {
        engine.appendEvents(event("cust-1", 0));
        recorded.clear();

        assertThat(engine.aggregatesWithEvents(List.of())).isEmpty();
        assertThat(recorded.toDatabase(databaseName)).isEmpty();
    }

    @Test
    void findsNoneInAnEmptyLog() {
        assertThat(engine.aggregatesWithEvents(List.of("cust-1", "cust-2"))).isEmpty();
    }
}
