package dev.patron.mongo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * Writes the store's changes to its file before an answer leaves the server, so that what a client was told is
 * stored survives a kill of the process (SIGKILL, an out-of-memory kill, a crash). Left to MVStore's own schedule,
 * changes reach the file up to a second later; the crash test showed what that costs: acknowledged events and
 * read-model updates were gone after a restart, while the processes that had been answered carried on from memory
 * past them.
 * <p>
 * Every command, reads included, passes here once it has run: a read may have seen another client's change that is
 * not in the file yet, and must not be answered before it is. Commits are shared: a command waits for the commit in
 * progress, and the next one writes everything the commands waiting by then have done, so concurrent clients pay for
 * one file write between them rather than one each. The write goes to the operating system, not through to the disk
 * ({@code fsync}): a power failure can still lose the last writes, a killed process cannot.
 */
final class GroupCommit {

    private final MVStore store;
    /** Commands that have run, counted as each finishes: all their changes are in the store's memory by then. */
    private final AtomicLong finished = new AtomicLong();
    private final ReentrantLock committing = new ReentrantLock();
    /** Every command counted up to here has had its changes written. Guarded by {@link #committing}. */
    private long committedUpTo;

    GroupCommit(MVStore store) {
        this.store = store;
    }

    /** Returns once everything the calling thread's command changed, or could have seen, is in the file. */
    void afterCommand() {
        long mine = finished.incrementAndGet();
        committing.lock();
        try {
            if (committedUpTo >= mine) {
                return;
            }
            long upTo = finished.get();
            // Also waits for a store MVStore's background thread has begun, whose changes would otherwise read as
            // saved before they are in the file.
            store.commit();
            committedUpTo = upTo;
        } finally {
            committing.unlock();
        }
    }
}
