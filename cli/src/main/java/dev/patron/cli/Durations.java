package dev.patron.cli;

import java.time.Duration;

/** Durations as a person reads them: 850ms, 27s, 4m 05s, 1h 02m. */
final class Durations {

    private Durations() {
    }

    static String words(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
