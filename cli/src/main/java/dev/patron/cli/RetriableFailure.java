package dev.patron.cli;

import java.time.Duration;
import java.util.Optional;

/** A failure that may pass by itself (429, 5xx, no connection): the request is tried again after a pause. */
final class RetriableFailure extends Exception {

    private final Duration retryAfter;

    RetriableFailure(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The pause the server asked for (Retry-After), if it asked for one. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
