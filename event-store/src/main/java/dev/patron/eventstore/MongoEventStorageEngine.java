package dev.patron.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import javax.annotation.Nonnull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static dev.patron.eventstore.GlobalIndexes.FIRST_GLOBAL_INDEX;
import static org.axonframework.eventhandling.EventUtils.upcastAndDeserializeTrackedEvents;

/**
 * An Axon event storage engine on MongoDB that gives every event a unique global index, and lets tracking
 * processors follow that index with Axon's {@link GapAwareTrackingToken}, as the JDBC engine does. The index is
 * unique, not gap-free: it has gaps (see below), which readers wait for, bounded.
 *
 * <h2>Storage layout</h2>
 * One document per <em>commit</em>: the events one unit of work appended for one aggregate, stored atomically
 * (MongoDB writes one document all-or-nothing, so no reader ever sees half a commit and there is no partial write
 * to repair, with or without transactions).
 * <ul>
 *   <li>{@code globalIndexes}: the global index of each of its events, reserved in one {@code $inc} on a counter
 *   document before the insert, under a unique (multikey) index, so no index is ever given to two events;
 *   {@code _id} is the last of them. An insert that collides on this index is retried at fresh indexes
 *   ({@link GlobalIndexes}).</li>
 *   <li>{@code sequenceKeys}: {@code "<aggregateId>:<sequence number>"} of every event in the commit, under a
 *   unique (multikey) index on that one field. Two writers that append the same sequence number of an aggregate
 *   cannot both succeed: the second insert fails on this index, whole, and becomes Axon's
 *   {@code ConcurrencyException}.</li>
 * </ul>
 * Every hot path is an {@code eq} or {@code $in} on {@code _id} or on that unique field, which both the embedded
 * mongo-java-server and a real MongoDB answer from an index: appending (counter {@code $inc} + insert), reading
 * the log (the counter by {@code _id}, then, only if something lies beyond the reader, {@code $in} on
 * {@code globalIndexes} over the indexes up to the counter and the open gaps), and loading an aggregate ({@code $in}
 * over its next sequence keys).
 *
 * <h2>Gaps</h2>
 * Writers reserve indexes before they insert, so commits become visible out of index order, and some reserved
 * indexes are never written (their writer died, lost an optimistic-lock race or collided on the index). A reader
 * ({@link GapAwareLogReader}) records each index it skipped as a gap in its token and asks for it again on every
 * fetch. It gives a gap up once the gap has been open for {@code gapTimeout} on this process's monotonic clock
 * ({@link GapTimer}), or once it lies more than {@code maxGapOffset} indexes behind the newest index read. A reader
 * therefore never sees a commit twice, and never skips one that is written within the timeout, unless more than
 * {@code maxGapOffset} indexes were read past it meanwhile.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    public static final String EVENTS = "events";
    public static final String SNAPSHOTS = "snapshots";
    public static final String COUNTERS = "counters";

    private static final long UNASSIGNED_INDEX = 0;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final GlobalIndexes globalIndexes;
    private final GapAwareLogReader logReader;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.commits = builder.database.getCollection(EVENTS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.globalIndexes = new GlobalIndexes(commits, builder.database.getCollection(COUNTERS));
        this.logReader = new GapAwareLogReader(commits, globalIndexes,
                                               new GapTimer(builder.gapTimeout, builder.nanoClock),
                                               builder.maxGapOffset);
        commits.createIndex(Indexes.ascending(CommitDocument.SEQUENCE_KEYS), new IndexOptions().unique(true));
        commits.createIndex(Indexes.ascending(CommitDocument.GLOBAL_INDEXES), new IndexOptions().unique(true));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code listener} after every append by this engine (in the appending thread; it must be quick). */
    public void onAppended(Runnable listener) {
        appendListeners.add(listener);
    }

    // ---------------------------------------------------------------- writing

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<List<? extends EventMessage<?>>> groups = CommitDocument.groupByAggregate(events);
        List<Document> documents = new ArrayList<>(groups.size());
        groups.forEach(group -> documents.add(CommitDocument.of(group, UNASSIGNED_INDEX, serializer)));
        try {
            globalIndexes.insertAtFreshIndexes(documents);
        } catch (GlobalIndexes.CommitRejected rejected) {
            // Throws what Axon makes of the failure: a taken sequence number becomes its ConcurrencyException (or
            // AggregateStreamCreationException) about the first event of the rejected commit.
            handlePersistenceException(rejected.failure(), groups.get(rejected.commit()).get(0));
        }
        CommitPosition.record(CommitDocument.lastGlobalIndex(documents.get(documents.size() - 1)));
        appendListeners.forEach(Runnable::run);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document stored = snapshots.find(eq("_id", snapshot.getAggregateIdentifier())).first();
        if (stored != null && stored.getLong(CommitDocument.SEQUENCE) >= snapshot.getSequenceNumber()) {
            return;
        }
        // Racing snapshotters may overwrite a newer snapshot with an older one; both are valid starting points.
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()),
                             CommitDocument.snapshotOf(snapshot, serializer),
                             new ReplaceOptions().upsert(true));
    }

    // ---------------------------------------------------------------- aggregate streams

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + batchSize)
                                      .mapToObj(seq -> CommitDocument.sequenceKey(aggregateIdentifier, seq))
                                      .toList();
        List<DomainEventData<?>> result = new ArrayList<>();
        // mongo-java-server returns a document once per array element that matched; MongoDB returns it once.
        Set<Long> seenCommits = new HashSet<>();
        for (Document commit : commits.find(in(CommitDocument.SEQUENCE_KEYS, keys))) {
            if (!seenCommits.add(commit.getLong("_id"))) {
                continue;
            }
            for (Document event : CommitDocument.events(commit)) {
                if (event.getLong(CommitDocument.SEQUENCE) >= firstSequenceNumber) {
                    result.add(CommitDocument.domainEventData(commit, event));
                }
            }
        }
        result.sort(Comparator.comparingLong(DomainEventData::getSequenceNumber));
        return result;
    }

    /**
     * Every event of one aggregate, in sequence order, each with its global index: an auditor's view, which needs to
     * interleave several aggregates' events as they happened. Read like {@link #readEvents(String)} (upcast, personal
     * data decrypted or {@code null} once erased), from the first event on, snapshots or not; batches of {@code $in}
     * over sequence keys, as loading an aggregate does.
     */
    public List<PositionedEvent> eventsWithPositions(String aggregateIdentifier) {
        List<DomainEventData<?>> data = new ArrayList<>();
        Map<String, Long> positions = new HashMap<>();
        int batchSize = batchSize();
        for (long first = 0; ; first += batchSize) {
            List<String> keys = LongStream.range(first, first + batchSize)
                                          .mapToObj(seq -> CommitDocument.sequenceKey(aggregateIdentifier, seq))
                                          .toList();
            int before = data.size();
            Set<Long> seenCommits = new HashSet<>();
            for (Document commit : commits.find(in(CommitDocument.SEQUENCE_KEYS, keys))) {
                if (!seenCommits.add(commit.getLong("_id"))) {
                    continue;
                }
                List<Document> events = CommitDocument.events(commit);
                List<Long> indexes = CommitDocument.globalIndexes(commit);
                for (int i = 0; i < events.size(); i++) {
                    long sequence = events.get(i).getLong(CommitDocument.SEQUENCE);
                    if (sequence >= first && sequence < first + batchSize) {
                        DomainEventData<?> event = CommitDocument.domainEventData(commit, events.get(i));
                        data.add(event);
                        positions.put(event.getEventIdentifier(), indexes.get(i));
                    }
                }
            }
            if (data.size() - before < batchSize) {
                break;
            }
        }
        data.sort(Comparator.comparingLong(DomainEventData::getSequenceNumber));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(data.stream(), getEventSerializer(), upcasterChain)
                               .asStream()
                               .map(event -> new PositionedEvent(positions.get(event.getIdentifier()), event))
                               .toList();
    }

    /** An event of an aggregate and where it stands in the global log. */
    public record PositionedEvent(long position, DomainEventMessage<?> event) {
    }

    /**
     * Which of the given aggregates have any events: one {@code $in} over their first sequence keys, for a writer
     * that resumes work it may have done before (a bulk import run again).
     */
    public Set<String> aggregatesWithEvents(Collection<String> aggregateIdentifiers) {
        List<String> firstKeys = aggregateIdentifiers.stream().map(id -> CommitDocument.sequenceKey(id, 0)).toList();
        Set<String> found = new HashSet<>();
        if (!firstKeys.isEmpty()) {
            commits.find(in(CommitDocument.SEQUENCE_KEYS, firstKeys))
                   .projection(Projections.include(CommitDocument.AGGREGATE_ID))
                   .forEach(commit -> found.add(commit.getString(CommitDocument.AGGREGATE_ID)));
        }
        return found;
    }

    /**
     * Whether an aggregate has an event at this sequence number: one equality lookup on the sequence keys, which even
     * the embedded server answers from its index. A reader that keeps a stream folded asks it before reading on.
     */
    public boolean hasEventAt(String aggregateIdentifier, long sequenceNumber) {
        return commits.find(eq(CommitDocument.SEQUENCE_KEYS, CommitDocument.sequenceKey(aggregateIdentifier,
                                                                                           sequenceNumber)))
                      .projection(Projections.include("_id"))
                      .first() != null;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(CommitDocument.snapshotData(snapshot));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(@Nonnull String aggregateIdentifier) {
        long start = readSnapshotData(aggregateIdentifier).findFirst()
                                                          .map(snapshot -> snapshot.getSequenceNumber() + 1)
                                                          .orElse(0L);
        Optional<Long> last = readEventData(aggregateIdentifier, start)
                .reduce((first, second) -> second)
                .map(DomainEventData::getSequenceNumber);
        return last.isPresent() || start == 0 ? last : Optional.of(start - 1);
    }

    // ---------------------------------------------------------------- the global log

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Expected a GapAwareTrackingToken but got " + lastToken);
        }
        return logReader.eventsAfter((GapAwareTrackingToken) lastToken, batchSize);
    }

    /**
     * The log after {@code position} as a reader that keeps nothing but a position reads it (the event feed): the
     * events of the next {@code count} indexes, in index order, up to the first index that is reserved but not written
     * yet, each with its index as token ({@code GlobalSequenceTrackingToken}), and the position they settle the log up
     * to. A later read after that position misses nothing before it and repeats nothing. An index is given up (read
     * past) once it has been missing for the gap timeout, measured on this process's clock from when it first saw it
     * missing, by this or any other reader of the engine; a commit that becomes visible later than that is not read.
     * Two lookups: the reserved head by {@code _id}, the window by {@code $in} on {@code globalIndexes}.
     */
    public SettledRead readSettled(long position, int count) {
        GapAwareLogReader.SettledData read = logReader.settledEventsAfter(position, count);
        return new SettledRead(upcastAndDeserializeTrackedEvents(read.events().stream(), getEventSerializer(),
                                                                 upcasterChain).toList(),
                               read.settledUpTo());
    }

    /**
     * What {@link #readSettled} read.
     *
     * @param settledUpTo the position to read on from: every index up to it was read (these events, or earlier) or
     *                    given up
     */
    public record SettledRead(List<TrackedEventMessage<?>> events, long settledUpTo) {
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(FIRST_GLOBAL_INDEX - 1, List.of());
    }

    /**
     * The position after every index reserved so far. Commits still in flight below it are not awaited: a processor
     * that starts at the head starts with what is written after it.
     */
    @Override
    public TrackingToken createHeadToken() {
        return GapAwareTrackingToken.newInstance(globalIndexes.reservedHead(), List.of());
    }

    /** An administrative lookup (resetting a processor to a point in time); it scans the log. */
    @Override
    public TrackingToken createTokenAt(@Nonnull Instant dateTime) {
        Document first = commits.find(gte(CommitDocument.COMMITTED_AT, Date.from(dateTime)))
                                .sort(Sorts.ascending("_id")).first();
        if (first == null) {
            return createHeadToken();
        }
        long firstIndex = CommitDocument.globalIndexes(first).get(0);
        return GapAwareTrackingToken.newInstance(firstIndex - 1, List.of());
    }

    static boolean isDuplicateKey(Throwable e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                       .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return false;
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private Duration gapTimeout = Duration.ofSeconds(30);
        private int maxGapOffset = 10_000;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
            persistenceExceptionResolver(MongoEventStorageEngine::isDuplicateKey);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** How long a reader waits for a reserved global index to be written before giving it up. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** The monotonic clock gaps are timed on ({@link System#nanoTime()}); tests drive their own. */
        public Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = nanoClock;
            return this;
        }

        /** How far behind the newest index a gap may lie before readers stop waiting for it. */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is required");
            }
            if (gapTimeout == null || gapTimeout.isNegative()) {
                throw new AxonConfigurationException("The gap timeout must be zero or positive");
            }
        }

        public MongoEventStorageEngine build() {
            validate();
            return new MongoEventStorageEngine(this);
        }
    }
}
