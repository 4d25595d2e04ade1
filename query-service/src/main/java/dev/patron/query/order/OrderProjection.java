package dev.patron.query.order;

import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import dev.patron.query.customer.CustomerProjection;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Builds the order read model from the event store, in the customer projection's processing group: one thread applies
 * every event in the store's order (which the read-then-write of each handler and the lookups rely on, and which puts
 * a customer's deletion after the orders they placed), and a failing event is parked in the same dead-letter queue,
 * with the later events of its order behind it, watched by the same health check and lag metrics.
 * <p>
 * Every handler is idempotent: an event whose sequence number is not above the order's stored {@code version} was
 * applied already (redelivery, replay) and changes nothing.
 * <p>
 * <b>Personal data.</b> The buyer's name and email and both addresses are removed from the read model, lookups
 * included, when the order is anonymized and when its customer is deleted: deleting a customer erases the personal
 * data of their orders. Amounts, items, statuses and the customer id stay. The events' own copies are erased by the
 * data key: an order's key is kept wrapped under its customer's key, so destroying either makes them read as
 * {@code null}, which is also what a replay then stores.
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class OrderProjection {

    private final OrderStore store;

    OrderProjection(OrderStore store) {
        this.store = store;
    }

    /** An order's first event: an order already stored has had it applied. */
    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (store.find(event.orderId()).isPresent()) {
            return;
        }
        boolean customerErased = event.customerId() != null && store.isCustomerErased(event.customerId());
        store.save(Optional.empty(), StoredOrder.placed(event, sequence, at, customerErased));
    }

    @EventHandler
    void on(OrderPaymentAuthorized event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId(), sequence, order -> order.withPayment(sequence, StoredOrder.AUTHORIZED, at));
    }

    @EventHandler
    void on(OrderPaid event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId(), sequence, order -> order.withPayment(sequence, StoredOrder.PAID, at)
                .withStatus(sequence, StoredOrder.COMPLETE, at));
    }

    @EventHandler
    void on(OrderFulfilled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId(), sequence, order -> order.withShipping(sequence, StoredOrder.FULFILLED, at));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId(), sequence, order -> order.withStatus(sequence, StoredOrder.CANCELLED, at));
    }

    @EventHandler
    void on(OrderAnonymized event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.orderId(), sequence, order -> order.anonymized(sequence, at));
    }

    /**
     * The customer's event, not their orders': it changes no order's version, and applying it again erases nothing
     * more. The customer stays marked, so that an order of theirs applied later keeps no personal data either.
     */
    @EventHandler
    void on(CustomerDeleted event) {
        store.markCustomerErased(event.customerId());
        for (String orderId : store.idsOfCustomer(event.customerId())) {
            store.find(orderId).filter(order -> !order.personalDataErased())
                    .ifPresent(order -> store.save(Optional.of(order), order.withoutPersonalData()));
        }
    }

    private void change(String orderId, long sequence, UnaryOperator<StoredOrder> change) {
        Optional<StoredOrder> current = store.find(orderId);
        if (current.isEmpty()) {
            // Every order starts with OrderPlaced and a failed event holds back the rest of its order in the
            // dead-letter queue, so this means the read model lost the order: park the event, do not guess.
            throw new IllegalStateException("Order " + orderId + " has event " + sequence
                    + " but no document in the read model");
        }
        if (current.get().version() >= sequence) {
            return;
        }
        store.save(current, change.apply(current.get()));
    }
}
