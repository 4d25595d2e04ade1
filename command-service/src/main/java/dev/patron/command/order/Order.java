package dev.patron.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.patron.command.order.OrderCommands.CancelOrder;
import dev.patron.command.order.OrderCommands.FulfilOrder;
import dev.patron.command.order.OrderCommands.PayForOrder;
import dev.patron.command.order.OrderState.Payment;
import dev.patron.command.order.OrderState.Shipping;
import dev.patron.command.order.OrderState.Status;
import dev.patron.command.write.RuleViolation;
import dev.patron.events.order.OrderAnonymized;
import dev.patron.events.order.OrderCancelled;
import dev.patron.events.order.OrderFulfilled;
import dev.patron.events.order.OrderPaid;
import dev.patron.events.order.OrderPaymentAuthorized;
import dev.patron.events.order.OrderPlaced;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order: an immutable snapshot of a checked-out cart (items, totals, currency, addresses, buyer, customer link)
 * and the state of its payment, shipping and life, each change an event.
 * <p>
 * The transitions: an unpaid order is paid by a purchase, or authorized and later captured, which completes it; a
 * paid order can be fulfilled; an order not yet paid nor fulfilled can be cancelled. Repeating a transition that
 * already happened (fulfilling a fulfilled order, cancelling a cancelled one) changes nothing; any other change is
 * refused. The buyer and addresses can be erased at any time, leaving the rest for the store's books.
 */
@Aggregate
public class Order {

    static final String PURCHASE = "purchase";
    static final String AUTHORIZE = "authorize";
    static final String CAPTURE = "capture";

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private OrderPlaced.Buyer buyer;
    private OrderPlaced.Address billingAddress;
    private OrderPlaced.Address shippingAddress;
    private String currency;
    private List<OrderPlaced.Item> items;
    private OrderPlaced.Totals totals;
    private Status status;
    private Payment payment;
    private Shipping shipping;
    private boolean anonymized;
    private Instant createdAt;
    private Instant updatedAt;

    /** For Axon: event sourcing starts from an empty order. */
    protected Order() {
    }

    /**
     * An order of {@code items}, whose values and totals are computed here, never taken from a client. Patron has no
     * tax rates: the tax is 0 and both totals are the sum of the lines.
     */
    Order(String orderId, String cartReference, String customerId, OrderPlaced.Buyer buyer,
          OrderPlaced.Address billingAddress, OrderPlaced.Address shippingAddress, String currency,
          List<OrderPlaced.Item> items) {
        if (items.isEmpty()) {
            throw new RuleViolation("data", "An order needs at least one item");
        }
        List<OrderPlaced.Item> priced = items.stream().map(item -> new OrderPlaced.Item(item.itemId(), item.sku(),
                item.name(), item.description(), item.quantity(), item.unitAmount(), item.includesTax(),
                Math.multiplyExact(item.unitAmount(), (long) item.quantity()))).toList();
        long total = priced.stream().mapToLong(OrderPlaced.Item::value).reduce(0, Math::addExact);
        apply(new OrderPlaced(orderId, cartReference, customerId, buyer, billingAddress, shippingAddress, currency,
                priced, new OrderPlaced.Totals(total, 0, total)));
    }

    @CommandHandler
    OrderState handle(PayForOrder command) {
        if (status == Status.CANCELLED) {
            throw new RuleViolation("data.method", "A cancelled order cannot be paid");
        }
        switch (command.method()) {
            case PURCHASE, AUTHORIZE -> {
                if (payment != Payment.UNPAID) {
                    throw new RuleViolation("data.method", "The order is " + payment.wireName()
                            + " already; only an unpaid order can be paid or authorized");
                }
                apply(PURCHASE.equals(command.method())
                        ? new OrderPaid(orderId, command.transactionId(), command.gateway(), PURCHASE)
                        : new OrderPaymentAuthorized(orderId, command.transactionId(), command.gateway()));
            }
            case CAPTURE -> {
                if (payment != Payment.AUTHORIZED) {
                    throw new RuleViolation("data.method",
                            "Only an authorized payment can be captured; the order is " + payment.wireName());
                }
                apply(new OrderPaid(orderId, command.transactionId(), command.gateway(), CAPTURE));
            }
            default -> throw new RuleViolation("data.method", "method must be purchase, authorize or capture");
        }
        return state();
    }

    @CommandHandler
    OrderState handle(FulfilOrder command) {
        if (shipping == Shipping.FULFILLED) {
            return state();
        }
        if (payment != Payment.PAID) {
            throw new RuleViolation("data.shipping", "Only a paid order can be fulfilled; this one is "
                    + (status == Status.CANCELLED ? "cancelled" : payment.wireName()));
        }
        apply(new OrderFulfilled(orderId));
        return state();
    }

    @CommandHandler
    OrderState handle(CancelOrder command) {
        if (status == Status.CANCELLED) {
            return state();
        }
        if (payment == Payment.PAID || shipping == Shipping.FULFILLED) {
            throw new RuleViolation("data.status", "Only an order that is neither paid nor fulfilled can be "
                    + "cancelled");
        }
        apply(new OrderCancelled(orderId));
        return state();
    }

    /** Through {@link OrderAnonymizer}, which loads every order of a request before it changes any. */
    OrderState anonymize() {
        if (!anonymized) {
            apply(new OrderAnonymized(orderId));
        }
        return state();
    }

    OrderState state() {
        return new OrderState(orderId, customerId, buyer, billingAddress, shippingAddress, currency, items, totals,
                status, payment, shipping, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(OrderPlaced event, @Timestamp Instant at) {
        orderId = event.orderId();
        customerId = event.customerId();
        buyer = event.buyer();
        billingAddress = event.billingAddress();
        shippingAddress = event.shippingAddress();
        currency = event.currency();
        items = event.items();
        totals = event.totals();
        status = Status.INCOMPLETE;
        payment = Payment.UNPAID;
        shipping = Shipping.UNFULFILLED;
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(OrderPaymentAuthorized event, @Timestamp Instant at) {
        payment = Payment.AUTHORIZED;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(OrderPaid event, @Timestamp Instant at) {
        payment = Payment.PAID;
        status = Status.COMPLETE;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(OrderFulfilled event, @Timestamp Instant at) {
        shipping = Shipping.FULFILLED;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(OrderCancelled event, @Timestamp Instant at) {
        status = Status.CANCELLED;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(OrderAnonymized event, @Timestamp Instant at) {
        anonymized = true;
        buyer = null;
        billingAddress = null;
        shippingAddress = null;
        updatedAt = at;
    }
}
