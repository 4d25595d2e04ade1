package dev.patron.command.integration;

import dev.patron.eventstore.EventLogFollower;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook processor: a tracking processor of the command service over the event log, read through the same
 * {@link EventLogFollower} as the projection. One segment, so events are enqueued in the order it reads them, and
 * its token claim in the token store makes it run at exactly one instance of the command service (and once in the
 * one-process layout, which scans the command side once); the sender sends only where it runs.
 */
@Configuration
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    static final String PROCESSING_GROUP = "webhooks";

    /**
     * Starts at the head of the log when first run: an integration is told about what happens after its creation,
     * so nothing before the first start can be owed to one. A failing handler (MongoDB unreachable) fails the batch,
     * which the processor retries, so no event is skipped; Axon's default would log it and go on. The events of a
     * batch share one update of the token: with a token update per event (Axon's default batch of one) this
     * processor cost more CPU than the projection reading the same events, even with no integration to feed. A batch
     * retried after a failure may enqueue its first events again: deliveries are at least once, and consumers
     * deduplicate by event id.
     */
    @Bean
    ConfigurerModule webhookProcessor(ObjectProvider<EventLogFollower> follower, WebhookProperties properties) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(PROCESSING_GROUP, configuration -> follower.getObject(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(properties.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    WebhookTargets webhookTargets(WebhookProperties properties) {
        return new WebhookTargets(properties.allowPrivateTargets());
    }
}
