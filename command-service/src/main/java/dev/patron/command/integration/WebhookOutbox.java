package dev.patron.command.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.contract.ObservableEvents;
import dev.patron.contract.ObservableEvents.Observable;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The webhook processor's handler: every observable event goes into the queue of each integration that observes its
 * type, in the order the processor reads the log. It only enqueues: sending is {@link WebhookSender}'s, so a slow
 * receiver never holds the processor, and the processor's token moves only once the queues hold the event.
 */
@Component
@ProcessingGroup(WebhookConfiguration.PROCESSING_GROUP)
class WebhookOutbox {

    private static final String INTEGRATIONS_OF_BATCH = WebhookOutbox.class.getName() + ".integrations";

    private final Integrations integrations;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final ObjectMapper json;

    WebhookOutbox(Integrations integrations, DeliveryQueue queue, WebhookSender sender, ObjectMapper json) {
        this.integrations = integrations;
        this.queue = queue;
        this.sender = sender;
        this.json = json;
    }

    /**
     * Takes the message, not its payload, so that an event no integration can want (not observable, or no integration
     * at all) is skipped without being deserialized and decrypted: the projection reads every event already.
     */
    @EventHandler
    void on(EventMessage<?> event) throws JsonProcessingException {
        if (!ObservableEvents.isObservable(event.getPayloadType())) {
            return;
        }
        List<Integration> current = integrationsOfThisBatch();
        if (current.isEmpty()) {
            return;
        }
        Optional<Observable> observable = ObservableEvents.describe(event.getPayload());
        if (observable.isEmpty()) {
            return;
        }
        List<Integration> observing = current.stream()
                .filter(integration -> integration.wants(observable.get().type(), event.getTimestamp()))
                .toList();
        if (observing.isEmpty()) {
            return;
        }
        String resources = json.writeValueAsString(observable.get().data());
        for (Integration integration : observing) {
            queue.enqueue(integration.id(), event.getIdentifier(), observable.get().type(), resources,
                    event.getTimestamp());
        }
        sender.wake();
    }

    /**
     * The integrations as they are when the processor starts handling a batch, looked up once for all its events.
     * The batch's events were read from the log before then, so an integration created before any of them is known.
     */
    private List<Integration> integrationsOfThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return integrations.current();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(INTEGRATIONS_OF_BATCH,
                key -> integrations.current());
    }
}
