package dev.patron.cli;

import java.time.Duration;

/**
 * How long a request is tried again when the server is busy or away: doubling pauses from {@code firstPause}
 * up to {@code longestPause}, for at most {@code budget} in all (one batch, or getting a token).
 */
record RetryPolicy(Duration firstPause, Duration longestPause, Duration budget) {

    /** About a minute: long enough for a restart of a service, short enough that a person is not left waiting. */
    static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(16),
            Duration.ofSeconds(60));

    Duration pauseAfter(int failures) {
        long millis = firstPause.toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, longestPause.toMillis()));
    }
}
