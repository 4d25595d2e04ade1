package dev.patron.command.cart;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.patron.command.cart.CartCommands.AddCartItem;
import dev.patron.command.cart.CartCommands.AssociateCartWithCustomer;
import dev.patron.command.cart.CartCommands.ChangeCartItemQuantity;
import dev.patron.command.cart.CartCommands.EmptyCart;
import dev.patron.command.cart.CartCommands.RemoveCartItem;
import dev.patron.command.write.RuleViolation;
import dev.patron.events.cart.CartAssociatedWithCustomer;
import dev.patron.events.cart.CartCheckedOut;
import dev.patron.events.cart.CartCreated;
import dev.patron.events.cart.CartEmptied;
import dev.patron.events.cart.CartItemAdded;
import dev.patron.events.cart.CartItemQuantityChanged;
import dev.patron.events.cart.CartItemRemoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A shopper's cart of custom items (Patron has no catalogue), as a stream of events. A cart exists from the first use
 * of its reference: the commands that may come first create it when missing. All changes of one cart are appended
 * at the cart's next sequence number, so two concurrent changes cannot both build on the same contents: the loser is
 * retried on the new contents (see the cart writes), and nothing is lost.
 * <p>
 * Bounds keep every amount far from overflow: at most {@value #MAX_LINES} lines of at most {@value #MAX_QUANTITY}
 * each, at most {@value #MAX_UNIT_AMOUNT} minor units apiece, so a total stays below 10<sup>15</sup>.
 */
@Aggregate
public class Cart {

    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 10_000;
    public static final long MAX_UNIT_AMOUNT = 1_000_000_000L;

    @AggregateIdentifier
    private String stream;
    private String reference;
    private String currency;
    private String customerId;
    private final Map<String, CartLine> lines = new LinkedHashMap<>();
    private Instant createdAt;
    private Instant updatedAt;

    /** For Axon: event sourcing starts from an empty cart. */
    protected Cart() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CartContents handle(AddCartItem command) {
        openIfNew(command.reference(), command.currency());
        requireReachableBy(command.access());
        if (!command.currency().agreesWith(currency)) {
            throw new RuleViolation("X-Moltin-Currency", "This cart's prices are in " + currency
                    + "; an item priced in " + command.currency().requested() + " cannot be added");
        }
        CartItem item = command.item();
        Optional<CartLine> same = lines.values().stream().filter(line -> line.samePriceAndProductAs(item)).findFirst();
        if (same.isPresent()) {
            int quantity = same.get().quantity() + item.quantity();
            requireQuantityAtMost(quantity);
            apply(new CartItemQuantityChanged(reference, same.get().itemId(), quantity));
        } else {
            if (lines.size() >= MAX_LINES) {
                throw new RuleViolation("data", "A cart holds at most " + MAX_LINES + " different items");
            }
            requireQuantityAtMost(item.quantity());
            apply(new CartItemAdded(reference, command.itemId(), item.sku(), item.name(), item.description(),
                    item.quantity(), item.unitAmount(), item.includesTax()));
        }
        return contents();
    }

    @CommandHandler
    CartContents handle(ChangeCartItemQuantity command) {
        requireReachableBy(command.access());
        CartLine line = line(command.itemId());
        if (command.quantity() == 0) {
            apply(new CartItemRemoved(reference, line.itemId()));
        } else if (command.quantity() != line.quantity()) {
            requireQuantityAtMost(command.quantity());
            apply(new CartItemQuantityChanged(reference, line.itemId(), command.quantity()));
        }
        return contents();
    }

    @CommandHandler
    CartContents handle(RemoveCartItem command) {
        requireReachableBy(command.access());
        apply(new CartItemRemoved(reference, line(command.itemId()).itemId()));
        return contents();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CartContents handle(EmptyCart command) {
        openIfNew(command.reference(), command.currency());
        requireReachableBy(command.access());
        if (!lines.isEmpty()) {
            apply(new CartEmptied(reference));
        }
        return contents();
    }

    /**
     * A cart belongs to one customer at most; associating it with them again changes nothing. Reached through
     * {@link CartAssociationHandler}, which first makes sure the customer exists.
     */
    CartContents associate(AssociateCartWithCustomer command) {
        openIfNew(command.reference(), command.currency());
        requireReachableBy(command.access());
        if (customerId == null) {
            apply(new CartAssociatedWithCustomer(reference, command.customerId()));
        } else if (!customerId.equals(command.customerId())) {
            throw new RuleViolation("data[0].id", "This cart belongs to another customer");
        }
        return contents();
    }

    /**
     * Turns the cart's lines into the order {@code orderId}, whose creation the caller appends in the same unit of
     * work: the cart's event goes first, so when a concurrent checkout took the cart's next sequence number, this
     * one fails before anything of its order is stored. The cart is empty afterwards.
     *
     * @return the lines as they were, which the order copies
     */
    public CartContents checkOut(String orderId, CartAccess access) {
        requireReachableBy(access);
        if (lines.isEmpty()) {
            throw emptyCheckout();
        }
        CartContents checkedOut = contents();
        apply(new CartCheckedOut(reference, orderId));
        return checkedOut;
    }

    /** The event stream of the cart with this reference. */
    public static String streamOf(String reference) {
        return CartCommands.streamOf(reference);
    }

    public CartContents contents() {
        return new CartContents(reference, currency, customerId, List.copyOf(new ArrayList<>(lines.values())),
                createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(CartCreated event, @Timestamp Instant at) {
        stream = CartCommands.streamOf(event.cartReference());
        reference = event.cartReference();
        currency = event.currency();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CartItemAdded event, @Timestamp Instant at) {
        lines.put(event.itemId(), new CartLine(event.itemId(), event.sku(), event.name(), event.description(),
                event.quantity(), event.unitAmount(), event.includesTax(), at, at));
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CartItemQuantityChanged event, @Timestamp Instant at) {
        lines.computeIfPresent(event.itemId(), (id, line) -> line.withQuantity(event.quantity(), at));
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CartItemRemoved event, @Timestamp Instant at) {
        lines.remove(event.itemId());
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CartEmptied event, @Timestamp Instant at) {
        lines.clear();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CartAssociatedWithCustomer event, @Timestamp Instant at) {
        customerId = event.customerId();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CartCheckedOut event, @Timestamp Instant at) {
        lines.clear();
        updatedAt = at;
    }

    /** On the first use of a reference the cart is new: it starts in the currency of that request. */
    private void openIfNew(String newReference, CartCurrency requested) {
        if (reference == null) {
            apply(new CartCreated(newReference, requested.forNewCart()));
        }
    }

    /** Checking out a cart with nothing in it: refused, and no order is made. */
    public static RuleViolation emptyCheckout() {
        return new RuleViolation("data", "The cart is empty: there is nothing to check out");
    }

    private void requireReachableBy(CartAccess access) {
        if (!access.reaches(customerId)) {
            throw new UnknownCartException(reference);
        }
    }

    private CartLine line(String itemId) {
        CartLine line = lines.get(itemId);
        if (line == null) {
            throw new UnknownCartItemException(itemId);
        }
        return line;
    }

    private static void requireQuantityAtMost(int quantity) {
        if (quantity > MAX_QUANTITY) {
            throw new RuleViolation("data.quantity", "quantity of an item must be at most " + MAX_QUANTITY);
        }
    }
}
