package dev.patron.progress;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How far a projection has read the event log, for writers that answer only once their write can be read back
 * (read-your-writes). Positions are global indexes of the event log: the event store tells a writer the position of
 * its last event, and a projection has processed a position once it has dealt with the event there, applied or
 * parked in its dead-letter queue (a parked event will not show, and waiting longer would not change that).
 * <p>
 * The query side implements it; the command side asks it in-process when both run in one process, and over HTTP
 * ({@link ProjectionProgressApi}) when they do not.
 */
public interface ProjectionProgress {

    /**
     * Completes with {@code true} once {@code projection} has processed the event at {@code position}, or with
     * {@code false} when {@code timeout} passes first. Completes exceptionally with
     * {@link IllegalArgumentException} for a projection that does not exist.
     */
    CompletableFuture<Boolean> whenProcessed(String projection, long position, Duration timeout);
}
