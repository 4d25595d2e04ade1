package dev.patron.query.history;

import dev.patron.events.address.AddressCreated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.order.OrderPlaced;
import dev.patron.query.projection.BatchedCollection;
import dev.patron.query.projection.BatchedReadModel;
import dev.patron.query.projection.KeyIndex;
import dev.patron.query.projection.ReadModelCollections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Which event streams tell a customer's story: their own, their addresses' and their orders', in the order they began.
 * {@code customer_streams}: {@code {_id: customerId, streams: [customerId, addressId, orderId, ...]}}, one lookup by
 * {@code _id}. Only ids, no personal data, so it is kept when the customer is deleted: an auditor can still replay an
 * erased customer's (redacted) history. Part of the read model's generations like every other collection of the
 * projection, so a rebuild fills it for customers from before it existed.
 */
@Component
class CustomerStreams implements BatchedReadModel {

    static final String COLLECTION = "customer_streams";
    private static final String STREAMS = "streams";

    private final KeyIndex streams;

    CustomerStreams(ReadModelCollections collections) {
        this.streams = new KeyIndex(collections, COLLECTION, STREAMS);
    }

    /** The customer's streams, their own first; empty for an id no customer ever had. */
    List<String> of(String customerId) {
        return streams.ids(customerId);
    }

    void add(String customerId, String streamId) {
        streams.add(streamId, customerId);
    }

    @Override
    public List<BatchedCollection> collections() {
        return List.of(streams.writes());
    }

    @Override
    public void prefetch(List<? extends EventMessage<?>> events) {
        Set<String> customers = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof CustomerCreated created) {
                customers.add(created.customerId());
            } else if (payload instanceof AddressCreated created) {
                customers.add(created.customerId());
            } else if (payload instanceof OrderPlaced placed && placed.customerId() != null) {
                customers.add(placed.customerId());
            }
        }
        streams.writes().load(customers);
    }
}
