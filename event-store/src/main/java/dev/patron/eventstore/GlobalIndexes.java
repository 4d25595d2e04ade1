package dev.patron.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The global index of the log (see {@link MongoEventStorageEngine}): reserving indexes on the counter document,
 * placing commits at them, and inserting the commits, again at fresh indexes when an insert collided on one.
 * <p>
 * The index is unique, not gap-free. MongoDB's {@code findOneAndUpdate} answers each writer with its own counter
 * value; mongo-java-server applies every {@code $inc} but may answer two writers with values that overlap. The
 * unique index on every global index of every commit turns such an overlap into a failed insert, which is
 * recognised and retried with fresh indexes, leaving the overlapped ones as gaps. Indexes reserved by a writer that
 * then lost an optimistic-lock race, or died, are gaps too.
 */
final class GlobalIndexes {

    static final long FIRST_GLOBAL_INDEX = 1;
    private static final String COUNTER_ID = "events.globalIndex";
    private static final int MAX_COLLISIONS = 10;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> counters;

    GlobalIndexes(MongoCollection<Document> commits, MongoCollection<Document> counters) {
        this.commits = commits;
        this.counters = counters;
    }

    /**
     * Inserts {@code documents} (commits built by {@link CommitDocument#of}, in order) at indexes reserved for them
     * now. A commit that collided on its global indexes is placed at fresh ones and inserted again, with every
     * commit after it, up to {@value #MAX_COLLISIONS} attempts in all.
     *
     * @throws CommitRejected naming the first commit not inserted, for any other failure (a taken sequence number)
     *                        or one collision too many; the commits before it are stored
     */
    void insertAtFreshIndexes(List<Document> documents) {
        int written = 0;
        for (int attempt = 1; written < documents.size(); attempt++) {
            List<Document> pending = documents.subList(written, documents.size());
            placeAtReservedIndexes(pending);
            try {
                if (pending.size() == 1) {
                    commits.insertOne(pending.get(0));
                } else {
                    commits.insertMany(pending);
                }
                written = documents.size();
            } catch (RuntimeException e) {
                // insertMany is ordered: the commits before the one that failed are stored.
                int failed = written + (e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()
                        ? bulk.getWriteErrors().get(0).getIndex() : 0);
                if (attempt == MAX_COLLISIONS || !collidedOnGlobalIndex(documents.get(failed))) {
                    throw new CommitRejected(failed, e);
                }
                written = failed;
            }
        }
    }

    /** The last index reserved so far; commits at indexes up to it may still be in flight, or never come. */
    long reservedHead() {
        Document counter = counters.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? FIRST_GLOBAL_INDEX - 1 : counter.get("value", Number.class).longValue();
    }

    /** Gives each commit the next free global indexes, reserved for all of them in one {@code $inc}. */
    private void placeAtReservedIndexes(List<Document> pending) {
        int count = pending.stream().mapToInt(commit -> CommitDocument.events(commit).size()).sum();
        long next = reserve(count) - count;
        for (Document commit : pending) {
            next += CommitDocument.events(commit).size();
            CommitDocument.placeAt(commit, next);
        }
    }

    /** Reserves {@code count} consecutive global indexes and returns the last of them. */
    private long reserve(int count) {
        Document counter = counters.findOneAndUpdate(
                eq("_id", COUNTER_ID), Updates.inc("value", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return counter.get("value", Number.class).longValue();
    }

    /** Whether an insert failed because another commit holds one of its global indexes (not its sequence numbers). */
    private boolean collidedOnGlobalIndex(Document commit) {
        for (Document holder : commits.find(in(CommitDocument.GLOBAL_INDEXES, CommitDocument.globalIndexes(commit)))) {
            if (!CommitDocument.sameCommit(holder, commit)) {
                return true;
            }
        }
        return false;
    }

    /** An insert that failed for another reason than a collision on the global index, or collided too often. */
    static final class CommitRejected extends RuntimeException {

        private final int commit;

        private CommitRejected(int commit, RuntimeException failure) {
            super(failure);
            this.commit = commit;
        }

        /** The position of the rejected commit in the documents given to {@link #insertAtFreshIndexes}. */
        int commit() {
            return commit;
        }

        /** What the insert failed with. */
        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }
}
