package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesOfOneToHundredMillisecondsAreNearestRank() {
        LatencyRecorder recorder = new LatencyRecorder();
        // Recorded out of order, as client threads finish calls in any order.
        for (int ms = 100; ms >= 1; ms--) {
            recorder.record(ms * MS);
        }
        assertEquals(100, recorder.count());
        assertEquals(50.0, recorder.percentileMillis(50));
        assertEquals(95.0, recorder.percentileMillis(95));
        assertEquals(99.0, recorder.percentileMillis(99));
        assertEquals(100.0, recorder.percentileMillis(100));
        assertEquals(50.5, recorder.meanMillis(), 1e-9);
    }

    @Test
    void aSmallSampleRoundsTheRankUp() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(10 * MS);
        recorder.record(20 * MS);
        recorder.record(30 * MS);
        assertEquals(20.0, recorder.percentileMillis(50));
        assertEquals(30.0, recorder.percentileMillis(95));
        assertEquals(10.0, recorder.percentileMillis(1));
    }

    @Test
    void mergedRecordersGiveThePercentilesOfAllTheirSamples() {
        LatencyRecorder first = new LatencyRecorder();
        LatencyRecorder second = new LatencyRecorder();
        for (int i = 1; i <= 3000; i++) {
            (i % 2 == 0 ? first : second).record(i * 1000L);
        }
        LatencyRecorder all = new LatencyRecorder();
        all.addAll(first);
        all.addAll(second);
        assertEquals(3000, all.count());
        assertEquals(1.5, all.percentileMillis(50));
        assertEquals(2.97, all.percentileMillis(99), 1e-9);
    }

    @Test
    void anEmptyRecorderHasNoPercentiles() {
        assertThrows(IllegalStateException.class, () -> new LatencyRecorder().percentileMillis(50));
        assertThrows(IllegalArgumentException.class, () -> {
            LatencyRecorder recorder = new LatencyRecorder();
            recorder.record(MS);
            recorder.percentileMillis(0);
        });
    }
}
