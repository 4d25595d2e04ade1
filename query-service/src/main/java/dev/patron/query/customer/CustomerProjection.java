package dev.patron.query.customer;

import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.PasswordSet;
import dev.patron.progress.Projections;
import java.time.Instant;
import dev.patron.customfields.CustomValues;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds the customer read model from the event store. Every handler is idempotent: an event whose sequence number
 * is not above the stored {@code version} was applied already (redelivery, replay) and changes nothing, and no
 * event of a deleted customer can bring it back. The password hash is never stored, only that one is set.
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
public class CustomerProjection {

    public static final String PROCESSING_GROUP = Projections.CUSTOMERS;

    private final CustomerStore store;

    CustomerProjection(CustomerStore store) {
        this.store = store;
    }

    @EventHandler
    void on(CustomerCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.customerId();
        if (store.find(id).isPresent() || store.isDeleted(id)) {
            return;
        }
        store.save(Optional.empty(), StoredCustomer.created(id, sequence, event.name(), event.email(),
                event.externalRef(), new CustomValues(event.customFields(), event.customFieldsInClear()).all(), at));
    }

    @EventHandler
    void on(CustomerUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.customerId(), sequence, customer -> customer.withDetails(sequence, event.name(), event.email(),
                event.externalRef(), new CustomValues(event.customFields(), event.customFieldsInClear()).all(), at));
    }

    @EventHandler
    void on(PasswordSet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.customerId(), sequence, customer -> customer.withPassword(sequence, at));
    }

    @EventHandler
    void on(CustomerDeleted event, @SequenceNumber long sequence) {
        store.find(event.customerId()).ifPresentOrElse(
                customer -> store.delete(customer, sequence),
                () -> store.markDeleted(event.customerId(), sequence));
    }

    private void change(String id, long sequence, UnaryOperator<StoredCustomer> change) {
        Optional<StoredCustomer> current = store.find(id);
        if (current.isEmpty()) {
            if (store.isDeleted(id)) {
                return;
            }
            // Events of one customer arrive in order and a failed one holds back the rest of its sequence in the
            // dead-letter queue, so this means the read model lost a document: park the event, do not guess.
            throw new IllegalStateException("Customer " + id + " has event " + sequence
                    + " but no document in the read model");
        }
        if (current.get().version() >= sequence) {
            return;
        }
        store.save(current, change.apply(current.get()));
    }
}
