package dev.patron.query.address;

import dev.patron.customfields.CustomValues;
import dev.patron.events.address.AddressCreated;
import dev.patron.events.address.AddressDeleted;
import dev.patron.events.address.AddressUpdated;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.query.customer.CustomerProjection;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds the address read model from the event store. It runs in the customer projection's processing group: one
 * thread applies customer and address events in the store's order (so a customer's deletion is never overtaken by
 * their address events), and a failing event is parked in the same dead-letter queue, watched by the same health
 * check and lag metrics.
 * <p>
 * Every handler is idempotent: an event whose sequence number is not above its address's stored {@code version}
 * was applied already (redelivery, replay) and changes nothing, and no event of a deleted address or of a deleted
 * customer can bring anything back. The read-then-write of each handler is safe because one thread applies all
 * events (see the processor settings in application.yml).
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class AddressProjection {

    private final AddressStore store;

    AddressProjection(AddressStore store) {
        this.store = store;
    }

    /** A customer without addresses is a customer all the same: their list is empty, not unknown. */
    @EventHandler
    void on(CustomerCreated event) {
        store.open(event.customerId());
    }

    @EventHandler
    void on(AddressCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Optional<CustomerAddresses> customer = store.find(event.customerId());
        if (isDeleted(customer) || hasApplied(customer, event.addressId(), sequence)) {
            return;
        }
        store.save(event.customerId(), StoredAddress.created(event.addressId(), sequence, event.details(),
                new CustomValues(event.customFields(), event.customFieldsInClear()).all(), at));
    }

    @EventHandler
    void on(AddressUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Optional<CustomerAddresses> customer = store.find(event.customerId());
        if (isDeleted(customer) || hasApplied(customer, event.addressId(), sequence)) {
            return;
        }
        Optional<StoredAddress> current = customer.flatMap(addresses -> addresses.address(event.addressId()));
        if (current.isEmpty()) {
            // Events of one address arrive in order and a failed one holds back the rest of its sequence in the
            // dead-letter queue, so this means the read model lost the address: park the event, do not guess.
            throw new IllegalStateException("Address " + event.addressId() + " has event " + sequence
                    + " but no entry in the read model");
        }
        store.save(event.customerId(), current.get().updated(sequence, event.details(),
                new CustomValues(event.customFields(), event.customFieldsInClear()).all(), at));
    }

    /** Leaves a mark even where the address is missing, so that no older event of it can bring it back. */
    @EventHandler
    void on(AddressDeleted event, @SequenceNumber long sequence) {
        Optional<CustomerAddresses> customer = store.find(event.customerId());
        if (isDeleted(customer) || hasApplied(customer, event.addressId(), sequence)) {
            return;
        }
        store.save(event.customerId(), StoredAddress.deleted(event.addressId(), sequence));
    }

    @EventHandler
    void on(CustomerDeleted event) {
        store.removeAllOf(event.customerId());
    }

    private static boolean isDeleted(Optional<CustomerAddresses> customer) {
        return customer.map(CustomerAddresses::customerDeleted).orElse(false);
    }

    private static boolean hasApplied(Optional<CustomerAddresses> customer, String addressId, long sequence) {
        return customer.flatMap(addresses -> addresses.address(addressId))
                .map(address -> address.version() >= sequence).orElse(false);
    }
}
