package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsTheBarCountsRateAndTimeLeft() {
        var counts = new ImportCounts.Snapshot(50_000, 100_000, 49_990, 0, 10);

        assertThat(ProgressLine.format(counts, 1850, true)).isEqualTo(
                "[##########----------]  50,000/100,000  50%  1,850/s  27s left  created 49,990  already 0  rejected 10");
    }

    @Test
    void withoutABarForLogsAndWithoutARateAtFirst() {
        var counts = new ImportCounts.Snapshot(0, 1_234, 0, 0, 0);

        assertThat(ProgressLine.format(counts, Double.NaN, false))
                .isEqualTo("0/1,234  0%  --/s  -- left  created 0  already 0  rejected 0");
    }

    @Test
    void longWaitsInMinutesAndHours() {
        assertThat(ProgressLine.format(new ImportCounts.Snapshot(0, 1_000_000, 0, 0, 0), 100, false))
                .contains("2h 46m left");
        assertThat(ProgressLine.format(new ImportCounts.Snapshot(0, 30_000, 0, 0, 0), 100, false))
                .contains("5m 00s left");
    }

    @Test
    void theRateSpansTheLastFiveSeconds() {
        RateMeter rate = new RateMeter();
        long second = 1_000_000_000L;

        assertThat(rate.record(0, 0)).isNaN();
        assertThat(rate.record(second, 1000)).isEqualTo(1000.0);
        assertThat(rate.record(5 * second, 5000)).isEqualTo(1000.0);
        // After a burst, the oldest samples fall out of the window and the rate follows the new pace.
        assertThat(rate.record(10 * second, 25_000)).isEqualTo(4000.0);
    }
}
