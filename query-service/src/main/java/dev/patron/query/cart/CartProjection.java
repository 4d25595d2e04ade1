package dev.patron.query.cart;

import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartEmptied;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.cart.CartItemRemoved;
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
 * Builds the cart read model from the event store, in the customer projection's processing group: one thread
 * applies every event in the store's order (which the read-then-write of each handler and the lookup of a customer's
 * carts rely on), and a failing event is parked in the same dead-letter queue, with the later events of its cart
 * behind it, watched by the same health check and lag metrics.
 * <p>
 * Every handler is idempotent: an event whose sequence number is not above the cart's stored {@code version} was
 * applied already (redelivery, replay) and changes nothing.
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class CartProjection {

    private final CartStore store;

    CartProjection(CartStore store) {
        this.store = store;
    }

    /** A cart's first event: a cart already stored has had it applied. */
    @EventHandler
    void on(CartCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (store.find(event.cartReference()).isPresent()) {
            return;
        }
        store.save(StoredCart.created(event.cartReference(), sequence, event.currency(), at));
    }

    @EventHandler
    void on(CartItemAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.cartReference(), sequence, cart -> cart.withItem(sequence, event, at));
    }

    @EventHandler
    void on(CartItemQuantityChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.cartReference(), sequence, cart -> {
            if (cart.item(event.itemId()).isEmpty()) {
                // The command side changes only items the cart holds, and a cart's events arrive in order: the read
                // model lost the item. Park the event, do not guess.
                throw new IllegalStateException("Cart " + event.cartReference() + " has event " + sequence
                        + " for item " + event.itemId() + " but no such item in the read model");
            }
            return cart.withQuantity(sequence, event.itemId(), event.quantity(), at);
        });
    }

    @EventHandler
    void on(CartItemRemoved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.cartReference(), sequence, cart -> cart.without(sequence, event.itemId(), at));
    }

    @EventHandler
    void on(CartEmptied event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.cartReference(), sequence, cart -> cart.emptied(sequence, at));
    }

    /** The items became an order (read from the order's own events); the cart is empty again. */
    @EventHandler
    void on(CartCheckedOut event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.cartReference(), sequence, cart -> cart.emptied(sequence, at));
    }

    /** Filed under the customer first, so that a crash before the cart is written is repaired by the redelivery. */
    @EventHandler
    void on(CartAssociatedWithCustomer event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event.cartReference(), sequence, cart -> {
            store.fileUnder(event.customerId(), event.cartReference());
            return cart.associatedWith(sequence, event.customerId(), at);
        });
    }

    private void change(String reference, long sequence, UnaryOperator<StoredCart> change) {
        Optional<StoredCart> current = store.find(reference);
        if (current.isEmpty()) {
            // Every cart starts with CartCreated and a failed event holds back the rest of its cart in the
            // dead-letter queue, so this means the read model lost the cart: park the event, do not guess.
            throw new IllegalStateException("Cart " + reference + " has event " + sequence
                    + " but no document in the read model");
        }
        if (current.get().version() >= sequence) {
            return;
        }
        store.save(change.apply(current.get()));
    }
}
