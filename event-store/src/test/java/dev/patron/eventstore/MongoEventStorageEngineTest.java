package dev.patron.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.patron.eventstore.EventStoreTestSupport.engine;
import static dev.patron.eventstore.EventStoreTestSupport.event;
import static dev.patron.eventstore.EventStoreTestSupport.freshDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoEventStorageEngineTest {

    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    /** The database each test starts with; a subclass runs the same tests against a real MongoDB. */
    protected MongoDatabase newDatabase() {
        return freshDatabase();
    }

    @BeforeEach
    void setUp() {
        database = newDatabase();
        engine = engine(database, Duration.ofMinutes(5));
    }

    @Test
    void loadsAnAggregateStreamInOrderAcrossMoreCommitsThanOneBatch() {
        for (long seq = 0; seq < 25; seq++) {
            engine.appendEvents(event("a", seq));
        }
        engine.appendEvents(event("b", 0));

        List<Long> sequences = engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(sequences).containsExactlyElementsOf(range(0, 25));
        assertThat(engine.readEvents("a", 20).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(20L, 21L, 22L, 23L, 24L);
        assertThat(engine.lastSequenceNumberFor("a")).contains(24L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void storesTheEventsOfOneUnitOfWorkAsOneAtomicCommit() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));

        assertThat(database.getCollection(MongoEventStorageEngine.EVENTS).countDocuments()).isEqualTo(1);
        assertThat(engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void rejectsASecondCommitAtATakenSequenceNumberAndKeepsNothingOfIt() {
        engine.appendEvents(event("a", 0), event("a", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1), event("a", 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
    }

    @Test
    void readsAStreamFromASequenceNumberInsideACommit() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));

        assertThat(engine.readEvents("a", 1).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(1L, 2L);
    }

    @Test
    void continuesAnAggregateFromItsSnapshot() {
        for (long seq = 0; seq < 5; seq++) {
            engine.appendEvents(event("a", seq));
        }
        engine.storeSnapshot(new GenericDomainEventMessage<>("TestAggregate", "a", 3, new EventStoreTestSupport.TestEvent("a", 3, "state")));

        List<DomainEventMessage<?>> loaded = EmbeddedEventStore.builder().storageEngine(engine).build()
                                                               .readEvents("a").asStream().collect(Collectors.toList());

        assertThat(loaded.get(0).getPayload()).isEqualTo(new EventStoreTestSupport.TestEvent("a", 3, "state"));
        assertThat(loaded.stream().map(DomainEventMessage::getSequenceNumber)).containsExactly(3L, 4L);
        assertThat(engine.lastSequenceNumberFor("a")).contains(4L);
    }

    @Test
    void tracksEveryEventOnceInGlobalOrderIncludingEventsOfNoAggregate() {
        engine.appendEvents(event("a", 0));
        engine.appendEvents(GenericEventMessage.asEventMessage("not of an aggregate"));
        engine.appendEvents(event("b", 0), event("b", 1));

        List<TrackedEventMessage<?>> tracked = readAll(null);

        assertThat(tracked).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                           .containsExactly(1L, 2L, 3L, 4L);
        assertThat(tracked.get(1).getPayload()).isEqualTo("not of an aggregate");
        assertThat(readAll(tracked.get(3).trackingToken())).isEmpty();
    }

    @Test
    void picksUpACommitWrittenAfterALaterOneAndNeverDeliversItTwice() {
        engine.appendEvents(event("a", 0));                   // index 1
        long slowWriterIndex = reserveIndexes(1);             // index 2: a writer that is still busy
        engine.appendEvents(event("b", 0));                   // index 3

        List<TrackedEventMessage<?>> firstRead = readAll(null);
        assertThat(payloadAggregates(firstRead)).containsExactly("a", "b");
        GapAwareTrackingToken afterFirstRead = (GapAwareTrackingToken) firstRead.get(1).trackingToken();
        assertThat(afterFirstRead.getGaps()).containsExactly(slowWriterIndex);

        insertCommit(event("c", 0), slowWriterIndex);         // the slow writer finishes
        List<TrackedEventMessage<?>> secondRead = readAll(afterFirstRead);

        assertThat(payloadAggregates(secondRead)).containsExactly("c");
        GapAwareTrackingToken afterSecondRead = (GapAwareTrackingToken) secondRead.get(0).trackingToken();
        assertThat(afterSecondRead.getGaps()).isEmpty();
        assertThat(readAll(afterSecondRead)).isEmpty();
    }

    @Test
    void givesUpAnIndexThatIsNeverWrittenOnlyAfterTheGapTimeout() {
        Duration gapTimeout = Duration.ofSeconds(30);
        AtomicLong nanoTime = new AtomicLong();
        MongoEventStorageEngine timedByTheTest = engine(database, gapTimeout, nanoTime::get);
        timedByTheTest.appendEvents(event("a", 0));
        long deadWriterIndex = reserveIndexes(1);
        timedByTheTest.appendEvents(event("b", 0));
        TrackingToken withTheGap = readAll(timedByTheTest, null).get(1).trackingToken();

        nanoTime.addAndGet(gapTimeout.toNanos());
        timedByTheTest.appendEvents(event("c", 0));
        TrackedEventMessage<?> atTheTimeout = readAll(timedByTheTest, withTheGap).get(0);
        assertThat(((GapAwareTrackingToken) atTheTimeout.trackingToken()).getGaps()).containsExactly(deadWriterIndex);

        nanoTime.incrementAndGet();
        timedByTheTest.appendEvents(event("d", 0));
        TrackedEventMessage<?> pastTheTimeout = readAll(timedByTheTest, atTheTimeout.trackingToken()).get(0);

        assertThat(((GapAwareTrackingToken) pastTheTimeout.trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void anIdleReaderReportsAGivenUpIndexOnce() {
        Duration gapTimeout = Duration.ofSeconds(30);
        AtomicLong nanoTime = new AtomicLong();
        MongoEventStorageEngine timedByTheTest = engine(database, gapTimeout, nanoTime::get);
        timedByTheTest.appendEvents(event("a", 0));
        reserveIndexes(1);
        timedByTheTest.appendEvents(event("b", 0));
        TrackingToken withTheGap = readAll(timedByTheTest, null).get(1).trackingToken();
        nanoTime.addAndGet(gapTimeout.toNanos() + 1);
        ch.qos.logback.classic.Logger readerLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GapAwareLogReader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        readerLog.addAppender(logged);
        try {
            // Idle: nothing new, so the stored token keeps the expired gap and every poll meets it again.
            for (int poll = 0; poll < 5; poll++) {
                assertThat(readAll(timedByTheTest, withTheGap)).isEmpty();
            }
        } finally {
            readerLog.detachAppender(logged);
        }

        assertThat(logged.list).filteredOn(event -> event.getFormattedMessage().startsWith("Giving up")).hasSize(1);
    }

    @Test
    void readsPastARunOfReservedIndexesLongerThanABatch() {
        engine.appendEvents(event("a", 0));
        reserveIndexes(35);                                   // batch size is 10
        engine.appendEvents(event("b", 0));

        assertThat(payloadAggregates(readAll(null))).containsExactly("a", "b");
    }

    @Test
    void startsFromTheTailOrTheHead() {
        engine.appendEvents(event("a", 0));
        TrackingToken head = engine.createHeadToken();
        engine.appendEvents(event("b", 0));

        assertThat(payloadAggregates(readAll(engine.createTailToken()))).containsExactly("a", "b");
        assertThat(payloadAggregates(readAll(head))).containsExactly("b");
    }

    @Test
    void aSettledReadStopsBeforeAnIndexStillInFlightAndResumesWithoutRepeatingAnything() {
        engine.appendEvents(event("a", 0));                   // index 1
        long slowWriterIndex = reserveIndexes(1);             // index 2: still being written
        engine.appendEvents(event("b", 0), event("b", 1));    // indexes 3, 4

        MongoEventStorageEngine.SettledRead first = engine.readSettled(0, 100);
        assertThat(settledAggregates(first)).containsExactly("a");
        assertThat(first.settledUpTo()).isEqualTo(1);
        assertThat(first.events().get(0).trackingToken().position()).hasValue(1L);
        assertThat(engine.readSettled(first.settledUpTo(), 100).events()).isEmpty();

        insertCommit(event("c", 0), slowWriterIndex);
        MongoEventStorageEngine.SettledRead second = engine.readSettled(first.settledUpTo(), 100);

        assertThat(settledAggregates(second)).containsExactly("c", "b", "b");
        assertThat(second.events()).extracting(e -> e.trackingToken().position().orElseThrow())
                                   .containsExactly(2L, 3L, 4L);
        assertThat(second.settledUpTo()).isEqualTo(4);
        assertThat(engine.readSettled(4, 100)).isEqualTo(new MongoEventStorageEngine.SettledRead(List.of(), 4));
    }

    @Test
    void aSettledReadReadsAWindowOfIndexesFromAnyPosition() {
        for (long seq = 0; seq < 7; seq++) {
            engine.appendEvents(event("a", seq));
        }

        MongoEventStorageEngine.SettledRead read = engine.readSettled(2, 3);

        assertThat(read.events()).extracting(e -> e.trackingToken().position().orElseThrow())
                                 .containsExactly(3L, 4L, 5L);
        assertThat(read.settledUpTo()).isEqualTo(5);
    }

    @Test
    void aSettledReadGivesUpAnIndexNeverWrittenAfterTheGapTimeoutWhoeverSawItFirst() {
        Duration gapTimeout = Duration.ofSeconds(30);
        AtomicLong nanoTime = new AtomicLong();
        MongoEventStorageEngine timedByTheTest = engine(database, gapTimeout, nanoTime::get);
        timedByTheTest.appendEvents(event("a", 0));
        reserveIndexes(15);                                   // a dead writer's run, longer than the window below
        timedByTheTest.appendEvents(event("b", 0));           // index 17

        assertThat(timedByTheTest.readSettled(0, 10).settledUpTo()).isEqualTo(1);
        readAll(timedByTheTest, null);                        // a tracking reader sees the whole run as gaps
        nanoTime.addAndGet(gapTimeout.toNanos());
        assertThat(timedByTheTest.readSettled(1, 10).settledUpTo()).isEqualTo(1);

        nanoTime.incrementAndGet();
        MongoEventStorageEngine.SettledRead pastTheRun = timedByTheTest.readSettled(1, 10);
        assertThat(pastTheRun.events()).isEmpty();
        assertThat(pastTheRun.settledUpTo()).isEqualTo(11);
        MongoEventStorageEngine.SettledRead toTheEnd = timedByTheTest.readSettled(11, 10);
        assertThat(settledAggregates(toTheEnd)).containsExactly("b");
        assertThat(toTheEnd.settledUpTo()).isEqualTo(17);
    }

    private static List<String> settledAggregates(MongoEventStorageEngine.SettledRead read) {
        return payloadAggregates(read.events());
    }

    private long reserveIndexes(int count) {
        Document counter = database.getCollection(MongoEventStorageEngine.COUNTERS)
                                   .findOneAndUpdate(Filters.eq("_id", "events.globalIndex"), Updates.inc("value", (long) count),
                                                     new com.mongodb.client.model.FindOneAndUpdateOptions()
                                                             .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        return counter.get("value", Number.class).longValue() - count + 1;
    }

    private void insertCommit(EventMessage<?> event, long globalIndex) {
        database.getCollection(MongoEventStorageEngine.EVENTS)
                .insertOne(CommitDocument.of(List.of(event), globalIndex, EventStoreTestSupport.serializer(database)));
    }

    private List<TrackedEventMessage<?>> readAll(TrackingToken from) {
        return readAll(engine, from);
    }

    private static List<TrackedEventMessage<?>> readAll(MongoEventStorageEngine engine, TrackingToken from) {
        return new ArrayList<>(engine.readEvents(from, false).toList());
    }

    private static List<String> payloadAggregates(List<TrackedEventMessage<?>> events) {
        return events.stream().map(e -> ((EventStoreTestSupport.TestEvent) e.getPayload()).aggregateId()).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v < to; v++) {
            values.add(v);
        }
        return values;
    }
}
