package dev.patron.query.feed;

import dev.patron.contract.ObservableEvents;
import dev.patron.events.metadata.EventMetadata;
import dev.patron.eventstore.MongoEventStorageEngine;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/**
 * The observable events in global order, a page after a position. The log is read with the event store's settled
 * read, so a page ends before any index that is reserved but not written yet, unless that gap has outlived the event
 * store's gap timeout: the cursor never passes an event that may still appear. Events without an observable form are
 * read and left out; the cursor moves past them all the same.
 */
@Component
class EventFeed {

    /** How many windows of {@code limit} indexes one page may read while it finds few observable events. */
    private static final int MAX_WINDOWS_PER_PAGE = 10;

    private final MongoEventStorageEngine engine;

    EventFeed(EventStorageEngine engine) {
        if (!(engine instanceof MongoEventStorageEngine mongoEngine)) {
            throw new IllegalStateException("The event feed reads Patron's MongoDB event store, not " + engine);
        }
        this.engine = mongoEngine;
    }

    /** Up to {@code limit} observable events after {@code position}, and the position to resume from. */
    Page after(long position, int limit) {
        List<FeedEvent> events = new ArrayList<>();
        long cursor = position;
        for (int window = 0; window < MAX_WINDOWS_PER_PAGE; window++) {
            long windowStart = cursor;
            MongoEventStorageEngine.SettledRead read = engine.readSettled(windowStart, limit);
            for (TrackedEventMessage<?> message : read.events()) {
                long at = message.trackingToken().position().orElseThrow();
                // A full page ends after the last position it took whole (an upcaster may make one stored event
                // several), so the next page starts with what this one left.
                if (events.size() >= limit && at > cursor) {
                    return new Page(events, cursor);
                }
                ObservableEvents.describe(message.getPayload()).ifPresent(observable -> events.add(
                        feedEvent(message, at, observable)));
                cursor = at;
            }
            cursor = read.settledUpTo();
            // Stopped short of the window: at the head of the log or before a gap still open.
            if (events.size() >= limit || cursor - windowStart < limit) {
                break;
            }
        }
        return new Page(events, cursor);
    }

    private static FeedEvent feedEvent(TrackedEventMessage<?> message, long position,
                                       ObservableEvents.Observable observable) {
        Object requestId = message.getMetaData().get(EventMetadata.REQUEST_ID);
        return new FeedEvent(message.getIdentifier(), observable.type(), position, message.getTimestamp(),
                EventMetadata.actorOf(message.getMetaData()), requestId == null ? null : requestId.toString(),
                observable.data(), ObservableEvents.VERSION);
    }

    /** @param cursor every observable event up to this position is in {@code events} or was before it */
    record Page(List<FeedEvent> events, long cursor) {
    }
}
