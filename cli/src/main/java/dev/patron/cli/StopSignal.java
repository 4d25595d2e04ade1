package dev.patron.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Raised once, by Ctrl-C / SIGTERM or by a batch that failed for good: no new batch is sent, and batches waiting
 * to be tried again give up at once instead of sleeping through their pause.
 */
final class StopSignal {

    private final CountDownLatch raised = new CountDownLatch(1);

    void raise() {
        raised.countDown();
    }

    boolean isRaised() {
        return raised.getCount() == 0;
    }

    /** Waits for the pause, or less when the signal comes first; true when it came. */
    boolean awaitFor(Duration pause) {
        try {
            return raised.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
