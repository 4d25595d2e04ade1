package dev.patron.query.projection;

import dev.patron.eventstore.EventLogFollower;
import dev.patron.progress.ProjectionProgress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers "has this projection processed that position of the log yet?" from the projection's own processor, and
 * completes waiting writers the moment it has: the processor reports every position it commits (see
 * {@link #listenerFor}), so nobody polls. A writer that waits also wakes the log follower, so a write made in another
 * process is read at once instead of at the next idle poll.
 */
@Component
class ProcessedPositions implements ProjectionProgress {

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventLogFollower> follower;
    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    /** Both looked up on use: the processor registers this, and both come from Axon's configuration. */
    ProcessedPositions(ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EventLogFollower> follower) {
        this.processing = processing;
        this.follower = follower;
    }

    @Override
    public CompletableFuture<Boolean> whenProcessed(String projection, long position, Duration timeout) {
        Optional<StreamingEventProcessor> processor = processor(projection);
        if (processor.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("No projection " + projection));
        }
        if (processed(processor.get(), position)) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter waiter = new Waiter(position, new CompletableFuture<>());
        Set<Waiter> waiters = waiting.computeIfAbsent(projection, name -> ConcurrentHashMap.newKeySet());
        waiters.add(waiter);
        waiter.done().whenComplete((processed, failure) -> waiters.remove(waiter));
        // The processor may have passed the position between the first look and registering: look again.
        if (processed(processor.get(), position)) {
            waiter.done().complete(true);
        } else {
            follower.getObject().wake();
        }
        return waiter.done().completeOnTimeout(false, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Registered with the projection's processor, which then reports every position it reaches. */
    EventTrackerStatusChangeListener listenerFor(String projection) {
        return new EventTrackerStatusChangeListener() {
            @Override
            public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
                Set<Waiter> waiters = waiting.get(projection);
                if (waiters == null || waiters.isEmpty()) {
                    return;
                }
                processor(projection).ifPresent(processor -> waiters.stream()
                        .filter(waiter -> processed(processor, waiter.position()))
                        .forEach(waiter -> waiter.done().complete(true)));
            }

            @Override
            public boolean validatePositions() {
                return true;
            }
        };
    }

    private Optional<StreamingEventProcessor> processor(String projection) {
        return processing.getObject().eventProcessor(projection, StreamingEventProcessor.class);
    }

    /**
     * Processed once every segment's token is past the position and not holding it as a gap (an index the reader
     * skipped because its commit was not visible yet). During a replay the lower bound is where the processor is.
     */
    private static boolean processed(StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return !segments.isEmpty() && segments.values().stream()
                .allMatch(segment -> covers(segment.getTrackingToken(), position));
    }

    private static boolean covers(TrackingToken token, long position) {
        return WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken reached
                && reached.getIndex() >= position && !reached.getGaps().contains(position);
    }

    private record Waiter(long position, CompletableFuture<Boolean> done) {
    }
}
