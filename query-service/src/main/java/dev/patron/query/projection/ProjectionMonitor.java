package dev.patron.query.projection;

import dev.patron.progress.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the customer projection observable and heals it: health (shown as {@code customerProjection}), Prometheus
 * gauges for lag and parked events, and a periodic retry of parked events (after a fix is deployed, or once a
 * transient cause is gone).
 */
@Component("customerProjectionHealthIndicator")
class ProjectionMonitor implements HealthIndicator {

    /** Reads keep being answered, so this is not DOWN; application.yml ranks it between DOWN and UP, as HTTP 200. */
    static final Status DEGRADED = new Status("DEGRADED", "events are parked in the dead-letter queue");

    private static final String GROUP = Projections.CUSTOMERS;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProcessedEventTime processedEventTime;
    private final Clock clock;

    private final ProjectionBatches batches;
    private final ReadModelCollections collections;
    private final StoredTokens storedTokens;

    ProjectionMonitor(EventProcessingConfiguration processing, EventStore eventStore, ProcessedEventTime processedEventTime,
                      MeterRegistry meters, ProjectionBatches batches, ReadModelCollections collections,
                      StoredTokens storedTokens) {
        this.storedTokens = storedTokens;
        this.batches = batches;
        this.collections = collections;
        this.processing = processing;
        this.eventStore = eventStore;
        this.processedEventTime = processedEventTime;
        this.clock = Clock.systemUTC();
        Gauge.builder("patron.projection.lag.events", this, monitor -> monitor.lagEvents().orElse(-1))
                .description("Events in the store the projection has not reached yet (-1: position unknown)")
                .tag("processor", GROUP).register(meters);
        Gauge.builder("patron.projection.lag.seconds", this, ProjectionMonitor::lagSeconds)
                .description("Age of the newest event the projection has dealt with, while it is behind; 0 when "
                        + "caught up, NaN when unknown: how stale a read can be")
                .tag("processor", GROUP).register(meters);
        Gauge.builder("patron.projection.dead.letters", this, ProjectionMonitor::deadLetters)
                .description("Events parked in the dead-letter queue")
                .tag("processor", GROUP).register(meters);
    }

    @Override
    public Health health() {
        Optional<StreamingEventProcessor> processor = processor();
        Map<String, Object> details = new LinkedHashMap<>();
        lagEvents().ifPresent(lag -> details.put("lagEvents", lag));
        long parked = deadLetters();
        details.put("deadLetters", parked);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return Health.down().withDetail("processor", "not running").withDetails(details).build();
        }
        if (processor.get().isError()) {
            return Health.down().withDetail("processor", "failing, retrying").withDetails(details).build();
        }
        return Health.status(parked > 0 ? DEGRADED : Status.UP).withDetails(details).build();
    }

    /**
     * Retries every parked sequence once per run; one that fails again goes back to the queue. Like a live batch, it
     * holds the rebuild's hand-over lock and works on one generation (see {@link ReadModelRebuild}).
     */
    @Scheduled(initialDelayString = "${patron.projection.dead-letter-retry-interval}",
               fixedDelayString = "${patron.projection.dead-letter-retry-interval}")
    void retryDeadLetters() {
        processing.sequencedDeadLetterProcessor(GROUP).ifPresent(deadLetters -> {
            long sequences = deadLetterQueue().map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
            if (sequences == 0) {
                return;
            }
            batches.handover().lock();
            try {
                collections.pinnedTo(collections.current(), () -> {
                    for (long attempt = 0; attempt < sequences; attempt++) {
                        deadLetters.processAny();
                    }
                    return null;
                });
            } finally {
                batches.handover().unlock();
            }
        });
    }

    long deadLetters() {
        return deadLetterQueue().map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    OptionalLong lagEvents() {
        OptionalLong head = eventStore.createHeadToken().position();
        OptionalLong position = position();
        if (head.isEmpty() || position.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, head.getAsLong() - position.getAsLong()));
    }

    private double lagSeconds() {
        OptionalLong lagEvents = lagEvents();
        if (lagEvents.isEmpty()) {
            return Double.NaN;
        }
        if (lagEvents.getAsLong() == 0) {
            return 0;
        }
        return processedEventTime.lastEventWrittenAt()
                .map(writtenAt -> Duration.between(writtenAt, clock.instant()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    /**
     * The slowest segment's position: everything up to it is in the read model. No token yet: the tail. When another
     * instance of the service holds the projection, the positions it stored.
     */
    private OptionalLong position() {
        Optional<StreamingEventProcessor> processor = processor();
        List<TrackingToken> tokens = processor.isEmpty() || processor.get().processingStatus().isEmpty()
                ? storedTokens.of(GROUP)
                : processor.get().processingStatus().values().stream().map(EventTrackerStatus::getTrackingToken)
                        .toList();
        if (tokens.isEmpty()) {
            return OptionalLong.empty();
        }
        long slowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            OptionalLong segmentPosition = (token == null ? eventStore.createTailToken() : token).position();
            if (segmentPosition.isEmpty()) {
                return OptionalLong.empty();
            }
            slowest = Math.min(slowest, segmentPosition.getAsLong());
        }
        return OptionalLong.of(slowest);
    }

    private Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(GROUP, StreamingEventProcessor.class);
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueue() {
        return processing.deadLetterQueue(GROUP);
    }
}
