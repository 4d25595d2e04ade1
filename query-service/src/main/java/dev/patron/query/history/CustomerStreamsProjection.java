package dev.patron.query.history;

import dev.patron.events.address.AddressCreated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.order.OrderPlaced;
import dev.patron.progress.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Files every stream that begins for a customer under them (see {@link CustomerStreams}). Adding an id that is there
 * already changes nothing, so redelivery and replay are harmless. A guest's order belongs to no customer's story.
 */
@Component
// The customer projection's processor: one thread applies every event in the store's order.
@ProcessingGroup(Projections.CUSTOMERS)
class CustomerStreamsProjection {

    private final CustomerStreams streams;

    CustomerStreamsProjection(CustomerStreams streams) {
        this.streams = streams;
    }

    @EventHandler
    void on(CustomerCreated event) {
        streams.add(event.customerId(), event.customerId());
    }

    @EventHandler
    void on(AddressCreated event) {
        streams.add(event.customerId(), event.addressId());
    }

    @EventHandler
    void on(OrderPlaced event) {
        if (event.customerId() != null) {
            streams.add(event.customerId(), event.orderId());
        }
    }
}
