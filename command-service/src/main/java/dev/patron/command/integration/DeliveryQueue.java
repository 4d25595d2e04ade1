package dev.patron.command.integration;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import dev.patron.contract.ResourceMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Each integration's queue of events to deliver, and its delivery log, in MongoDB so that nothing is lost when Patron
 * stops mid-retry. Per integration:
 * <ul>
 *   <li>{@value #OUTBOX}: the events waiting, {@code _id} = {@code <integration>:<n>} with n = 1, 2, ... in the order
 *       the processor enqueued them, so the next one is always an {@code _id} lookup;</li>
 *   <li>{@value #CURSORS} ({@code _id} = integration id): {@code enqueued} (the highest n), {@code delivered} (the
 *       last n done with, accepted or given up), the failed attempts of the one after it and when to try it again,
 *       and {@code logs}, the count of log entries;</li>
 *   <li>{@value #LOGS}: {@code _id} = {@code <integration>:<m>}, m counting attempts, so a page of the newest is a
 *       {@code $in} over known ids.</li>
 * </ul>
 * Only the webhook processor enqueues (one thread, at one instance: it holds the processor's token claim) and only
 * the sender of that same instance moves {@code delivered}, so no two writers race for either field.
 */
@Component
class DeliveryQueue {

    static final String OUTBOX = "webhook_outbox";
    static final String CURSORS = "webhook_cursors";
    static final String LOGS = "webhook_logs";
    private static final String INTEGRATION = "integration_id";

    private final MongoCollection<Document> outbox;
    private final MongoCollection<Document> cursors;
    private final MongoCollection<Document> logs;

    DeliveryQueue(MongoDatabase database) {
        this.outbox = database.getCollection(OUTBOX);
        this.cursors = database.getCollection(CURSORS);
        this.logs = database.getCollection(LOGS);
    }

    /** An event waiting at the head of an integration's queue, with the attempts already failed for it. */
    record Pending(long position, String eventId, String type, String resources, int failedAttempts,
                   Instant nextAttemptAt) {
    }

    /** What became of one attempt. */
    record Attempt(int number, boolean succeeded, boolean gaveUp, Integer statusCode, String error, Instant at) {
    }

    /** A page of the log, newest first, and how many entries there are. */
    record LogPage(List<DeliveryLogResource> entries, long total) {
    }

    /**
     * Appends an event to the integration's queue. The processor redoes a batch it had not finished when it stopped,
     * so an event can be enqueued twice; a receiver then gets it twice with the same {@code id} (at least once).
     */
    void enqueue(String integrationId, String eventId, String type, String resources, Instant at) {
        Document cursor = cursors.find(eq("_id", integrationId)).first();
        long position = (cursor == null ? 0 : cursor.get("enqueued", Number.class).longValue()) + 1;
        while (true) {
            try {
                outbox.insertOne(new Document("_id", key(integrationId, position)).append(INTEGRATION, integrationId)
                        .append("event_id", eventId).append("type", type).append("resources", resources)
                        .append("enqueued_at", Date.from(at)));
                break;
            } catch (MongoWriteException taken) {
                // The insert landed but raising the cursor did not (a stop in between): that place is this
                // integration's already, the next one is free.
                if (taken.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw taken;
                }
                position++;
            }
        }
        cursors.updateOne(eq("_id", integrationId), max("enqueued", position), new UpdateOptions().upsert(true));
    }

    Optional<Pending> next(String integrationId) {
        Document cursor = cursors.find(eq("_id", integrationId)).first();
        if (cursor == null) {
            return Optional.empty();
        }
        long delivered = number(cursor, "delivered");
        if (number(cursor, "enqueued") <= delivered) {
            return Optional.empty();
        }
        long position = delivered + 1;
        Document head = outbox.find(eq("_id", key(integrationId, position))).first();
        if (head == null) {
            return Optional.empty();
        }
        Date next = cursor.getDate("next_attempt_at");
        return Optional.of(new Pending(position, head.getString("event_id"), head.getString("type"),
                head.getString("resources"), (int) number(cursor, "failed_attempts"),
                next == null ? null : next.toInstant()));
    }

    /**
     * Logs an attempt and moves the queue: past the event when it was accepted or given up, else to its next try.
     * The log entry comes first, so that a stop in between leaves an attempt logged and made again, never made
     * and unlogged.
     */
    void record(String integrationId, Pending pending, Attempt attempt, Instant retryAt) {
        Document counted = cursors.findOneAndUpdate(eq("_id", integrationId), inc("logs", 1L),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (counted == null) {
            return; // the integration was deleted meanwhile
        }
        long entry = number(counted, "logs");
        logs.insertOne(new Document("_id", key(integrationId, entry)).append(INTEGRATION, integrationId)
                .append("event_id", pending.eventId()).append("type", pending.type())
                .append("attempt", attempt.number()).append("succeeded", attempt.succeeded())
                .append("gave_up", attempt.gaveUp()).append("status_code", attempt.statusCode())
                .append("error", attempt.error()).append("at", Date.from(attempt.at())));
        if (attempt.succeeded() || attempt.gaveUp()) {
            cursors.updateOne(eq("_id", integrationId), combine(set("delivered", pending.position()),
                    set("failed_attempts", 0), unset("next_attempt_at")));
            outbox.deleteOne(eq("_id", key(integrationId, pending.position())));
        } else {
            cursors.updateOne(eq("_id", integrationId), combine(set("failed_attempts", attempt.number()),
                    set("next_attempt_at", Date.from(retryAt))));
        }
    }

    LogPage logs(String integrationId, long offset, int limit) {
        Document cursor = cursors.find(eq("_id", integrationId)).first();
        long total = cursor == null ? 0 : number(cursor, "logs");
        long newest = total - offset;
        long oldest = Math.max(1, newest - limit + 1);
        if (newest < 1) {
            return new LogPage(List.of(), total);
        }
        List<String> ids = LongStream.rangeClosed(oldest, newest).mapToObj(entry -> key(integrationId, entry)).toList();
        List<Document> found = new ArrayList<>();
        logs.find(in("_id", ids)).forEach(found::add);
        found.sort(Comparator.comparing((Document entry) -> entry.getString("_id").length())
                .thenComparing(entry -> entry.getString("_id")).reversed());
        return new LogPage(found.stream().map(DeliveryQueue::logEntry).toList(), total);
    }

    /** Drops a deleted integration's queue and log (back office only, so the scans by integration id are fine). */
    void forget(String integrationId) {
        cursors.deleteOne(eq("_id", integrationId));
        outbox.deleteMany(eq(INTEGRATION, integrationId));
        logs.deleteMany(eq(INTEGRATION, integrationId));
    }

    private static DeliveryLogResource logEntry(Document entry) {
        Instant at = entry.getDate("at").toInstant();
        return new DeliveryLogResource(DeliveryLogResource.TYPE, entry.getString("_id"), entry.getString("event_id"),
                entry.getString("type"), entry.getInteger("attempt"), entry.getBoolean("succeeded"),
                entry.getBoolean("gave_up"), entry.getInteger("status_code"), entry.getString("error"),
                ResourceMeta.of(at, at));
    }

    private static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static String key(String integrationId, long position) {
        return integrationId + ":" + position;
    }
}
