package dev.patron.query.order;

import dev.patron.events.order.OrderPlaced;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * An order as the read model keeps it. {@code version} is the sequence number of the order's last event applied,
 * which makes redelivery harmless. The buyer and the addresses are personal data: {@code null} once erased (the order
 * anonymized, or its customer deleted), and also when its events were read after their data key was destroyed.
 *
 * @param customerId {@code null} for a guest's order
 */
record StoredOrder(
        String id,
        long version,
        String cartReference,
        String customerId,
        OrderPlaced.Buyer buyer,
        OrderPlaced.Address billingAddress,
        OrderPlaced.Address shippingAddress,
        String currency,
        List<OrderPlaced.Item> items,
        OrderPlaced.Totals totals,
        String status,
        String payment,
        String shipping,
        Instant createdAt,
        Instant updatedAt,
        boolean personalDataErased) {

    static final String INCOMPLETE = "incomplete";
    static final String COMPLETE = "complete";
    static final String CANCELLED = "cancelled";
    static final List<String> STATUSES = List.of(INCOMPLETE, COMPLETE, CANCELLED);
    static final String UNPAID = "unpaid";
    static final String AUTHORIZED = "authorized";
    static final String PAID = "paid";
    static final List<String> PAYMENTS = List.of(UNPAID, AUTHORIZED, PAID);
    static final String UNFULFILLED = "unfulfilled";
    static final String FULFILLED = "fulfilled";
    static final List<String> SHIPPINGS = List.of(UNFULFILLED, FULFILLED);

    StoredOrder {
        items = List.copyOf(items);
        // MongoDB keeps milliseconds; cutting here makes a stored and a re-read order equal.
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param customerErased whether the order's customer was deleted already, in which case the order keeps none
     *                       of the personal data its event may still show (read before the key's erasure reached
     *                       this process)
     */
    static StoredOrder placed(OrderPlaced event, long version, Instant at, boolean customerErased) {
        StoredOrder order = new StoredOrder(event.orderId(), version, event.cartReference(), event.customerId(),
                event.buyer(), event.billingAddress(), event.shippingAddress(), event.currency(), event.items(),
                event.totals(), INCOMPLETE, UNPAID, UNFULFILLED, at, at, false);
        return customerErased ? order.withoutPersonalData() : order;
    }

    /** The key under which buyers' emails are compared: case-insensitive, like customers' emails. */
    String emailKey() {
        return buyer == null || buyer.email() == null ? null : emailKeyOf(buyer.email());
    }

    static String emailKeyOf(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    StoredOrder withStatus(long version, String status, Instant at) {
        return new StoredOrder(id, version, cartReference, customerId, buyer, billingAddress, shippingAddress,
                currency, items, totals, status, payment, shipping, createdAt, at, personalDataErased);
    }

    StoredOrder withPayment(long version, String payment, Instant at) {
        return new StoredOrder(id, version, cartReference, customerId, buyer, billingAddress, shippingAddress,
                currency, items, totals, status, payment, shipping, createdAt, at, personalDataErased);
    }

    StoredOrder withShipping(long version, String shipping, Instant at) {
        return new StoredOrder(id, version, cartReference, customerId, buyer, billingAddress, shippingAddress,
                currency, items, totals, status, payment, shipping, createdAt, at, personalDataErased);
    }

    /** Anonymized on request: an event of the order, which changes it. */
    StoredOrder anonymized(long version, Instant at) {
        return new StoredOrder(id, version, cartReference, customerId, null, null, null, currency, items, totals,
                status, payment, shipping, createdAt, at, true);
    }

    /**
     * The same order without the buyer and the addresses; amounts, items, statuses and times stay. Version and
     * {@code updatedAt} are the order's own: the erasure of a deleted customer is no event of the order.
     */
    StoredOrder withoutPersonalData() {
        return new StoredOrder(id, version, cartReference, customerId, null, null, null, currency, items, totals,
                status, payment, shipping, createdAt, updatedAt, true);
    }
}
