package dev.patron.cli;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Tries a request again while it fails in a way that may pass (429, 5xx, no connection), with doubling pauses,
 * until it succeeds, fails for good, the retry budget is spent, or the run is stopped.
 */
final class Retrier {

    interface Attempt<T> {
        T run() throws RetriableFailure, ImportFailure, StoppedException;
    }

    private final RetryPolicy policy;
    private final StopSignal stop;
    private final Consumer<String> notes;

    Retrier(RetryPolicy policy, StopSignal stop, Consumer<String> notes) {
        this.policy = policy;
        this.stop = stop;
        this.notes = notes;
    }

    <T> T run(String what, Attempt<T> attempt) throws ImportFailure, StoppedException {
        long start = System.nanoTime();
        int failures = 0;
        while (true) {
            if (stop.isRaised()) {
                throw new StoppedException();
            }
            try {
                return attempt.run();
            } catch (RetriableFailure failure) {
                failures++;
                Duration pause = policy.pauseAfter(failures);
                if (failure.retryAfter().isPresent()) {
                    // The server knows best how long it needs, but not longer than we would ever wait.
                    Duration asked = failure.retryAfter().get();
                    pause = asked.compareTo(policy.longestPause()) > 0 ? policy.longestPause()
                            : asked.compareTo(pause) > 0 ? asked : pause;
                }
                Duration spent = Duration.ofNanos(System.nanoTime() - start);
                if (spent.plus(pause).compareTo(policy.budget()) > 0) {
                    throw new ImportFailure(what + " failed " + failures + (failures == 1 ? " time" : " times")
                            + " over " + Durations.words(spent) + ", giving up: " + failure.getMessage());
                }
                notes.accept(what + ": " + failure.getMessage() + "; trying again in " + Durations.words(pause));
                if (stop.awaitFor(pause)) {
                    throw new StoppedException();
                }
            }
        }
    }
}
