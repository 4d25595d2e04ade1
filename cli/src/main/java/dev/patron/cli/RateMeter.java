package dev.patron.cli;

import java.util.ArrayDeque;

/** Customers per second over the last few seconds, so that the rate and time left follow the server's pace now. */
final class RateMeter {

    private record Sample(long nanos, long done) {
    }

    private static final long WINDOW_NANOS = 5_000_000_000L;
    /** Below this, a rate is mostly noise of when the answers happened to arrive. */
    private static final long SHORTEST_NANOS = 500_000_000L;

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Takes a sample; the rate per second, or NaN while there is not enough to tell. */
    synchronized double record(long nanos, long done) {
        samples.addLast(new Sample(nanos, done));
        // Keep one sample at or beyond the window's start, so the rate always spans the whole window.
        while (samples.size() > 2 && nanos - secondOldest().nanos() >= WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        long span = nanos - oldest.nanos();
        if (span < SHORTEST_NANOS) {
            return Double.NaN;
        }
        return (done - oldest.done()) * 1e9 / span;
    }

    private Sample secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
