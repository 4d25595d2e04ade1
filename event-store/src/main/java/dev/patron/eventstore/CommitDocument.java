package dev.patron.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/** The BSON shape of a commit (see {@link MongoEventStorageEngine}) and of a snapshot. */
final class CommitDocument {

    static final String SEQUENCE_KEYS = "sequenceKeys";
    static final String GLOBAL_INDEXES = "globalIndexes";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String COMMITTED_AT = "committedAt";
    static final String EVENTS = "events";
    static final String SEQUENCE = "sequence";
    private static final String EVENT_ID = "eventId";
    private static final String TIMESTAMP = "timestamp";
    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PAYLOAD_REVISION = "payloadRevision";
    private static final String PAYLOAD = "payload";
    private static final String META_DATA = "metaData";
    /** Prefix of the unique key of a commit that belongs to no aggregate; it cannot clash with an aggregate's key. */
    private static final String NO_AGGREGATE = "\u0000event:";

    private CommitDocument() {
    }

    static String sequenceKey(String aggregateId, long sequenceNumber) {
        return aggregateId + ':' + sequenceNumber;
    }

    /** Splits a unit of work's events into runs that belong to one aggregate (or to none), keeping their order. */
    static List<List<? extends EventMessage<?>>> groupByAggregate(List<? extends EventMessage<?>> events) {
        List<List<? extends EventMessage<?>>> groups = new ArrayList<>();
        List<EventMessage<?>> current = new ArrayList<>();
        String currentAggregate = null;
        for (EventMessage<?> event : events) {
            String aggregate = aggregateIdOf(event);
            if (!current.isEmpty() && !Objects.equals(aggregate, currentAggregate)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(event);
            currentAggregate = aggregate;
        }
        groups.add(current);
        return groups;
    }

    static Document of(List<? extends EventMessage<?>> commit, long lastGlobalIndex, Serializer serializer) {
        EventMessage<?> first = commit.get(0);
        Document document = new Document();
        if (first instanceof DomainEventMessage<?> domain) {
            document.append(SEQUENCE_KEYS, commit.stream()
                                               .map(event -> sequenceKey(domain.getAggregateIdentifier(),
                                                                         ((DomainEventMessage<?>) event).getSequenceNumber()))
                                               .toList())
                    .append(AGGREGATE_ID, domain.getAggregateIdentifier())
                    .append(AGGREGATE_TYPE, domain.getType());
        } else {
            document.append(SEQUENCE_KEYS, List.of(NO_AGGREGATE + first.getIdentifier()));
        }
        document.append(COMMITTED_AT, Date.from(Instant.now()));
        List<Document> events = new ArrayList<>(commit.size());
        for (EventMessage<?> event : commit) {
            Document stored = eventFields(event, serializer);
            if (event instanceof DomainEventMessage<?> domain) {
                stored.append(SEQUENCE, domain.getSequenceNumber());
            }
            events.add(stored);
        }
        document.append(EVENTS, events);
        placeAt(document, lastGlobalIndex);
        return document;
    }

    /** Gives the commit the global indexes that end at {@code lastGlobalIndex}, one per event. */
    static void placeAt(Document commit, long lastGlobalIndex) {
        int size = events(commit).size();
        commit.put("_id", lastGlobalIndex);
        commit.put(GLOBAL_INDEXES, LongStream.rangeClosed(lastGlobalIndex - size + 1, lastGlobalIndex).boxed().toList());
    }

    static long lastGlobalIndex(Document commit) {
        return commit.getLong("_id");
    }

    static List<Long> globalIndexes(Document commit) {
        return commit.getList(GLOBAL_INDEXES, Long.class);
    }

    static Document snapshotOf(DomainEventMessage<?> snapshot, Serializer serializer) {
        return eventFields(snapshot, serializer)
                .append("_id", snapshot.getAggregateIdentifier())
                .append(AGGREGATE_TYPE, snapshot.getType())
                .append(SEQUENCE, snapshot.getSequenceNumber());
    }

    static List<Document> events(Document commit) {
        return commit.getList(EVENTS, Document.class);
    }

    /** Whether two commit documents hold the same events (their first event ids match). */
    static boolean sameCommit(Document one, Document other) {
        return events(one).get(0).getString(EVENT_ID).equals(events(other).get(0).getString(EVENT_ID));
    }

    static DomainEventData<?> domainEventData(Document commit, Document event) {
        Long sequence = event.getLong(SEQUENCE);
        return entry(commit.getString(AGGREGATE_TYPE), commit.getString(AGGREGATE_ID),
                     sequence == null ? 0 : sequence, event);
    }

    static DomainEventData<?> snapshotData(Document snapshot) {
        return entry(snapshot.getString(AGGREGATE_TYPE), snapshot.getString("_id"), snapshot.getLong(SEQUENCE), snapshot);
    }

    private static DomainEventData<?> entry(String type, String aggregateId, long sequence, Document event) {
        return new GenericDomainEventEntry<>(type, aggregateId, sequence, event.getString(EVENT_ID),
                                             event.getString(TIMESTAMP), event.getString(PAYLOAD_TYPE),
                                             event.getString(PAYLOAD_REVISION), event.getString(PAYLOAD),
                                             event.getString(META_DATA));
    }

    private static Document eventFields(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document(EVENT_ID, event.getIdentifier())
                .append(TIMESTAMP, event.getTimestamp().toString())
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    private static String aggregateIdOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }
}
