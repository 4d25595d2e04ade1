package dev.patron.cli;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counts for the progress display: every answered batch as soon as it is answered, in whatever order.
 * (The kept {@link ImportState} counts only the unbroken run of answered batches from the start.)
 */
final class ImportCounts {

    record Snapshot(long done, long total, long created, long alreadyImported, long rejected) {
    }

    private final long total;
    private final AtomicLong done;
    private final AtomicLong created;
    private final AtomicLong alreadyImported;
    private final AtomicLong rejected;

    ImportCounts(ImportState start) {
        this.total = start.total();
        this.done = new AtomicLong(start.done());
        this.created = new AtomicLong(start.created());
        this.alreadyImported = new AtomicLong(start.alreadyImported());
        this.rejected = new AtomicLong(start.rejected());
    }

    void add(BatchTally tally) {
        created.addAndGet(tally.created());
        alreadyImported.addAndGet(tally.alreadyImported());
        rejected.addAndGet(tally.rejected());
        // Last, so that a display reading "done" never shows more done than the counts add up to.
        done.addAndGet(tally.customers());
    }

    Snapshot snapshot() {
        return new Snapshot(done.get(), total, created.get(), alreadyImported.get(), rejected.get());
    }
}
