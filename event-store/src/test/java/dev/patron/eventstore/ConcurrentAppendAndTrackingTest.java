package dev.patron.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.patron.eventstore.EventStoreTestSupport.engine;
import static dev.patron.eventstore.EventStoreTestSupport.event;
import static dev.patron.eventstore.EventStoreTestSupport.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several writers append to many aggregates, racing each other for the same sequence numbers (so some commits
 * lose and leave reserved indexes that are never written), while a tracking processor follows the log. At the end
 * the processor has seen every stored event exactly once, each aggregate's events in sequence order.
 */
class ConcurrentAppendAndTrackingTest {

    private static final int WRITERS = 4;
    private static final int COMMITS_PER_WRITER = 150;
    private static final int AGGREGATES = 40;

    private record Seen(String eventId, String aggregateId, long sequence) {
    }

    @Test
    void aTrackingProcessorSeesEveryCommittedEventExactlyOnceInAggregateOrder() throws Exception {
        MongoDatabase database = freshDatabase();
        MongoEventStorageEngine engine = engine(database, Duration.ofMinutes(5));
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        TrackingEventProcessor processor = trackingProcessor(eventStore, seen);
        processor.start();

        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(writers.submit(() -> appendRacingCommits(engine, conflicts)));
        }
        for (Future<?> writer : done) {
            writer.get(2, TimeUnit.MINUTES);
        }
        writers.shutdown();

        // Appended after every writer finished, so at an index above all of theirs. The reader delivers it in a read
        // that asks again for every gap still open below it: once it has arrived, so has every stored event, and an
        // event delivered in an earlier read whose index was wrongly kept as a gap has arrived a second time.
        DomainEventMessage<?> sentinel = event("sentinel", 0);
        engine.appendEvents(sentinel);
        Set<String> stored = storedEventIds(database);
        await().atMost(Duration.ofSeconds(60))
               .until(() -> seen.stream().anyMatch(event -> event.eventId().equals(sentinel.getIdentifier())));
        processor.shutDown();
        eventStore.shutDown();

        List<Seen> delivered = new ArrayList<>(seen);
        assertThat(conflicts.get()).as("the writers really raced").isPositive();
        assertThat(delivered).extracting(Seen::eventId).doesNotHaveDuplicates();
        assertThat(delivered).extracting(Seen::eventId).containsExactlyInAnyOrderElementsOf(stored);
        Map<String, Long> nextExpected = new HashMap<>();
        for (Seen event : delivered) {
            long expected = nextExpected.getOrDefault(event.aggregateId(), 0L);
            assertThat(event.sequence()).as("sequence of %s", event.aggregateId()).isEqualTo(expected);
            nextExpected.put(event.aggregateId(), expected + 1);
        }
    }

    private static void appendRacingCommits(MongoEventStorageEngine engine, AtomicInteger conflicts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int committed = 0;
        while (committed < COMMITS_PER_WRITER) {
            String aggregateId = "aggregate-" + random.nextInt(AGGREGATES);
            long next = engine.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
            int size = 1 + random.nextInt(3);
            List<org.axonframework.eventhandling.EventMessage<?>> commit = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                commit.add(event(aggregateId, next + i));
            }
            try {
                engine.appendEvents(commit);
                committed++;
            } catch (ConcurrencyException | AggregateStreamCreationException lostTheRace) {
                conflicts.incrementAndGet();
            }
        }
    }

    private static TrackingEventProcessor trackingProcessor(EmbeddedEventStore eventStore, ConcurrentLinkedQueue<Seen> seen) {
        Object handler = new Object() {
            @EventHandler
            void on(EventStoreTestSupport.TestEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequence) {
                seen.add(new Seen(eventId, event.aggregateId(), sequence));
            }
        };
        return TrackingEventProcessor.builder()
                                     .name("concurrency-test")
                                     .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                                     .messageSource(eventStore)
                                     .tokenStore(new InMemoryTokenStore())
                                     .transactionManager(NoTransactionManager.INSTANCE)
                                     .trackingEventProcessorConfiguration(
                                             TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                                .andBatchSize(25))
                                     .build();
    }

    private static Set<String> storedEventIds(MongoDatabase database) {
        Set<String> ids = new HashSet<>();
        for (Document commit : database.getCollection(MongoEventStorageEngine.EVENTS).find()) {
            CommitDocument.events(commit).forEach(event -> ids.add(event.getString("eventId")));
        }
        return ids;
    }
}
