package dev.patron.query.projection;

import dev.patron.progress.Projections;
import dev.patron.eventstore.EventLogFollower;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/** How the customer projection is fed and what happens when it fails. */
@org.springframework.context.annotation.Configuration
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);
    private static final String GROUP = Projections.CUSTOMERS;

    /**
     * One thread over one segment applies every event in the store's order, which the lookup collections rely on
     * (see KeyIndex); a batch shares one token update. The processor reads the log through the follower,
     * which reads only when something was written, and reports each position it commits to the writers waiting for
     * it (read-your-writes).
     */
    @Bean
    ConfigurerModule customerProjectionProcessor(ObjectProvider<EventLogFollower> follower, ProcessedPositions positions,
                                                 @Value("${patron.projection.batch-size}") int batchSize) {
        // The follower is looked up when Axon builds the processor: it reads through the storage engine, which
        // Axon's configuration (that this module is part of) builds.
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(GROUP,
                configuration -> follower.getObject(),
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(batchSize)
                        .andEventTrackerStatusChangeListener(positions.listenerFor(GROUP)));
    }

    /**
     * A batch of events is applied as one (see {@link ProjectionBatches}). A failing event is parked in the dead-letter queue (in MongoDB, payload encrypted like in the event store)
     * with the later events of the same aggregate (customer, address, cart, order), and the processor goes on with
     * everyone else. The sequence cache spares a dead-letter lookup per event while the queue holds nothing for one.
     */
    @Bean
    ConfigurerModule customerProjectionDeadLetters(MongoTemplate axonMongoTemplate, ProcessedEventTime processedEventTime,
                                                   ProjectionBatches batches) {
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterQueue(GROUP, configuration -> MongoSequencedDeadLetterQueue.builder()
                        .processingGroup(GROUP)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(configuration.eventSerializer())
                        .build())
                .registerDeadLetterPolicy(GROUP, configuration -> loggingEnqueuePolicy())
                .registerDeadLetteringEventHandlerInvokerConfiguration(GROUP,
                        (configuration, invoker) -> invoker.enableSequenceIdentifierCache())
                .registerHandlerInterceptor(GROUP, configuration -> processedEventTime::handle)
                .registerHandlerInterceptor(GROUP, configuration -> batches::handle);
    }

    /**
     * Says which event failed and why, without the event itself: its payload is personal data, which is why
     * the queue's own logger is turned down in application.yml.
     */
    private static EnqueuePolicy<EventMessage<?>> loggingEnqueuePolicy() {
        return (letter, cause) -> {
            EventMessage<?> event = letter.message();
            String subject = event instanceof DomainEventMessage<?> domainEvent
                    ? " of " + domainEvent.getType() + " " + domainEvent.getAggregateIdentifier() + " at sequence "
                    + domainEvent.getSequenceNumber()
                    : "";
            log.warn("Projection {} parked event {} ({}){} in the dead-letter queue: {}: {}", GROUP,
                    event.getIdentifier(), event.getPayloadType().getSimpleName(), subject,
                    cause.getClass().getName(), cause.getMessage());
            return Decisions.enqueue(cause);
        };
    }
}
