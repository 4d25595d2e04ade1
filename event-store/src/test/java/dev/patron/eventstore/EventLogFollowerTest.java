package dev.patron.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.patron.eventstore.testing.RecordedCommands;
import dev.patron.eventstore.testing.RecordedCommands.Command;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.annotation.Nonnull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.patron.eventstore.EventStoreTestSupport.engine;
import static dev.patron.eventstore.EventStoreTestSupport.event;
import static dev.patron.eventstore.EventStoreTestSupport.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link EventLogFollower} under a real {@link TrackingEventProcessor}: it reads the log when this process appended
 * (the engine's append listener wakes it), when someone calls {@link EventLogFollower#wake()}, and otherwise only every
 * idle poll, however often the processor asks it for events. An event appended by another process (a second engine on
 * the same database, which cannot wake this follower) therefore waits for a wake-up or the idle poll; and a caught-up
 * follower's look at the log is one read of the head counter by {@code _id}, nothing on the events.
 * <p>
 * The processors ask for events every 100 ms ({@code eventAvailabilityTimeout}), far more often than the idle polls
 * used here, so a delivery that only a wake-up or the idle poll may cause really is caused by one of them.
 */
class EventLogFollowerTest {

    private static final Duration IDLE_POLL_NEVER_IN_A_TEST = Duration.ofMinutes(10);
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final int PROCESSOR_ASKS_EVERY_MILLIS = 100;

    private final List<TrackingEventProcessor> processors = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        processors.forEach(TrackingEventProcessor::shutDown);
        clients.forEach(MongoClient::close);
    }

    @Test
    void anEventAppendedThroughTheSameEngineIsDeliveredAtOnceAlthoughTheIdlePollIsTenMinutesAway() {
        MongoEventStorageEngine engine = engine(freshDatabase(), Duration.ofMinutes(5));
        EventLogFollower follower = new EventLogFollower(engine, IDLE_POLL_NEVER_IN_A_TEST, 100);
        Processor processor = start(follower);
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() >= 2);

        engine.appendEvents(event("appended-here", 0));

        await().atMost(PROMPTLY).until(() -> processor.seen().contains("appended-here"));
    }

    @Test
    void anEventAppendedByAnotherProcessWaitsForAWakeUpAndIsDeliveredAtOnceAfterIt() {
        MongoDatabase database = freshDatabase();
        MongoEventStorageEngine here = engine(database, Duration.ofMinutes(5));
        MongoEventStorageEngine elsewhere = engine(database, Duration.ofMinutes(5));
        EventLogFollower follower = new EventLogFollower(here, IDLE_POLL_NEVER_IN_A_TEST, 100);
        Processor processor = start(follower);
        // Caught up and following: an event appended here before the other process writes arrives.
        here.appendEvents(event("appended-here", 0));
        await().atMost(PROMPTLY).until(() -> processor.seen().contains("appended-here"));

        elsewhere.appendEvents(event("appended-elsewhere", 0));
        // The processor has since asked the follower for events more than once (each idle round it asks, then
        // extends its claim): had the follower looked at the log, the event would have been delivered.
        int roundsBefore = processor.idleRounds();
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() >= roundsBefore + 3);
        assertThat(processor.seen()).as("delivered without a wake-up").doesNotContain("appended-elsewhere");

        follower.wake();

        await().atMost(PROMPTLY).until(() -> processor.seen().contains("appended-elsewhere"));
        assertThat(processor.seen()).containsExactly("appended-here", "appended-elsewhere");
    }

    @Test
    void oneWakeUpDeliversABacklogOfManyTimesWhatTheFollowerReadsAhead() {
        MongoDatabase database = freshDatabase();
        MongoEventStorageEngine here = engine(database, Duration.ofMinutes(5));
        MongoEventStorageEngine elsewhere = engine(database, Duration.ofMinutes(5));
        EventLogFollower follower = new EventLogFollower(here, IDLE_POLL_NEVER_IN_A_TEST, 10);
        Processor processor = start(follower);
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() >= 2);
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            backlog.add("backlog-" + i);
            elsewhere.appendEvents(event("backlog-" + i, 0));
        }

        follower.wake();

        await().atMost(PROMPTLY).until(() -> processor.seen().size() == backlog.size());
        assertThat(processor.seen()).containsExactlyElementsOf(backlog);
    }

    @Test
    void anEventAppendedByAnotherProcessIsDeliveredByTheIdlePollWithoutAWakeUp() {
        MongoDatabase database = freshDatabase();
        MongoEventStorageEngine here = engine(database, Duration.ofMinutes(5));
        MongoEventStorageEngine elsewhere = engine(database, Duration.ofMinutes(5));
        Processor processor = start(new EventLogFollower(here, Duration.ofMillis(300), 100));
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() >= 2);

        elsewhere.appendEvents(event("appended-elsewhere", 0));

        await().atMost(PROMPTLY).until(() -> processor.seen().contains("appended-elsewhere"));
    }

    @Test
    void aCaughtUpFollowerLooksAtTheLogWithOneIdReadOfTheHeadCounterAndNothingElse() {
        RecordedCommands recorded = new RecordedCommands();
        MongoClient client = recorded.client();
        clients.add(client);
        String databaseName = "follower_" + UUID.randomUUID().toString().replace("-", "");
        MongoEventStorageEngine engine = engine(client.getDatabase(databaseName), Duration.ofMinutes(5));
        Processor processor = start(new EventLogFollower(engine, Duration.ofMillis(200), 100));
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("b", 0));
        await().atMost(PROMPTLY).until(() -> processor.seen().size() == 3);
        int roundsCaughtUp = processor.idleRounds();
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() > roundsCaughtUp);

        recorded.clear();
        await().atMost(PROMPTLY).until(() -> recorded.toDatabase(databaseName).size() >= 3);

        List<Command> idle = recorded.toDatabase(databaseName);
        assertThat(idle).allSatisfy(command -> {
            assertThat(command.name()).isEqualTo("find");
            assertThat(command.collection()).isEqualTo(MongoEventStorageEngine.COUNTERS);
            assertThat(command.filter()).isEqualTo(new BsonDocument("_id", new BsonString("events.globalIndex")));
        });
        assertThat(recorded.on(databaseName, MongoEventStorageEngine.EVENTS)).isEmpty();
        assertThat(processor.seen()).hasSize(3);
    }

    @Test
    void theProcessorAskingForEventsDoesNotMakeAnIdleFollowerReadTheLog() {
        RecordedCommands recorded = new RecordedCommands();
        MongoClient client = recorded.client();
        clients.add(client);
        String databaseName = "follower_" + UUID.randomUUID().toString().replace("-", "");
        MongoEventStorageEngine engine = engine(client.getDatabase(databaseName), Duration.ofMinutes(5));
        Processor processor = start(new EventLogFollower(engine, IDLE_POLL_NEVER_IN_A_TEST, 100));
        engine.appendEvents(event("a", 0));
        await().atMost(PROMPTLY).until(() -> processor.seen().size() == 1);
        int roundsCaughtUp = processor.idleRounds();
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() > roundsCaughtUp);

        recorded.clear();
        int roundsBefore = processor.idleRounds();
        await().atMost(PROMPTLY).until(() -> processor.idleRounds() >= roundsBefore + 5);

        assertThat(recorded.toDatabase(databaseName)).as("reads while nobody woke the follower").isEmpty();
    }

    private Processor start(EventLogFollower follower) {
        Processor processor = new Processor(follower);
        processors.add(processor.processor);
        processor.processor.start();
        return processor;
    }

    /**
     * A tracking processor over the follower that records the aggregates of the events it handles, and counts its idle
     * rounds: the processor extends its token claim after each round in which it asked for events and got none.
     */
    private static final class Processor {

        private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        private final AtomicInteger idleRounds = new AtomicInteger();
        private final TrackingEventProcessor processor;

        Processor(EventLogFollower follower) {
            Object handler = new Object() {
                @EventHandler
                void on(EventStoreTestSupport.TestEvent event) {
                    seen.add(event.aggregateId());
                }
            };
            InMemoryTokenStore tokens = new InMemoryTokenStore() {
                @Override
                public void extendClaim(@Nonnull String processorName, int segment) {
                    super.extendClaim(processorName, segment);
                    idleRounds.incrementAndGet();
                }
            };
            processor = TrackingEventProcessor.builder()
                    .name("follower-test-" + UUID.randomUUID())
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                    .messageSource(follower)
                    .tokenStore(tokens)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(
                            TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(25)
                                    .andEventAvailabilityTimeout(PROCESSOR_ASKS_EVERY_MILLIS, TimeUnit.MILLISECONDS))
                    .build();
        }

        List<String> seen() {
            return List.copyOf(seen);
        }

        int idleRounds() {
            return idleRounds.get();
        }
    }
}
