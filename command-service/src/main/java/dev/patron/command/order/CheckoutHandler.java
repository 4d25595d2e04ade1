package dev.patron.command.order;

import dev.patron.command.cart.Cart;
import dev.patron.command.cart.CartContents;
import dev.patron.command.customer.CustomerState;
import dev.patron.command.customer.LiveCustomers;
import dev.patron.command.order.OrderCommands.PlaceOrder;
import dev.patron.eventstore.privacy.DataKeyStore;
import dev.patron.events.order.OrderPlaced;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Checks a cart out as an order, in one unit of work that sees the customer, the cart and the new order, which no
 * single aggregate can. The cart's {@code CartCheckedOut} is applied before the order's {@code OrderPlaced}, so the
 * two are stored in that order in one append: when a concurrent checkout of the same cart took the cart's next
 * sequence number, this append fails at the cart, before anything of its order is stored. One cart content, at most
 * one order.
 */
@Component
class CheckoutHandler {

    private final Repository<Cart> carts;
    private final Repository<Order> orders;
    private final LiveCustomers liveCustomers;
    private final DataKeyStore dataKeys;

    CheckoutHandler(Repository<Cart> carts, Repository<Order> orders, LiveCustomers liveCustomers,
                    DataKeyStore dataKeys) {
        this.carts = carts;
        this.orders = orders;
        this.liveCustomers = liveCustomers;
        this.dataKeys = dataKeys;
    }

    /**
     * A customer's order keeps the customer's name and email as they are at checkout; a guest's keeps what the guest
     * gave. The order's data key is made before its events are stored (they are encrypted with it): a customer's kept
     * under the customer's key, so erasing the customer erases it.
     */
    @CommandHandler
    OrderState handle(PlaceOrder command) throws Exception {
        OrderPlaced.Buyer buyer = command.guest();
        if (command.customerId() != null) {
            CustomerState customer = liveCustomers.require(command.customerId());
            buyer = new OrderPlaced.Buyer(customer.name(), customer.email());
        }
        CartContents cart = cart(command.cartReference())
                .invoke(checkedOut -> checkedOut.checkOut(command.orderId(), command.access()));
        if (command.customerId() != null) {
            dataKeys.createKeyUnder(command.orderId(), command.customerId());
        } else {
            dataKeys.createKeys(List.of(command.orderId()));
        }
        OrderPlaced.Buyer orderBuyer = buyer;
        List<OrderPlaced.Item> items = cart.lines().stream()
                .map(line -> new OrderPlaced.Item(line.itemId(), line.sku(), line.name(), line.description(),
                        line.quantity(), line.unitAmount(), line.includesTax(), line.value()))
                .toList();
        return orders.newInstance(() -> new Order(command.orderId(), command.cartReference(), command.customerId(),
                        orderBuyer, command.billingAddress(), command.shippingAddress(), cart.currency(), items))
                .invoke(Order::state);
    }

    /** A reference never used is a cart with nothing in it. */
    private Aggregate<Cart> cart(String reference) {
        try {
            return carts.load(Cart.streamOf(reference));
        } catch (AggregateNotFoundException neverUsed) {
            throw Cart.emptyCheckout();
        }
    }
}
