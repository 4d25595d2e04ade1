package dev.patron.bench;

import java.util.Arrays;

/**
 * Latencies of one measured run, in nanoseconds. Every sample is kept (a run has at most some tens of thousands), so
 * percentiles are exact, by the nearest-rank method. Not thread-safe: each client thread records into its own
 * recorder, and they are merged once the threads have finished.
 */
final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int count;

    void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    void addAll(LatencyRecorder other) {
        for (int i = 0; i < other.count; i++) {
            record(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The smallest latency that at least p percent of the samples do not exceed, in milliseconds. */
    double percentileMillis(double p) {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        // p * count first: for whole percentiles that product is exact, so a rank such as 99 of 100 is not
        // pushed to 100 by rounding.
        int rank = (int) Math.ceil(p * count / 100.0);
        return sorted[rank - 1] / 1e6;
    }

    double meanMillis() {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return sum / count / 1e6;
    }
}
