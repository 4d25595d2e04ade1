package dev.patron.cli;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Batches are answered in any order (several are in flight at once), but the kept state must say "every customer
 * before position P is done". This holds the answers that come early until the gap before them closes, then
 * writes their rejections to the report and the new state, once per answered batch. A batch answered while an
 * earlier one is still out is neither in the report nor in the state yet, so an interruption never leaves a
 * rejection reported twice after resuming.
 */
final class AcknowledgementTracker {

    private final ImportStateStore store;
    private final RejectionReport report;
    private final ImportCounts live;
    private final Map<Long, BatchTally> early = new HashMap<>();
    private ImportState state;
    private long nextBatch;
    private boolean closed;

    AcknowledgementTracker(ImportState start, ImportStateStore store, RejectionReport report, ImportCounts live) {
        this.state = start;
        this.store = store;
        this.report = report;
        this.live = live;
    }

    synchronized void acknowledged(Batch batch, List<ItemOutcome> outcomes) throws ImportFailure {
        if (closed) {
            return; // answered after the run gave up waiting: a resumed run sends it again, harmlessly
        }
        BatchTally tally = BatchTally.of(batch, outcomes);
        live.add(tally);
        early.put(batch.number(), tally);
        boolean advanced = false;
        try {
            for (BatchTally next = early.remove(nextBatch); next != null; next = early.remove(nextBatch)) {
                for (BatchTally.Rejection rejection : next.rejections()) {
                    report.add(rejection);
                }
                state = state.plus(next);
                nextBatch++;
                advanced = true;
            }
            if (advanced) {
                // The report first: a crash between the two repeats a report line, never loses one.
                report.flush();
                store.save(state);
            }
        } catch (IOException cannotWrite) {
            throw new ImportFailure("cannot write the import state " + store.path() + " or the report "
                    + report.path() + ": " + cannotWrite.getMessage(), cannotWrite);
        }
    }

    /** No more answers are taken; the state as last written. */
    synchronized ImportState close() {
        closed = true;
        return state;
    }

    synchronized ImportState state() {
        return state;
    }
}
